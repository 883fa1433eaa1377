import type { RunFilters } from '../github/runs.ts';
import type { GitHubWorkflowRun } from '../github/types.ts';
import { runListScope, type RunListRef } from '../loaders/run-loaders.ts';
import { UserInputError } from '../errors/user-input-error.ts';
import { declareCost, NO_VALUES } from '../plan/cost.ts';
import { mostItems, requestWindow, type ConnectionArgs } from '../plan/window.ts';
import { builder } from './builder.ts';
import { checkRepo } from './repo-args.ts';
import { WorkflowRunStatusFilter } from './run-enums.ts';
import { resolveWindowConnection } from './window-connection.ts';
import { runFor, WorkflowRunRef, type WorkflowRunModel } from './workflow-run-ref.ts';
import './workflow-run-fields.ts';

export const WorkflowRunConnection = builder.connectionObject(
  {
    type: WorkflowRunRef,
    name: 'WorkflowRunConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: "GitHub's total_count for this list and its filters (GitHub lists at most 1,000 runs when filtered)",
        resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
      }),
    }),
  },
  { name: 'WorkflowRunEdge' },
);

// Filter values travel as query parameters (URL-encoded, never path segments); bounded like everything else.
const MAX_FILTER_LENGTH = 255;
// A workflow id or file name (`ci.yml`): it becomes a path segment, so GitHub's file-name characters only.
const WORKFLOW = /^[A-Za-z0-9_.-]{1,255}$/;

function filterArg(value: string | null | undefined, argument: string): string | undefined {
  if (value == null) return undefined;
  if (value.length === 0 || value.length > MAX_FILTER_LENGTH) throw new UserInputError(`\`${argument}\` must be 1 to ${MAX_FILTER_LENGTH} characters`, argument);
  return value;
}

builder.queryField('workflowRuns', (t) =>
  t.field({
    type: WorkflowRunConnection,
    nullable: true,
    description:
      "A repository's workflow runs, newest first (GET /repos/{owner}/{repo}/actions/runs), or one workflow's when `workflow` (an id or a file name such as \"ci.yml\") is given. Relay cursors over GitHub pages, as WorkflowRun.jobs. A listed run's fields cost no further call.",
    args: {
      owner: t.arg.string({ required: true }),
      repo: t.arg.string({ required: true }),
      workflow: t.arg.string({ description: 'A workflow id or file name (ci.yml)' }),
      branch: t.arg.string(),
      event: t.arg.string({ description: 'push, pull_request, schedule, workflow_dispatch, …' }),
      actor: t.arg.string({ description: 'Login of the user who triggered the run' }),
      headSha: t.arg.string(),
      status: t.arg({ type: WorkflowRunStatusFilter }),
      created: t.arg.string({ description: "GitHub's date-range syntax: >=2026-02-01, 2026-02-01..2026-02-10" }),
      first: t.arg.int(),
      after: t.arg.string(),
      last: t.arg.int(),
      before: t.arg.string(),
    },
    resolve: async (_root, args, ctx) => {
      const list = runListOf(args);
      const connection = await resolveWindowConnection<GitHubWorkflowRun>(runListScope(list), args, ctx.config.maxConnectionSize, (window) =>
        ctx.loaders.runWindow.load({ list, ...window }),
      );
      // A listed run carries its object: its fields need no GET …/runs/{run_id}.
      const edges = connection.edges.map((edge): { cursor: string; node: WorkflowRunModel } => ({ cursor: edge.cursor, node: runFor(args, edge.node.id, edge.node) }));
      return { ...connection, edges } as never;
    },
  }),
);

type RunListArgs = { owner: string; repo: string; workflow?: string | null; branch?: string | null; event?: string | null; actor?: string | null; headSha?: string | null; status?: string | null; created?: string | null };

/** The list the arguments name, checked as the REST path and query will need them (BAD_USER_INPUT otherwise). */
function runListOf(args: RunListArgs): RunListRef {
  checkRepo(args.owner, args.repo);
  const workflow = args.workflow ?? null;
  if (workflow !== null && (!WORKFLOW.test(workflow) || workflow === '.' || workflow === '..')) {
    throw new UserInputError('`workflow` must be a workflow id or file name such as "ci.yml"', 'workflow');
  }
  const filters: RunFilters = {
    branch: filterArg(args.branch, 'branch'),
    event: filterArg(args.event, 'event'),
    actor: filterArg(args.actor, 'actor'),
    headSha: filterArg(args.headSha, 'headSha'),
    status: (args.status ?? undefined) as RunFilters['status'],
    created: filterArg(args.created, 'created'),
  };
  return { owner: args.owner, repo: args.repo, workflow, filters };
}

/** One window on the filtered list, planned like a run's jobs; the listed runs bring their own fields. */
declareCost('Query.workflowRuns', ({ args, limits, newId }) => {
  if (!args) return { reach: NO_VALUES };
  let scope: string;
  let requested;
  try {
    scope = runListScope(runListOf(args as RunListArgs));
    requested = requestWindow(args as ConnectionArgs, scope, limits.maxConnectionSize);
  } catch {
    return { reach: NO_VALUES }; // bad arguments or another list's cursor: BAD_USER_INPUT before any call
  }
  const items = { count: mostItems(requested), refs: null, dup: 1, id: newId(), listed: true };
  return { demands: [{ list: scope, window: requested }], reach: { count: 1, refs: null, dup: 1, id: newId(), items } };
});
declareCost('WorkflowRunConnection.nodes', ({ parent }) => ({ reach: parent.items ?? NO_VALUES }));
declareCost('WorkflowRunConnection.edges', ({ parent }) => ({ reach: parent.items ?? NO_VALUES }));
