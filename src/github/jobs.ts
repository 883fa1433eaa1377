import type { CallOptions, GitHubClient, GitHubResponse } from './client.ts';
import { expandRoute } from './routes.ts';
import type { GitHubJob, GitHubJobList } from './types.ts';

/** One function per REST operation, named after its operationId. Callers validate owner/repo/ids first. */

export interface RepoRef {
  owner: string;
  repo: string;
}

/** actions/get-job-for-workflow-run */
export function getJobForWorkflowRun(client: GitHubClient, ref: RepoRef & { jobId: number }, options: CallOptions): Promise<GitHubResponse<GitHubJob>> {
  return client.getJson<GitHubJob>(expandRoute('getJobForWorkflowRun', { owner: ref.owner, repo: ref.repo, job_id: ref.jobId }), undefined, options);
}

export interface ListPage {
  perPage: number;
  page: number;
}

/** actions/list-jobs-for-workflow-run: `filter=latest` (most recent attempt) or `all` (every attempt). */
export function listJobsForWorkflowRun(
  client: GitHubClient,
  ref: RepoRef & { runId: number; filter: 'latest' | 'all' } & ListPage,
  options: CallOptions,
): Promise<GitHubResponse<GitHubJobList>> {
  // Parameter order is fixed so equal requests have equal URLs (cache keys upstream and here).
  return client.getJson<GitHubJobList>(
    expandRoute('listJobsForWorkflowRun', { owner: ref.owner, repo: ref.repo, run_id: ref.runId }),
    { filter: ref.filter, per_page: ref.perPage, page: ref.page },
    options,
  );
}

/** actions/list-jobs-for-workflow-run-attempt: 404 when the attempt does not exist. */
export function listJobsForWorkflowRunAttempt(
  client: GitHubClient,
  ref: RepoRef & { runId: number; attempt: number } & ListPage,
  options: CallOptions,
): Promise<GitHubResponse<GitHubJobList>> {
  return client.getJson<GitHubJobList>(
    expandRoute('listJobsForWorkflowRunAttempt', { owner: ref.owner, repo: ref.repo, run_id: ref.runId, attempt_number: ref.attempt }),
    { per_page: ref.perPage, page: ref.page },
    options,
  );
}

/** actions/download-job-logs-for-workflow-run: answers 302 to a short-lived signed URL on another host. */
export function downloadJobLogsForWorkflowRun(client: GitHubClient, ref: RepoRef & { jobId: number }, options: CallOptions): Promise<URL> {
  return client.getRedirect(expandRoute('downloadJobLogsForWorkflowRun', { owner: ref.owner, repo: ref.repo, job_id: ref.jobId }), options);
}
