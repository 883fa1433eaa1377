import { encodeCursor } from '../connection/cursor.ts';
import { needsTotal, requestWindow, resolveWindow, type ConnectionArgs } from '../connection/window.ts';
import { MAX_PER_PAGE } from '../github/pagination.ts';

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Loads the items at [offset, offset + count) of one list, with GitHub's total_count. */
export type LoadWindow<T> = (window: { offset: number; count: number }) => Promise<{ total: number; items: T[] }>;

/**
 * Relay arguments → one window of positions → the planned REST pages (through a window loader).
 * `last` without `before` needs GitHub's total_count: we first ask the canonical first page
 * (per_page=100), which both tells the total and, for lists of ≤ 100 items (the common case), already
 * holds the tail, so it costs one call.
 */
export async function resolveWindowConnection<T>(scope: string, args: ConnectionArgs, maxSize: number, load: LoadWindow<T>): Promise<ConnectionShape<T>> {
  const requested = requestWindow(args, scope, maxSize);
  const total = needsTotal(requested) ? (await load({ offset: 0, count: MAX_PER_PAGE })).total : undefined;
  const window = resolveWindow(requested, total);
  const result = await load(window);
  const edges = result.items.map((node, index) => ({ cursor: encodeCursor(scope, window.offset + index), node }));
  return {
    edges,
    totalCount: result.total,
    pageInfo: {
      hasPreviousPage: window.offset > 0 && result.total > 0,
      hasNextPage: window.offset + edges.length < result.total,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
