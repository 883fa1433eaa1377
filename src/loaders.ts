import DataLoader from 'dataloader';
import type { CallOptions, GitHubClient } from './github/client.ts';
import { getJobForWorkflowRun, listJobsForWorkflowRun, listJobsForWorkflowRunAttempt } from './github/jobs.ts';
import { pageRange, planPages, type ItemWindow, type PagePlan } from './github/pagination.ts';
import type { GitHubJob, GitHubJobList } from './github/types.ts';
import { createRunLoaders, type RunLoaders } from './run-loaders.ts';

/**
 * Per-request DataLoaders: created in the context for one GraphQL request and one caller, never shared.
 * They make one request never ask GitHub twice for the same thing:
 * - `job` dedupes by (owner, repo, id), and every job that arrives in a list primes it;
 * - `jobWindow` merges all windows of one list (run + filter, or run + attempt) asked in the same tick
 *   into one page plan, and serves windows that earlier pages of this request already cover for free.
 */

export interface JobKey {
  owner: string;
  repo: string;
  jobId: number;
}

export interface JobListRef {
  owner: string;
  repo: string;
  runId: number;
  filter: 'latest' | 'all';
  /** When set, the attempt's own endpoint; `filter` does not apply there. */
  attempt: number | null;
}

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
  job: DataLoader<JobKey, GitHubJob, string>;
  jobWindow: DataLoader<JobWindowKey, JobWindow, string>;
}

export interface LoaderOptions {
  client: GitHubClient;
  call: CallOptions;
  /** false: no batching, no dedupe, no priming: the naive baseline the bench measures against. */
  batch?: boolean;
}

/** Case-insensitive, like GitHub's owner/repo: `Octo-Org/App` and `octo-org/app` are one key. */
export function jobCacheKey({ owner, repo, jobId }: JobKey): string {
  return `${owner.toLowerCase()}/${repo.toLowerCase()}/${jobId}`;
}

/** Names one list for cursors and cache keys. */
export function listScope(list: JobListRef): string {
  const which = list.attempt !== null ? `attempt-${list.attempt}` : list.filter;
  return `${list.owner.toLowerCase()}/${list.repo.toLowerCase()}/${list.runId}/${which}`;
}

interface PageKey {
  list: JobListRef;
  perPage: number;
  page: number;
}

/** What this request already knows of one list: jobs by position, and the total once a page told it. */
interface ListKnowledge {
  total: number | undefined;
  byPosition: Map<number, GitHubJob>;
}

export function createLoaders({ client, call, batch = true }: LoaderOptions): Loaders {
  const lists = new Map<string, ListKnowledge>();
  const knowledgeOf = (list: JobListRef) => {
    const scope = listScope(list);
    let known = lists.get(scope);
    if (!known) lists.set(scope, (known = { total: undefined, byPosition: new Map() }));
    return known;
  };

  const job = new DataLoader<JobKey, GitHubJob, string>(
    (keys) =>
      Promise.all(
        keys.map((key) =>
          getJobForWorkflowRun(client, key, call).then(
            (response) => response.data,
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

  /**
   * While the list's length is unknown, a plan of several pages asks its first page alone: its
   * total_count tells which of the others exist, so no call is spent on a page past the end (each
   * would cost a rate-limit point for an empty list). `first: 500` on a 260-job run is 3 calls, not 5,
   * at the price of one extra round trip; the remaining pages still go concurrently.
   */
  const loadPlannedPages = async (list: JobListRef, plan: PagePlan): Promise<Array<GitHubJobList | Error>> => {
    const pageKeys = plan.pages.map((p) => ({ list, perPage: plan.perPage, page: p }));
    const [head, ...rest] = pageKeys;
    if (!head || rest.length === 0 || knowledgeOf(list).total !== undefined) return page.loadMany(pageKeys);
    const first = await page.load(head).catch(asError);
    if (first instanceof Error) return pageKeys.map(() => first);
    const total = first.total_count;
    const existing = rest.filter((key) => (key.page - 1) * key.perPage < total);
    const others = await page.loadMany(existing);
    return [first, ...rest.map((key) => others[existing.indexOf(key)] ?? { total_count: total, jobs: [] })];
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
        const missing = indexes.filter((i) => !covers(knowledgeOf(list), keys[i] as JobWindowKey));
        // An empty window still needs GitHub's total_count: any page tells it, so ask for the first.
        const plan = planPages(missing.map((i) => ((keys[i] as JobWindowKey).count > 0 ? (keys[i] as JobWindowKey) : { offset: 0, count: 1 })));
        const pages = plan ? await loadPlannedPages(list, plan) : [];
        for (const index of indexes) {
          const key = keys[index] as JobWindowKey;
          results[index] = batch ? fromKnowledge(knowledgeOf(list), key) : fromPages(plan?.perPage ?? 1, plan?.pages ?? [], pages, key);
        }
        // A failed page fails only the windows that needed it.
        if (plan) {
          plan.pages.forEach((p, i) => {
            const result = pages[i];
            if (!(result instanceof Error)) return;
            for (const index of missing) if (touches(keys[index] as JobWindowKey, pageRange(plan.perPage, p))) results[index] = result;
          });
        }
      }),
    );
    return results;
  };

  const jobWindow = new DataLoader<JobWindowKey, JobWindow, string>(loadWindows, {
    cacheKeyFn: (key) => `${listScope(key.list)}|${key.offset}|${key.count}`,
    batch,
    cache: batch,
  });

  return { job, jobWindow, ...createRunLoaders({ client, call, batch }) };
}

function covers(known: ListKnowledge, window: ItemWindow): boolean {
  if (known.total === undefined) return false;
  const end = Math.min(window.offset + window.count, known.total);
  for (let position = window.offset; position < end; position++) if (!known.byPosition.has(position)) return false;
  return true;
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
