import { encodeCursor } from '../plan/cursor.ts';
import { connectionWindows } from '../plan/list-fetch.ts';
import { requestWindow, type ConnectionArgs } from '../plan/window.ts';

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Loads the items at [offset, offset + count) of one list, with GitHub's total_count. */
export type LoadWindow<T> = (window: { offset: number; count: number }) => Promise<{ total: number; items: T[] }>;

/** Relay arguments → windows of positions (plan/list-fetch.ts) → the planned REST pages (through a window loader). */
export async function resolveWindowConnection<T>(scope: string, args: ConnectionArgs, maxSize: number, load: LoadWindow<T>): Promise<ConnectionShape<T>> {
  const requested = requestWindow(args, scope, maxSize);
  const windows = connectionWindows(requested);
  let window = windows.now;
  let result = await load(window);
  if (windows.afterTotal) {
    window = windows.afterTotal(result.total);
    result = await load(window);
  }
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
