import type { components } from '@octokit/openapi-types';

type SpecJob = components['schemas']['job'];

/**
 * GitHub's `job` object exactly as the REST API returns it (the upstream JSON is our backing model).
 * The spec types int64 ids as `number | bigint`; JSON.parse always yields numbers, exact below 2^53.
 */
export type GitHubJob = Omit<SpecJob, 'id' | 'run_id' | 'runner_id' | 'runner_group_id'> & {
  id: number;
  run_id: number;
  runner_id: number | null;
  runner_group_id: number | null;
};
export type GitHubJobStep = NonNullable<GitHubJob['steps']>[number];

/** The `{ total_count, jobs }` envelope of both list operations. */
export interface GitHubJobList {
  total_count: number;
  jobs: GitHubJob[];
}

type SpecWorkflowRun = components['schemas']['workflow-run'];

/** GitHub's `workflow-run` object as the REST API returns it; int64 ids as JSON numbers (exact below 2^53). */
export type GitHubWorkflowRun = Omit<SpecWorkflowRun, 'id' | 'workflow_id' | 'check_suite_id' | 'head_repository_id'> & {
  id: number;
  workflow_id: number;
  check_suite_id?: number;
  head_repository_id?: number;
};
export type GitHubSimpleUser = NonNullable<SpecWorkflowRun['actor']>;

/** The `{ total_count, workflow_runs }` envelope of both list operations. */
export interface GitHubWorkflowRunList {
  total_count: number;
  workflow_runs: GitHubWorkflowRun[];
}
