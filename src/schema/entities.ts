import { UserInputError } from '../errors/user-input-error.ts';
import { declareCost } from '../plan/cost.ts';
import { entitiesReach } from './entities-cost.ts';
import { builder } from './builder.ts';
import { parseNodeId, type NodeTypeName } from './global-id.ts';
import { JobRef } from './job.ts';
import { checkId, checkRepo } from './repo-args.ts';
import { runFor, WorkflowRunRef } from './workflow-run-ref.ts';

/**
 * Apollo Federation 2 entity keys for Job and WorkflowRun, kept apart from the types' own files so the
 * client-facing types read without federation noise. Another subgraph that knows a repository and a run
 * (or job) id hands us `{ owner, repo, databaseId }`; one that got an `id` from us hands that back.
 *
 * Representations arrive unparsed (no scalar coercion; `_Any` is opaque), so every value is checked here
 * exactly as root-field arguments are (repo-args.ts) and node ids are (global-id.ts) before it can become
 * a REST path. Resolvers are async so that a bad representation fails its own `_entities` entry only.
 */
interface IdKey {
  id: string;
}

interface RepoKey {
  owner: string;
  repo: string;
  /** BigInt on our side; a gateway forwards whatever JSON the other subgraph sent (number or string). */
  databaseId: number | string;
}

type EntityKey = IdKey | Partial<IdKey & RepoKey>;

const byId = builder.selection<IdKey>('id');
const byRepo = builder.selection<RepoKey>('owner repo databaseId');

/** Turns either key of either entity into validated (owner, repo, databaseId). */
export function keyToRef(typename: NodeTypeName, key: EntityKey): { owner: string; repo: string; databaseId: number } {
  if (typeof key.id === 'string') {
    const ref = parseNodeId(key.id);
    if (ref.typename !== typename) throw new UserInputError(`\`id\` is not a ${typename} id`, 'id');
    return ref;
  }
  const { owner, repo, databaseId } = key as Partial<RepoKey>;
  if (typeof owner !== 'string' || typeof repo !== 'string') throw new UserInputError('`owner` and `repo` must be strings', 'owner');
  checkRepo(owner, repo);
  const id = typeof databaseId === 'string' && /^\d{1,16}$/.test(databaseId) ? Number(databaseId) : databaseId;
  if (typeof id !== 'number') throw new UserInputError('`databaseId` must be a positive id', 'databaseId');
  checkId(id, 'databaseId');
  return { owner, repo, databaseId: id };
}

builder.asEntity(JobRef, {
  key: [byId, byRepo],
  // Through the per-request loader: a gateway batching many representations costs one GET per distinct job.
  resolveReference: async (key, ctx) => {
    const { owner, repo, databaseId } = keyToRef('Job', key);
    return ctx.loaders.job.load({ owner, repo, jobId: databaseId });
  },
});

builder.asEntity(WorkflowRunRef, {
  key: [byId, byRepo],
  // A run is only a handle: resolving a reference makes no REST call; its `jobs` field does.
  resolveReference: async (key) => {
    const { owner, repo, databaseId } = keyToRef('WorkflowRun', key);
    return runFor({ owner, repo }, databaseId);
  },
});

declareCost('Query._entities', ({ args }) =>
  entitiesReach(
    ((args?.representations as unknown[] | undefined) ?? []).map((representation) => {
      const { __typename: typename, ...key } = (typeof representation === 'object' && representation !== null ? representation : {}) as Record<string, unknown>;
      if (typename !== 'Job' && typename !== 'WorkflowRun') return undefined;
      try {
        return { typename, ...keyToRef(typename, key as EntityKey) };
      } catch {
        return undefined; // that entry fails on its own, before any call
      }
    }),
  ),
);
