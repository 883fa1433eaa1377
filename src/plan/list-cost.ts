import { LRUCache } from 'lru-cache';
import { connectionWindows, existingPages, planListFetch, type ListState } from './list-fetch.ts';
import { MAX_PER_PAGE, type ItemWindow } from './pages.ts';
import type { RequestedWindow } from './window.ts';

/**
 * REST calls for connections on one list, from the same rules the loaders execute (list-fetch.ts). The
 * list's length is unknown before execution, so the bound is the most calls over every length the
 * windows could meet: a length changes which pages exist and where a `last` window falls.
 */

/**
 * The calls the loaders make when these connections meet a list of `total` items. `ticks`: the windows in
 * the order the loaders see them, one group per tick (connections reached through a deeper path resolve
 * after their parents, and see what the earlier ticks fetched); `tails: false` leaves out the windows
 * asked after the total.
 */
function simulate(ticks: ReadonlyArray<readonly RequestedWindow[]>, total: number, { tails = true } = {}): { calls: number } {
  const fetched: Array<{ perPage: number; page: number }> = [];
  const state: ListState = {
    total: undefined,
    has: (position) => position < total && fetched.some(({ perPage, page }) => Math.floor(position / perPage) + 1 === page),
  };
  const ask = (perPage: number, pages: readonly number[]) => {
    for (const page of pages) {
      if (fetched.some((f) => f.perPage === perPage && f.page === page)) continue; // the page loader's cache
      fetched.push({ perPage, page });
      state.total = total;
    }
  };
  const tick = (windows: ItemWindow[]) => {
    const fetch = planListFetch(windows, state);
    if (!fetch) return;
    ask(fetch.plan.perPage, fetch.now);
    if (fetch.headFirst) ask(fetch.plan.perPage, existingPages(fetch.plan, total));
  };
  for (const requests of ticks) {
    const phases = requests.map(connectionWindows);
    tick(phases.map((phase) => phase.now));
    const later = tails ? phases.flatMap((phase) => (phase.afterTotal ? [phase.afterTotal(total)] : [])) : [];
    if (later.length > 0) tick(later);
  }
  return { calls: fetched.length };
}

/** Lengths simulated one by one before the bound falls back to counting per_page=100 pages window by window. */
const MAX_LENGTHS_TRIED = 2_000;

/**
 * Simulations one estimate may run over all its lists (each costs up to ~0.1 ms): past it, lists get the
 * cheaper grid bound, so a query of many distinct windows cannot make the estimate itself expensive.
 */
export interface SimulationBudget {
  left: number;
}

export function simulationBudget(): SimulationBudget {
  return { left: 20_000 };
}

/**
 * The longest list the bound considers. GitHub documents no maximum of jobs per run; a matrix makes at
 * most 256, and `filter=all` adds re-run attempts. Past this length a tail's worst alignment is still
 * bounded by the per_page=100 grid (straddled), only not as tightly.
 */
const LONGEST_LIST = 20_000;

/**
 * The most calls these connections on one list can cost, whatever its length. Up to a little past every
 * window's edge, each length is simulated. Beyond that, every page the ticks ask exists and each tick's
 * tails (`last` without `before`) lie past all of them, as one window [total - longest tail, total): its
 * cost is the fewest pages over every page size, at the worst length up to LONGEST_LIST.
 */
export function listCallsBound(windowsByTick: ReadonlyArray<readonly RequestedWindow[]>, budget: SimulationBudget = simulationBudget()): number {
  // Equal windows asked in one tick are one window to the planner (a nested list repeated per parent).
  const ticks = windowsByTick.map(distinct);
  const requests = ticks.flat();
  const tails = requests.filter((r) => r.end === null && r.first === null).map((r) => r.last ?? 0);
  const longestTail = Math.max(0, ...tails);
  const edges = requests.flatMap((r) => [r.start, r.end ?? 0, r.first !== null ? r.start + r.first : 0]);
  const farthest = Math.max(MAX_PER_PAGE, ...edges) + longestTail + MAX_PER_PAGE + 1;
  if (farthest > MAX_LENGTHS_TRIED || farthest + 2 > budget.left) return gridBound(requests);
  // Spent on a memo hit too, so an estimate gives the same answer whether the memo holds it or not.
  budget.left -= farthest + 2;
  const key = JSON.stringify(ticks.map((tick) => tick.map(windowKey)));
  let bound = simulatedBounds.get(key);
  if (bound === undefined) {
    bound = simulatedBound(ticks, farthest);
    simulatedBounds.set(key, bound);
  }
  return bound;
}

/**
 * Simulated bounds by the windows they were simulated for: the bound depends on nothing else, and every
 * request of one query shape asks the same windows. Simulating them again was ~70% of what a dashboard
 * request allocated (several hundred list lengths per list, ~2 MB of garbage a request under load).
 * Bounded by count: the windows come from the caller's arguments.
 */
const simulatedBounds = new LRUCache<string, number>({ max: 1_000 });

function simulatedBound(ticks: ReadonlyArray<readonly RequestedWindow[]>, farthest: number): number {
  let most = 0;
  for (let total = 0; total <= farthest; total++) most = Math.max(most, simulate(ticks, total).calls);
  // Past every edge: what the ticks ask besides their tails, plus each tick's tails at their worst.
  let beyond = simulate(ticks, Number.MAX_SAFE_INTEGER, { tails: false }).calls;
  for (const tick of ticks) {
    const longest = Math.max(0, ...tick.filter((r) => r.end === null && r.first === null).map((r) => r.last ?? 0));
    if (longest > 0) beyond += worstTailPages(longest);
  }
  return Math.max(most, beyond);
}

function windowKey(window: RequestedWindow): string {
  return `${window.start}|${window.end}|${window.first}|${window.last}`;
}

function distinct(windows: readonly RequestedWindow[]): RequestedWindow[] {
  const seen = new Map<string, RequestedWindow>();
  for (const window of windows) seen.set(windowKey(window), window);
  return [...seen.values()];
}

const worstTails = new Map<number, number>();

/** The most pages a window of the last n items needs, over every list length up to LONGEST_LIST (memoised per n). */
function worstTailPages(n: number): number {
  let worst = worstTails.get(n);
  if (worst !== undefined) return worst;
  worst = 0;
  for (let total = n; total <= LONGEST_LIST && worst < straddled(n); total++) {
    let fewest = Number.POSITIVE_INFINITY;
    for (let perPage = MAX_PER_PAGE; perPage >= 1 && fewest > 1; perPage--) {
      fewest = Math.min(fewest, Math.floor((total - 1) / perPage) - Math.floor((total - n) / perPage) + 1);
    }
    worst = Math.max(worst, fewest);
  }
  worstTails.set(n, worst);
  return worst;
}

/** per_page=100 pages a window of n items touches at its worst alignment. */
function straddled(n: number): number {
  return n <= 1 ? 1 : Math.floor((n - 2) / MAX_PER_PAGE) + 2;
}

/**
 * A looser bound that holds however the windows are planned and in whatever ticks: every window alone on
 * the per_page=100 grid, a tail at its worst alignment plus the head page. The planner never does worse,
 * since it picks the fewest pages over every page size, 100 included.
 */
function gridBound(requests: readonly RequestedWindow[]): number {
  let calls = 0;
  for (const request of requests) {
    const phase = connectionWindows(request);
    if (phase.afterTotal) {
      calls += 1 + straddled(request.last ?? 0);
      continue;
    }
    const { offset, count } = phase.now;
    calls += count === 0 ? 1 : Math.floor((offset + count - 1) / MAX_PER_PAGE) - Math.floor(offset / MAX_PER_PAGE) + 1;
  }
  return calls;
}
