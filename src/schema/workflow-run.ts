import { UserInputError } from '../errors/user-input-error.ts';
import { declareCost, NO_VALUES, type CostDeclaration, type Demand, type EntityRef } from '../plan/cost.ts';
import { rescopeCursor } from '../plan/cursor.ts';
import { isValidRef, listScope, runCacheKey } from '../plan/keys.ts';
import { mostItems, needsTotal, requestWindow, type ConnectionArgs, type RequestedWindow } from '../plan/window.ts';
import { builder } from './builder.ts';
import { JobFilter } from './enums.ts';
import { rawNodeId } from './global-id.ts';
import { resolveJobConnection, type JobConnectionShape } from './job-connection.ts';
import { JobRef } from './job.ts';
import { checkId, checkRepo } from './repo-args.ts';
import { runFor, WorkflowRunRef } from './workflow-run-ref.ts';

export const WorkflowJobConnection = builder.connectionObject(
  {
    type: JobRef,
    name: 'WorkflowJobConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: "GitHub's total_count for this run, filter or attempt",
        resolve: (connection) => (connection as unknown as JobConnectionShape).totalCount,
      }),
    }),
  },
  { name: 'WorkflowJobEdge' },
);

builder.node(WorkflowRunRef, {
  description:
    'A workflow run: its jobs, and its own fields (GET /repos/{owner}/{repo}/actions/runs/{run_id}, once per run and request, only when one is selected; free for a run a workflowRuns list brought). Resolving it makes no REST call by itself.',
  id: { resolve: (run) => rawNodeId(run.owner, run.repo, run.runId) },
  isTypeOf: (value) => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'WorkflowRun',
  fields: (t) => ({
    databaseId: t.field({ type: 'BigInt', resolve: (run) => run.runId }),
    owner: t.exposeString('owner'),
    repo: t.exposeString('repo'),
    jobs: t.field({
      type: WorkflowJobConnection,
      // Nullable on purpose: a run GitHub cannot list (404, rate limit) fails this field alone, not the
      // sibling runs of a dashboard query.
      nullable: true,
      description: 'Jobs of the run: `attempt` selects one attempt, else `filter` (LATEST by default). Relay cursors over GitHub pages.',
      args: {
        filter: t.arg({ type: JobFilter, defaultValue: 'latest' }),
        attempt: t.arg.int({ description: 'A run attempt number (1-based); uses the attempts endpoint' }),
        first: t.arg.int(),
        after: t.arg.string(),
        last: t.arg.int(),
        before: t.arg.string(),
      },
      resolve: (run, args, ctx) => {
        const attempt = args.attempt ?? null;
        if (attempt !== null && attempt < 1) throw new UserInputError('`attempt` must be 1 or more', 'attempt');
        const list = { owner: run.owner, repo: run.repo, runId: run.runId, filter: args.filter ?? 'latest', attempt };
        return resolveJobConnection(list, args, ctx) as never;
      },
    }),
  }),
});

builder.queryField('workflowRun', (t) =>
  t.field({
    type: WorkflowRunRef,
    description: 'A handle on a run; makes no REST call by itself.',
    args: {
      owner: t.arg.string({ required: true }),
      repo: t.arg.string({ required: true }),
      runId: t.arg({ type: 'BigInt', required: true }),
    },
    resolve: (_root, { owner, repo, runId }) => {
      checkRepo(owner, repo);
      checkId(runId, 'runId');
      return runFor({ owner, repo }, runId);
    },
  }),
);

/** A run named by its arguments: a handle, no call by itself. */
export const runHandleCost: CostDeclaration = ({ args }) => {
  if (!args || !isValidRef(args.owner, args.repo, args.runId)) return { reach: NO_VALUES };
  const run = { owner: args.owner as string, repo: args.repo as string, runId: args.runId };
  return { reach: { count: 1, refs: [{ run }], dup: 1, id: `run:${runCacheKey(run)}` } };
};
declareCost('Query.workflowRun', runHandleCost);

/** One window on each parent run's list: planned with the loaders' rules when the runs are known. */
declareCost('WorkflowRun.jobs', ({ args, parent, limits, newId }) => {
  const attempt = (args?.attempt as number | null | undefined) ?? null;
  if (!args || (attempt !== null && attempt < 1)) return { reach: NO_VALUES };
  const filter = args.filter === 'all' ? 'all' : 'latest';
  const connection = args as ConnectionArgs;
  const demands: Demand[] = [];
  let count = 0;
  let refs: EntityRef[] | null = [];
  if (parent.refs?.every((ref) => ref.run)) {
    for (const ref of parent.refs) {
      const scope = listScope({ ...ref.run!, filter, attempt });
      let requested: RequestedWindow;
      try {
        requested = requestWindow(connection, scope, limits.maxConnectionSize);
      } catch {
        continue; // out of range or another list's cursor: BAD_USER_INPUT before any call
      }
      demands.push({ list: scope, window: requested });
      const n = mostItems(requested);
      count += n;
      if (needsTotal(requested)) refs = null;
      else for (let i = 0; i < n; i++) refs?.push({ job: `${scope}@${requested.start + i}`, run: ref.run! });
    }
  } else {
    let requested: RequestedWindow;
    try {
      requested = requestWindow({ ...connection, after: rescopeCursor(connection.after, '*'), before: rescopeCursor(connection.before, '*') }, '*', limits.maxConnectionSize);
    } catch {
      return { reach: NO_VALUES };
    }
    demands.push({ list: null, window: requested, times: parent.count });
    count = parent.count * mostItems(requested);
    refs = null;
  }
  const items = { count, refs, dup: parent.dup, id: newId() };
  return { demands, reach: { count: parent.count, refs: null, dup: parent.dup, id: newId(), items } };
});

// A connection's edges and nodes are its items, not a list of their own.
declareCost('WorkflowJobConnection.nodes', ({ parent }) => ({ reach: parent.items ?? NO_VALUES }));
declareCost('WorkflowJobConnection.edges', ({ parent }) => ({ reach: parent.items ?? NO_VALUES }));
