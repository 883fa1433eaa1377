import { encodeCursor } from '../plan/cursor.ts';
import { connectionWindows } from '../plan/list-fetch.ts';
import { requestWindow, type ConnectionArgs } from '../plan/window.ts';
import type { GatewayContext } from '../context.ts';
import type { GitHubJob } from '../github/types.ts';
import { listScope, type JobListRef } from '../plan/keys.ts';

export interface JobConnectionShape {
  edges: Array<{ cursor: string; node: GitHubJob }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Relay arguments → windows of positions (plan/list-fetch.ts) → the planned REST pages (the jobWindow loader). */
export async function resolveJobConnection(list: JobListRef, args: ConnectionArgs, ctx: GatewayContext): Promise<JobConnectionShape> {
  const scope = listScope(list);
  const requested = requestWindow(args, scope, ctx.config.maxConnectionSize);
  const windows = connectionWindows(requested);
  let window = windows.now;
  let result = await ctx.loaders.jobWindow.load({ list, ...window });
  if (windows.afterTotal) {
    window = windows.afterTotal(result.total);
    result = await ctx.loaders.jobWindow.load({ list, ...window });
  }
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
