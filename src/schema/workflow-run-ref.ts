import type { GatewayContext } from '../context.ts';
import type { GitHubWorkflowRun } from '../github/types.ts';
import { builder } from './builder.ts';

/**
 * A run is a handle (owner, repo, id): its jobs need nothing else. Its own fields need the run object,
 * which comes with it when the run was listed (`data`), or from GET …/actions/runs/{run_id} once per
 * request through the `run` loader (which lists prime as well).
 */
export interface WorkflowRunModel {
  kind: 'WorkflowRun';
  owner: string;
  repo: string;
  runId: number;
  data?: GitHubWorkflowRun;
}

export const WorkflowRunRef = builder.objectRef<WorkflowRunModel>('WorkflowRun');

export function runFor({ owner, repo }: { owner: string; repo: string }, runId: number, data?: GitHubWorkflowRun): WorkflowRunModel {
  return data ? { kind: 'WorkflowRun', owner, repo, runId, data } : { kind: 'WorkflowRun', owner, repo, runId };
}

/** The run object behind a handle: the one it came with, else one GET per run per request. */
export function runData(run: WorkflowRunModel, ctx: GatewayContext): GitHubWorkflowRun | Promise<GitHubWorkflowRun> {
  return run.data ?? ctx.loaders.run.load({ owner: run.owner, repo: run.repo, runId: run.runId });
}
