import DataLoader from 'dataloader';
import type { CallOptions, GitHubClient } from './github/client.ts';
import { checkJobIdentity } from './github/job-repo.ts';
import { getJobForWorkflowRun, listJobsForWorkflowRun, listJobsForWorkflowRunAttempt } from './github/jobs.ts';
import { jobCacheKey, listScope, type JobKey, type JobListRef } from './plan/keys.ts';
import { covered, existingPages, planListFetch, type ListState } from './plan/list-fetch.ts';
import { pageRange, type ItemWindow, type PagePlan } from './plan/pages.ts';
import type { GitHubJob, GitHubJobList } from './github/types.ts';

/**
 * Per-request DataLoaders: created in the context for one GraphQL request and one caller, never shared.
 * They make one request never ask GitHub twice for the same thing:
 * - `job` dedupes by (owner, repo, id), and every job that arrives in a list primes it;
 * - `jobWindow` merges all windows of one list (run + filter, or run + attempt) asked in the same tick
 *   into one page plan, and serves windows that earlier pages of this request already cover for free.
 */

export interface JobWindowKey extends ItemWindow {
  list: JobListRef;
}

export interface JobWindow {
  /** GitHub's total_count for the list. */
  total: number;
  /** The jobs at [offset, min(offset + count, total)). */
  jobs: GitHubJob[];
}

export interface Loaders {
  job: DataLoader<JobKey, GitHubJob, string>;
  jobWindow: DataLoader<JobWindowKey, JobWindow, string>;
}

export interface LoaderOptions {
  client: GitHubClient;
  call: CallOptions;
  /** false: no batching, no dedupe, no priming: the naive baseline the bench measures against. */
  batch?: boolean;
}

interface PageKey {
  list: JobListRef;
  perPage: number;
  page: number;
}

export type { JobKey, JobListRef } from './plan/keys.ts';

/** What this request already knows of one list: jobs by position, and the total once a page told it. */
interface ListKnowledge extends ListState {
  byPosition: Map<number, GitHubJob>;
}

export function createLoaders({ client, call, batch = true }: LoaderOptions): Loaders {
  const lists = new Map<string, ListKnowledge>();
  const knowledgeOf = (list: JobListRef) => {
    const scope = listScope(list);
    let known = lists.get(scope);
    if (!known) {
      const byPosition = new Map<number, GitHubJob>();
      lists.set(scope, (known = { total: undefined, byPosition, has: (position) => byPosition.has(position) }));
    }
    return known;
  };

  const job = new DataLoader<JobKey, GitHubJob, string>(
    (keys) =>
      Promise.all(
        keys.map((key) =>
          getJobForWorkflowRun(client, key, call).then(
            (response) => checkJobIdentity(response.data, key, `/actions/jobs/${key.jobId}`),
            (error: unknown) => asError(error),
          ),
        ),
      ),
    { cacheKeyFn: jobCacheKey, batch, cache: batch },
  );

  const fetchPage = async ({ list, perPage, page }: PageKey): Promise<GitHubJobList> => {
    const ref = { owner: list.owner, repo: list.repo, runId: list.runId, perPage, page };
    const response =
      list.attempt !== null
        ? await listJobsForWorkflowRunAttempt(client, { ...ref, attempt: list.attempt }, call)
        : await listJobsForWorkflowRun(client, { ...ref, filter: list.filter }, call);
    for (const item of response.data.jobs) checkJobIdentity(item, list, `/actions/runs/${list.runId}/jobs`);
    if (!batch) return response.data;
    const known = knowledgeOf(list);
    known.total = response.data.total_count;
    response.data.jobs.forEach((item, index) => {
      known.byPosition.set((page - 1) * perPage + index, item);
      job.prime({ owner: list.owner, repo: list.repo, jobId: item.id }, item);
    });
    return response.data;
  };

  const page = new DataLoader<PageKey, GitHubJobList, string>(
    (keys) => Promise.all(keys.map((key) => fetchPage(key).catch(asError))),
    { cacheKeyFn: (key) => `${listScope(key.list)}|${key.perPage}|${key.page}`, batch, cache: batch },
  );

  /** Executes one tick's fetch of a list (plan/list-fetch.ts): the pages to ask now, then the rest that exist. */
  const loadPlannedPages = async (list: JobListRef, plan: PagePlan, now: number[], headFirst: boolean): Promise<Array<GitHubJobList | Error>> => {
    const keyOf = (p: number): PageKey => ({ list, perPage: plan.perPage, page: p });
    const asked = await page.loadMany(now.map(keyOf));
    const byPage = new Map(now.map((p, i) => [p, asked[i] as GitHubJobList | Error]));
    const head = asked[0];
    if (headFirst && head !== undefined) {
      if (head instanceof Error) return plan.pages.map(() => head);
      const rest = existingPages(plan, head.total_count).filter((p) => !byPage.has(p));
      const others = await page.loadMany(rest.map(keyOf));
      rest.forEach((p, i) => byPage.set(p, others[i] as GitHubJobList | Error));
    }
    // Pages past the end were not asked: they hold nothing.
    const total = head instanceof Error || head === undefined ? knowledgeOf(list).total ?? 0 : head.total_count;
    return plan.pages.map((p) => byPage.get(p) ?? { total_count: total, jobs: [] });
  };

  const loadWindows = async (keys: readonly JobWindowKey[]): Promise<Array<JobWindow | Error>> => {
    const byList = new Map<string, number[]>();
    keys.forEach((key, index) => {
      const scope = listScope(key.list);
      byList.set(scope, [...(byList.get(scope) ?? []), index]);
    });
    const results: Array<JobWindow | Error> = new Array(keys.length);
    await Promise.all(
      [...byList.values()].map(async (indexes) => {
        const list = (keys[indexes[0] as number] as JobWindowKey).list;
        const windows = indexes.map((i) => keys[i] as JobWindowKey);
        const state: ListState = batch ? knowledgeOf(list) : { total: undefined, has: () => false };
        const missing = indexes.filter((i) => !covered(state, keys[i] as JobWindowKey));
        const listFetch = planListFetch(windows, state);
        const pages = listFetch ? await loadPlannedPages(list, listFetch.plan, listFetch.now, listFetch.headFirst) : [];
        for (const index of indexes) {
          const key = keys[index] as JobWindowKey;
          results[index] = batch ? fromKnowledge(knowledgeOf(list), key) : fromPages(listFetch?.plan.perPage ?? 1, listFetch?.plan.pages ?? [], pages, key);
        }
        // A failed page fails only the windows that needed it.
        listFetch?.plan.pages.forEach((p, i) => {
          const result = pages[i];
          if (!(result instanceof Error)) return;
          for (const index of missing) if (touches(keys[index] as JobWindowKey, pageRange(listFetch.plan.perPage, p))) results[index] = result;
        });
      }),
    );
    return results;
  };

  const jobWindow = new DataLoader<JobWindowKey, JobWindow, string>(loadWindows, {
    cacheKeyFn: (key) => `${listScope(key.list)}|${key.offset}|${key.count}`,
    batch,
    cache: batch,
  });

  return { job, jobWindow };
}

function fromKnowledge(known: ListKnowledge, window: ItemWindow): JobWindow {
  const total = known.total ?? 0;
  const jobs: GitHubJob[] = [];
  const end = Math.min(window.offset + window.count, total);
  for (let position = window.offset; position < end; position++) {
    const item = known.byPosition.get(position);
    if (item) jobs.push(item);
  }
  return { total, jobs };
}

/** The naive path keeps no knowledge between loads: assemble straight from the pages just fetched. */
function fromPages(perPage: number, pageNumbers: number[], pages: Array<GitHubJobList | Error>, window: ItemWindow): JobWindow {
  let total = 0;
  const jobs: GitHubJob[] = [];
  pageNumbers.forEach((p, i) => {
    const result = pages[i];
    if (!result || result instanceof Error) return;
    total = result.total_count;
    result.jobs.forEach((item, index) => {
      const position = (p - 1) * perPage + index;
      if (position >= window.offset && position < window.offset + window.count) jobs.push(item);
    });
  });
  return { total, jobs };
}

function touches(a: ItemWindow, b: ItemWindow): boolean {
  return a.count > 0 && a.offset < b.offset + b.count && b.offset < a.offset + a.count;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
