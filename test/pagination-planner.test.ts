import { describe, expect, it } from 'vitest';
import type { CallOptions, GitHubClient, Query } from '../src/github/client.ts';
import { ANONYMOUS } from '../src/github/credentials.ts';
import { planPages } from '../src/plan/pages.ts';
import type { GitHubJob } from '../src/github/types.ts';
import { createLoaders, type JobListRef } from '../src/loaders/job-loaders.ts';

/** The physical limit, computed independently of the planner: enumerate items, not page arithmetic. */
function minimumCalls(offset: number, count: number): number {
  if (count === 0) return 0;
  let best = Number.POSITIVE_INFINITY;
  for (let perPage = 1; perPage <= 100; perPage++) {
    const pages = new Set<number>();
    for (let item = offset; item < offset + count; item++) pages.add(Math.floor(item / perPage));
    best = Math.min(best, pages.size);
  }
  return best;
}

/** A list endpoint that pages exactly like GitHub's (per_page clamp at 100, page past the end empty). */
function listClient(total: number) {
  const calls: string[] = [];
  const jobs = Array.from({ length: total }, (_, i) => ({ id: 1_000 + i, run_id: 7, url: `https://api.github.com/repos/o/r/actions/jobs/${1_000 + i}` }) as GitHubJob);
  const client: GitHubClient = {
    baseUrl: 'https://api.github.com',
    async getJson<T>(path: string, query: Query | undefined, _options: CallOptions) {
      const perPage = Math.min(Number(query?.per_page ?? 30), 100);
      const page = Number(query?.page ?? 1);
      calls.push(`${path}?per_page=${perPage}&page=${page}`);
      const data = { total_count: total, jobs: jobs.slice((page - 1) * perPage, page * perPage) };
      return { status: 200, headers: {}, data: data as T };
    },
    getRedirect: () => Promise.reject(new Error('not used')),
  };
  return { client, calls };
}

const list: JobListRef = { owner: 'o', repo: 'r', runId: 7, filter: 'latest', attempt: null };

describe('planPages', () => {
  it('covers an offset of 25 with count 10 in one call on the canonical per_page=100 page', () => {
    expect(planPages([{ offset: 25, count: 10 }])).toEqual({ perPage: 100, pages: [1] });
  });

  it('straddles the 100 boundary with one call by choosing a page size whose grid contains the window', () => {
    expect(planPages([{ offset: 95, count: 10 }])).toEqual({ perPage: 95, pages: [2] });
  });

  it('fetches all 260 jobs of a run as three per_page=100 pages', () => {
    expect(planPages([{ offset: 0, count: 260 }])).toEqual({ perPage: 100, pages: [1, 2, 3] });
  });

  it('merges overlapping windows of one list into one plan', () => {
    expect(planPages([{ offset: 0, count: 30 }, { offset: 10, count: 50 }, { offset: 150, count: 10 }])).toEqual({ perPage: 100, pages: [1, 2] });
  });

  it('plans nothing for empty windows', () => {
    expect(planPages([{ offset: 40, count: 0 }])).toBeUndefined();
  });

  const grid: Array<[number, number]> = [];
  for (const offset of [0, 1, 25, 29, 30, 99, 100, 101, 150, 199, 250, 333, 498]) for (const count of [1, 10, 30, 99, 100, 101, 150, 260, 500]) grid.push([offset, count]);

  it.each(grid)('offset %i count %i: the fewest calls, per_page ≤ 100, every item covered', (offset, count) => {
    const plan = planPages([{ offset, count }]);
    expect(plan).toBeDefined();
    expect(plan!.perPage).toBeLessThanOrEqual(100);
    expect(plan!.pages.length).toBe(minimumCalls(offset, count));
    const covered = new Set(plan!.pages.flatMap((page) => Array.from({ length: plan!.perPage }, (_, i) => (page - 1) * plan!.perPage + i)));
    for (let item = offset; item < offset + count; item++) expect(covered.has(item)).toBe(true);
  });
});

describe('jobWindow loader over a GitHub-like list', () => {
  const cases: Array<[number, number, number]> = [];
  for (const total of [0, 1, 30, 100, 101, 260]) for (const offset of [0, 25, 95, 100, 259, 300]) for (const count of [0, 1, 10, 30, 100, 260]) cases.push([total, offset, count]);

  it.each(cases)('total %i, window at %i of %i: exact requests and items', async (total, offset, count) => {
    const { client, calls } = listClient(total);
    const loaders = createLoaders({ client, call: { credential: ANONYMOUS } });
    const result = await loaders.jobWindow.load({ list, offset, count });
    const expectedIds = Array.from({ length: Math.max(0, Math.min(offset + count, total) - offset) }, (_, i) => 1_000 + offset + i);
    expect(result.jobs.map((job) => job.id)).toEqual(expectedIds);
    expect(result.total).toBe(total);
    // An empty window still asks one page, for total_count. A multi-page plan asks its first page,
    // then only the planned pages that total_count says exist.
    const plan = planPages([count === 0 ? { offset: 0, count: 1 } : { offset, count }])!;
    const [head, ...rest] = plan.pages;
    const asked = [head!, ...rest.filter((page) => (page - 1) * plan.perPage < total)];
    expect(calls).toEqual(asked.map((page) => `/repos/o/r/actions/runs/7/jobs?per_page=${plan.perPage}&page=${page}`));
    expect(calls.length).toBeLessThanOrEqual(count === 0 ? 1 : minimumCalls(offset, count));
  });

  it('serves a later window that earlier pages of the same request cover without a call', async () => {
    const { client, calls } = listClient(260);
    const loaders = createLoaders({ client, call: { credential: ANONYMOUS } });
    await loaders.jobWindow.load({ list, offset: 0, count: 260 });
    const later = await loaders.jobWindow.load({ list, offset: 120, count: 15 });
    expect(later.jobs.map((job) => job.id)).toEqual(Array.from({ length: 15 }, (_, i) => 1_120 + i));
    expect(calls).toHaveLength(3);
  });

  it('primes the job loader with every listed job', async () => {
    const { client, calls } = listClient(40);
    const loaders = createLoaders({ client, call: { credential: ANONYMOUS } });
    await loaders.jobWindow.load({ list, offset: 0, count: 40 });
    const job = await loaders.job.load({ owner: 'O', repo: 'R', jobId: 1_017 });
    expect(job.id).toBe(1_017);
    expect(calls).toHaveLength(1);
  });
});
