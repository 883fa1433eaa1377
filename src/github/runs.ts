import type { CallOptions, GitHubClient, GitHubResponse } from './client.ts';
import type { ListPage, RepoRef } from './jobs.ts';
import { expandRoute } from './routes.ts';
import type { GitHubWorkflowRun, GitHubWorkflowRunList } from './types.ts';

/** One function per REST operation, named after its operationId. Callers validate owner/repo/ids first. */

/** The list filters GitHub takes (GITHUB-REST.md, "Workflow runs"); `status` is a status or a conclusion. */
export interface RunFilters {
  branch?: string | undefined;
  event?: string | undefined;
  actor?: string | undefined;
  headSha?: string | undefined;
  status?: string | undefined;
  /** GitHub's date-range syntax: `>=2026-02-01`, `2026-02-01..2026-02-10`. */
  created?: string | undefined;
}

/** Fixed parameter order, so equal requests have equal URLs (cache keys upstream and here). */
function listQuery(filters: RunFilters, page: ListPage) {
  return {
    actor: filters.actor,
    branch: filters.branch,
    event: filters.event,
    status: filters.status,
    created: filters.created,
    head_sha: filters.headSha,
    per_page: page.perPage,
    page: page.page,
  };
}

/** actions/list-workflow-runs-for-repo: newest first. */
export function listWorkflowRunsForRepo(client: GitHubClient, ref: RepoRef & { filters: RunFilters } & ListPage, options: CallOptions): Promise<GitHubResponse<GitHubWorkflowRunList>> {
  return client.getJson(expandRoute('listWorkflowRunsForRepo', { owner: ref.owner, repo: ref.repo }), listQuery(ref.filters, ref), options);
}

/** actions/list-workflow-runs: one workflow's runs; `workflow` is its id or file name (`ci.yml`). */
export function listWorkflowRuns(
  client: GitHubClient,
  ref: RepoRef & { workflow: string; filters: RunFilters } & ListPage,
  options: CallOptions,
): Promise<GitHubResponse<GitHubWorkflowRunList>> {
  return client.getJson(expandRoute('listWorkflowRuns', { owner: ref.owner, repo: ref.repo, workflow_id: ref.workflow }), listQuery(ref.filters, ref), options);
}

/** actions/get-workflow-run: the latest attempt. */
export function getWorkflowRun(client: GitHubClient, ref: RepoRef & { runId: number }, options: CallOptions): Promise<GitHubResponse<GitHubWorkflowRun>> {
  return client.getJson(expandRoute('getWorkflowRun', { owner: ref.owner, repo: ref.repo, run_id: ref.runId }), undefined, options);
}

