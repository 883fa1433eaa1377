import { brandWithType } from '@pothos/core';
import type { GatewayContext } from '../context.ts';
import { entitiesReach } from './entities-cost.ts';
import { declareCost } from '../plan/cost.ts';
import { builder } from './builder.ts';
import { parseNodeId } from './global-id.ts';
import { UserInputError } from '../errors/user-input-error.ts';
import { runFor } from './workflow-run-ref.ts';

/**
 * GitHub's own GraphQL API takes at most 100 ids in `nodes`. Duplicates count: each entry is resolved
 * and serialized again, so a repeated id would otherwise multiply a large result (a log) for free.
 */
export const MAX_NODE_IDS = 100;

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
    description: `At most ${MAX_NODE_IDS} ids, repeats included. Each id resolves on its own: a bad or missing one is null with its own error.`,
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_root, { ids }, ctx) => {
      if (ids.length > MAX_NODE_IDS) throw new UserInputError(`nodes takes at most ${MAX_NODE_IDS} ids, got ${ids.length}`, 'ids');
      return ids.map((id) => loadNode(String(id), ctx).catch((error: unknown) => error as Error)) as never;
    },
  }),
}));

declareCost('Query.node', ({ args }) => entitiesReach(args ? [idRef(args.id)] : []));
declareCost('Query.nodes', ({ args }) => {
  const ids = (args?.ids as unknown[] | undefined) ?? [];
  return entitiesReach(ids.length > MAX_NODE_IDS ? [] : ids.map(idRef));
});

function idRef(id: unknown): { typename: string; owner: string; repo: string; databaseId: number } | undefined {
  try {
    return parseNodeId(String(id));
  } catch {
    return undefined; // not an id this gateway issued: that entry fails before any call
  }
}
