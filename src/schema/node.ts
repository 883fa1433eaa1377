import { brandWithType } from '@pothos/core';
import type { GatewayContext } from '../context.ts';
import { builder } from './builder.ts';
import { parseNodeId } from './global-id.ts';
import { runFor } from './workflow-run-ref.ts';

/** Loads one node by global id. A run needs no call; a job goes through the per-request job loader. */
async function loadNode(globalId: string, ctx: GatewayContext): Promise<object> {
  // parseNodeId already holds owner, repo and id to GitHub's rules (BAD_USER_INPUT otherwise).
  const ref = parseNodeId(globalId);
  const node =
    ref.typename === 'Job'
      ? await ctx.loaders.job.load({ owner: ref.owner, repo: ref.repo, jobId: ref.databaseId })
      : runFor(ref, ref.databaseId);
  brandWithType(node, ref.typename as never);
  return node;
}

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => loadNode(String(id), ctx) as never,
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description: 'Each id resolves on its own: a bad or missing one is null with its own error.',
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_root, { ids }, ctx) => ids.map((id) => loadNode(String(id), ctx).catch((error: unknown) => error as Error)) as never,
  }),
}));
