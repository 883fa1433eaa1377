import type { FieldCost, Reach } from '../plan/cost.ts';
import { jobCacheKey, runCacheKey } from '../plan/keys.ts';

/**
 * The cost of entries named by id (`node`, `nodes`, `_entities`): one GET per distinct job (the job
 * loader dedupes), none for a run (a handle). Every entry is a value of its own in the response,
 * repeats included: a repeated id multiplies what is selected under it.
 */
export function entitiesReach(entries: ReadonlyArray<{ typename: string; owner: string; repo: string; databaseId: number } | undefined>): FieldCost {
  const jobs: string[] = [];
  const runs: Array<{ owner: string; repo: string; runId: number }> = [];
  for (const entry of entries) {
    if (entry?.typename === 'Job') jobs.push(jobCacheKey({ owner: entry.owner, repo: entry.repo, jobId: entry.databaseId }));
    else if (entry?.typename === 'WorkflowRun') runs.push({ owner: entry.owner, repo: entry.repo, runId: entry.databaseId });
  }
  const jobReach: Reach = { count: jobs.length, refs: jobs.map((job) => ({ job })), dup: mostRepeated(jobs), id: `jobs:${jobs.join(',')}` };
  const runNames = runs.map(runCacheKey);
  const runReach: Reach = { count: runs.length, refs: runs.map((run) => ({ run })), dup: mostRepeated(runNames), id: `runs:${runNames.join(',')}` };
  return { demands: [...new Set(jobs)].map((key) => ({ key: `job:${key}`, calls: 1 })), reach: { Job: jobReach, WorkflowRun: runReach } };
}

function mostRepeated(names: readonly string[]): number {
  const counts = new Map<string, number>();
  let most = 0;
  for (const name of names) {
    const count = (counts.get(name) ?? 0) + 1;
    counts.set(name, count);
    most = Math.max(most, count);
  }
  return most;
}
