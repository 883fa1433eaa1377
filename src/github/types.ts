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
