import type { ConnectionArgs } from '../plan/window.ts';
import type { GatewayContext } from '../context.ts';
import type { GitHubJob } from '../github/types.ts';
import { listScope, type JobListRef } from '../plan/keys.ts';
import { resolveWindowConnection, type ConnectionShape } from './window-connection.ts';

export type JobConnectionShape = ConnectionShape<GitHubJob>;

/** A run's jobs as a Relay connection over the jobWindow loader's planned pages (window-connection.ts). */
export function resolveJobConnection(list: JobListRef, args: ConnectionArgs, ctx: GatewayContext): Promise<JobConnectionShape> {
  return resolveWindowConnection(listScope(list), args, ctx.config.maxConnectionSize, async (window) => {
    const result = await ctx.loaders.jobWindow.load({ list, ...window });
    return { total: result.total, items: result.jobs };
  });
}
