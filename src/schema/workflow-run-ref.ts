import { builder } from './builder.ts';

/** A run is only a handle here (owner, repo, id): the jobs endpoints never need the run object itself. */
export interface WorkflowRunModel {
  kind: 'WorkflowRun';
  owner: string;
  repo: string;
  runId: number;
}

export const WorkflowRunRef = builder.objectRef<WorkflowRunModel>('WorkflowRun');

export function runFor({ owner, repo }: { owner: string; repo: string }, runId: number): WorkflowRunModel {
  return { kind: 'WorkflowRun', owner, repo, runId };
}
