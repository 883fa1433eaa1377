import type { CallOptions, GitHubClient } from '../github/client.ts';
import { getWorkflowRun, listWorkflowRuns, listWorkflowRunsForRepo, type RunFilters } from '../github/runs.ts';
import type { GitHubWorkflowRun } from '../github/types.ts';
import { createListWindowLoader, type ItemWindowKey, type ItemWindowResult } from './list-window-loader.ts';
import { createByKeyLoader } from './by-key-loader.ts';
import { repoKey, runCacheKey, type RunKey } from '../plan/keys.ts';

/**
 * Per-request loaders for workflow runs, beside the job loaders (job-loaders.ts):
 * - `run` dedupes GET …/actions/runs/{run_id} by (owner, repo, id), and every run that arrives in a
 *   list primes it, so a run listed by `workflowRuns` never costs a second call for its fields;
 * - `runWindow` plans the pages of one filtered list (the same page planner and rules as `jobWindow`).
 */
export interface RunListRef {
  owner: string;
  repo: string;
  /** A workflow id or file name: …/workflows/{workflow_id}/runs; null: every workflow of the repository. */
  workflow: string | null;
  filters: RunFilters;
}

export interface RunLoaders {
  run: { load(key: RunKey): Promise<GitHubWorkflowRun> };
  runWindow: { load(key: ItemWindowKey<RunListRef>): Promise<ItemWindowResult<GitHubWorkflowRun>> };
}

/** Names one filtered list for cursors and cache keys: the same filters in any order are one list. */
export function runListScope(list: RunListRef): string {
  const filters = Object.entries(list.filters)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `${repoKey(list)}/runs/${list.workflow === null ? '*' : encodeURIComponent(list.workflow)}?${filters}`;
}


export function createRunLoaders({ client, call }: { client: GitHubClient; call: CallOptions }): RunLoaders {
  // Runs that lists of this request brought, and the list loads still in flight per repository: a run
  // asked by id in the same tick as a list of its repository (`workflowRuns` beside `workflowRun`, or
  // Job.run) waits for those lists, and costs no GET when one of them held it.
  const listed = new Map<string, GitHubWorkflowRun>();
  const listsInFlight = new Map<string, Set<Promise<unknown>>>();

  const run = createByKeyLoader<RunKey, GitHubWorkflowRun>({
    cacheKeyFn: runCacheKey,
    beforeBatch: (keys) => Promise.allSettled(keys.flatMap((key) => [...(listsInFlight.get(repoKey(key)) ?? [])])),
    fetchOne: async (key) => listed.get(runCacheKey(key)) ?? (await getWorkflowRun(client, key, call)).data,
  });

  const windows = createListWindowLoader<RunListRef, GitHubWorkflowRun>({
    scopeOf: runListScope,
    fetchPage: async (list, perPage, page) => {
      const ref = { owner: list.owner, repo: list.repo, filters: list.filters, perPage, page };
      const response = list.workflow === null ? await listWorkflowRunsForRepo(client, ref, call) : await listWorkflowRuns(client, { ...ref, workflow: list.workflow }, call);
      return { total: response.data.total_count, items: response.data.workflow_runs };
    },
    onItem: (list, item) => {
      const key = { owner: list.owner, repo: list.repo, runId: item.id };
      listed.set(runCacheKey(key), item);
      run.prime(key, item);
    },
  });

  const runWindow: RunLoaders['runWindow'] = {
    load(key) {
      const loading = windows.load(key);
      const inFlight = listsInFlight.get(repoKey(key.list)) ?? new Set();
      listsInFlight.set(repoKey(key.list), inFlight);
      inFlight.add(loading);
      const settle = () => void inFlight.delete(loading);
      loading.then(settle, settle);
      return loading;
    },
  };

  return { run, runWindow };
}
