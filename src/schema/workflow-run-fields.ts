import type { GatewayContext } from '../context.ts';
import { declareCost, type Demand, type Reach } from '../plan/cost.ts';
import { runCacheKey } from '../plan/keys.ts';
import type { GitHubWorkflowRun } from '../github/types.ts';
import { ActorRef } from './actor.ts';
import { builder } from './builder.ts';
import { runConclusion, runStatus } from './run-enums.ts';
import { runData, WorkflowRunRef, type WorkflowRunModel } from './workflow-run-ref.ts';

/**
 * The run's own fields, from GitHub's `workflow-run` object (runData: free for a listed run, else one
 * GET …/actions/runs/{run_id} per run per request, however many of these fields are selected).
 * Nullable: a run GitHub cannot show (404, rate limit) fails these fields, not the whole query.
 */
/** Fields that need the run object (every field of this file). */
const RUN_OBJECT_FIELDS = ['name', 'displayTitle', 'runNumber', 'runAttempt', 'event', 'status', 'conclusion', 'rawStatus', 'rawConclusion', 'headBranch', 'headSha', 'workflowId', 'path', 'createdAt', 'updatedAt', 'runStartedAt', 'htmlUrl', 'actor', 'triggeringActor'] as const;

/** One GET …/runs/{run_id} per distinct run however many fields ask; none for runs a list brought. */
export function runObjectDemands(runs: Reach): Demand[] {
  if (runs.listed) return [];
  const refs = runs.refs;
  if (refs && refs.every((ref) => ref.run)) return refs.map((ref) => ({ key: `run:${runCacheKey(ref.run!)}`, calls: 1 }));
  return [{ key: `run:${runs.id}`, calls: runs.count }];
}
for (const field of RUN_OBJECT_FIELDS) declareCost(`WorkflowRun.${field}`, ({ parent }) => ({ demands: runObjectDemands(parent) }));

/** A resolver reading one property of the run object. */
const fromRun =
  <T>(pick: (run: GitHubWorkflowRun) => T) =>
  async (model: WorkflowRunModel, _args: unknown, ctx: GatewayContext): Promise<T> =>
    pick(await runData(model, ctx));

builder.objectFields(WorkflowRunRef, (t) => {
  return {
    name: t.string({ nullable: true, description: 'The workflow name', resolve: fromRun((run) => run.name ?? null) }),
    displayTitle: t.string({ nullable: true, description: 'The commit message, pull request title or run-name', resolve: fromRun((run) => run.display_title) }),
    runNumber: t.int({ nullable: true, resolve: fromRun((run) => run.run_number) }),
    runAttempt: t.int({ nullable: true, description: 'The latest attempt (1 unless re-run)', resolve: fromRun((run) => run.run_attempt ?? null) }),
    event: t.string({ nullable: true, description: 'push, pull_request, schedule, workflow_dispatch, …', resolve: fromRun((run) => run.event) }),
    status: t.field({ type: runStatus.type, nullable: true, resolve: fromRun((run) => runStatus.parse(run.status)) }),
    conclusion: t.field({ type: runConclusion.type, nullable: true, resolve: fromRun((run) => runConclusion.parse(run.conclusion)) }),
    rawStatus: t.string({ nullable: true, description: 'The status exactly as GitHub sent it', resolve: fromRun((run) => run.status ?? null) }),
    rawConclusion: t.string({ nullable: true, description: 'The conclusion exactly as GitHub sent it', resolve: fromRun((run) => run.conclusion ?? null) }),
    headBranch: t.string({ nullable: true, resolve: fromRun((run) => run.head_branch) }),
    headSha: t.string({ nullable: true, resolve: fromRun((run) => run.head_sha) }),
    workflowId: t.field({ type: 'BigInt', nullable: true, resolve: fromRun((run) => run.workflow_id) }),
    path: t.string({ nullable: true, description: 'The workflow file, e.g. .github/workflows/ci.yml', resolve: fromRun((run) => run.path) }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: fromRun((run) => run.created_at) }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: fromRun((run) => run.updated_at) }),
    runStartedAt: t.field({ type: 'DateTime', nullable: true, description: 'Start of the latest attempt', resolve: fromRun((run) => run.run_started_at ?? null) }),
    htmlUrl: t.field({ type: 'URL', nullable: true, resolve: fromRun((run) => run.html_url) }),
    actor: t.field({ type: ActorRef, nullable: true, resolve: fromRun((run) => run.actor ?? null) }),
    triggeringActor: t.field({ type: ActorRef, nullable: true, description: 'Who started the latest attempt', resolve: fromRun((run) => run.triggering_actor ?? null) }),
  };
});
