import type { CallOptions, GitHubClient, GitHubResponse } from './client.ts';
import { repoPath } from './names.ts';
import type { GitHubJob, GitHubJobList } from './types.ts';

/** One function per REST operation, named after its operationId. Callers validate owner/repo/ids first. */

export interface RepoRef {
  owner: string;
  repo: string;
}

/** actions/get-job-for-workflow-run */
export function getJobForWorkflowRun(client: GitHubClient, ref: RepoRef & { jobId: number }, options: CallOptions): Promise<GitHubResponse<GitHubJob>> {
  return client.getJson<GitHubJob>(`${repoPath(ref.owner, ref.repo)}/actions/jobs/${ref.jobId}`, undefined, options);
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
    `${repoPath(ref.owner, ref.repo)}/actions/runs/${ref.runId}/jobs`,
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
    `${repoPath(ref.owner, ref.repo)}/actions/runs/${ref.runId}/attempts/${ref.attempt}/jobs`,
    { per_page: ref.perPage, page: ref.page },
    options,
  );
}

/** actions/download-job-logs-for-workflow-run: answers 302 to a short-lived signed URL on another host. */
export function downloadJobLogsForWorkflowRun(client: GitHubClient, ref: RepoRef & { jobId: number }, options: CallOptions): Promise<URL> {
  return client.getRedirect(`${repoPath(ref.owner, ref.repo)}/actions/jobs/${ref.jobId}/logs`, options);
}
