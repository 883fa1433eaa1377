import { planPages, type ItemWindow, type PagePlan } from './pages.ts';
import { needsTotal, resolveWindow, type RequestedWindow } from './window.ts';

/**
 * The rules for fetching windows of one paged GitHub list (a run's jobs), in one place: the loaders
 * execute them against GitHub, and the cost estimate runs them against every list length a query could
 * meet (list-cost.ts), so the limit counts exactly the calls the loaders would make.
 */

/** `last` without `before` asks the canonical first page: it tells the total and, for runs of ≤ 100 jobs, holds the tail too. */
export const HEAD_WINDOW: ItemWindow = { offset: 0, count: 100 };

/** What this request already knows of one list. */
export interface ListState {
  total: number | undefined;
  has(position: number): boolean;
}

/**
 * One connection's windows, in the order the resolver asks them: a window that cannot be placed before
 * the list's length is known is asked after the head window told it.
 */
export function connectionWindows(requested: RequestedWindow): { now: ItemWindow; afterTotal: ((total: number) => ItemWindow) | null } {
  if (needsTotal(requested)) return { now: HEAD_WINDOW, afterTotal: (total) => resolveWindow(requested, total) };
  return { now: resolveWindow(requested, undefined), afterTotal: null };
}

/** Whether the positions of `window` are all known (or past the known end). */
export function covered(state: ListState, window: ItemWindow): boolean {
  if (state.total === undefined) return false;
  const end = Math.min(window.offset + window.count, state.total);
  for (let position = window.offset; position < end; position++) if (!state.has(position)) return false;
  return true;
}

export interface ListFetch {
  plan: PagePlan;
  /**
   * The pages to ask now. While the length is unknown and the plan has several pages, only its first:
   * then `existingPages(plan, total)` for the rest.
   */
  now: number[];
  headFirst: boolean;
}

/**
 * The pages to ask for the windows asked in one tick. Known windows cost nothing; an empty window still
 * needs GitHub's total_count, which any page tells, so it asks for the first.
 */
export function planListFetch(windows: readonly ItemWindow[], state: ListState): ListFetch | undefined {
  const missing = windows.filter((window) => !covered(state, window));
  const plan = planPages(missing.map((window) => (window.count > 0 ? window : { offset: 0, count: 1 })));
  if (!plan) return undefined;
  // While the length is unknown, a plan of several pages asks its first page alone: its total_count tells
  // which of the others exist, so no call is spent on a page past the end (each would cost a rate-limit
  // point for an empty list). `first: 500` on a 260-job run is 3 calls, not 5, for one more round trip.
  const headFirst = state.total === undefined && plan.pages.length > 1;
  const now = headFirst ? plan.pages.slice(0, 1) : state.total === undefined ? plan.pages : existingPages(plan, state.total);
  return { plan, now, headFirst };
}

/** The pages of a plan that hold at least one item of a list of `total`. */
export function existingPages(plan: PagePlan, total: number): number[] {
  return plan.pages.filter((page) => (page - 1) * plan.perPage < total);
}
