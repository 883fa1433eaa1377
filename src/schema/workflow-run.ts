import { UserInputError } from '../user-input-error.ts';
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
