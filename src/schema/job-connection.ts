import { encodeCursor } from '../connection/cursor.ts';
import { needsTotal, requestWindow, resolveWindow, type ConnectionArgs } from '../connection/window.ts';
import type { GatewayContext } from '../context.ts';
import type { GitHubJob } from '../github/types.ts';
import { listScope, type JobListRef } from '../loaders.ts';
import { MAX_PER_PAGE } from '../github/pagination.ts';

export interface JobConnectionShape {
  edges: Array<{ cursor: string; node: GitHubJob }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/**
 * Relay arguments → one window of positions → the planned REST pages (via the jobWindow loader).
 * `last` without `before` needs GitHub's total_count: we first ask the canonical first page
 * (per_page=100), which both tells the total and, for runs of ≤ 100 jobs (the common case), already
 * holds the tail, so it costs one call.
 */
export async function resolveJobConnection(list: JobListRef, args: ConnectionArgs, ctx: GatewayContext): Promise<JobConnectionShape> {
  const scope = listScope(list);
  const requested = requestWindow(args, scope, ctx.config.maxConnectionSize);
  const total = needsTotal(requested) ? (await ctx.loaders.jobWindow.load({ list, offset: 0, count: MAX_PER_PAGE })).total : undefined;
  const window = resolveWindow(requested, total);
  const result = await ctx.loaders.jobWindow.load({ list, ...window });
  const edges = result.jobs.map((node, index) => ({ cursor: encodeCursor(scope, window.offset + index), node }));
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
