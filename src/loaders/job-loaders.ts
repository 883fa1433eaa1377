import type { CallOptions, GitHubClient } from '../github/client.ts';
import { getJobForWorkflowRun, listJobsForWorkflowRun, listJobsForWorkflowRunAttempt } from '../github/jobs.ts';
import { checkJobIdentity } from '../github/job-repo.ts';
import { jobCacheKey, listScope, type JobKey, type JobListRef } from '../plan/keys.ts';
import type { ItemWindow } from '../plan/pages.ts';
import type { GitHubJob } from '../github/types.ts';
import { createListWindowLoader } from './list-window-loader.ts';
import { createRunLoaders, type RunLoaders } from './run-loaders.ts';
import { createByKeyLoader } from './by-key-loader.ts';

/**
 * Per-request DataLoaders: created in the context for one GraphQL request and one caller, never shared.
 * They make one request never ask GitHub twice for the same thing:
 * - `job` dedupes by (owner, repo, id), and every job that arrives in a list primes it;
 * - `jobWindow` merges all windows of one list (run + filter, or run + attempt) asked in the same tick
 *   into one page plan, and serves windows that earlier pages of this request already cover for free.
 */

export type { JobKey, JobListRef } from '../plan/keys.ts';

export interface JobWindowKey extends ItemWindow {
  list: JobListRef;
}

export interface JobWindow {
  /** GitHub's total_count for the list. */
  total: number;
  /** The jobs at [offset, min(offset + count, total)). */
  jobs: GitHubJob[];
}

/** Job loaders here; `run` and `runWindow` come from run-loaders.ts. */
export interface Loaders extends RunLoaders {
  job: { load(key: JobKey): Promise<GitHubJob> };
  jobWindow: { load(key: JobWindowKey): Promise<JobWindow> };
}

export interface LoaderOptions {
  client: GitHubClient;
  call: CallOptions;
}

export function createLoaders({ client, call }: LoaderOptions): Loaders {
  const job = createByKeyLoader<JobKey, GitHubJob>({
    cacheKeyFn: jobCacheKey,
    fetchOne: async (key) => checkJobIdentity((await getJobForWorkflowRun(client, key, call)).data, key, `/actions/jobs/${key.jobId}`),
  });

  // The list rules (one page plan per list, knowledge of earlier pages, first page alone while the
  // length is unknown) live in list-window-loader.ts, shared with the runs lists.
  const windows = createListWindowLoader<JobListRef, GitHubJob>({
    scopeOf: listScope,
    fetchPage: async (list, perPage, page) => {
      const ref = { owner: list.owner, repo: list.repo, runId: list.runId, perPage, page };
      const response =
        list.attempt !== null
          ? await listJobsForWorkflowRunAttempt(client, { ...ref, attempt: list.attempt }, call)
          : await listJobsForWorkflowRun(client, { ...ref, filter: list.filter }, call);
      for (const item of response.data.jobs) checkJobIdentity(item, list, `/actions/runs/${list.runId}/jobs`);
      return { total: response.data.total_count, items: response.data.jobs };
    },
    onItem: (list, item) => job.prime({ owner: list.owner, repo: list.repo, jobId: item.id }, item),
  });
  const jobWindow: Loaders['jobWindow'] = {
    load: (key) => windows.load(key).then((result) => ({ total: result.total, jobs: result.items })),
  };

  return { job, jobWindow, ...createRunLoaders({ client, call }) };
}
