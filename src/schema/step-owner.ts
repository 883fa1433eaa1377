import type { GitHubJob, GitHubJobStep } from '../github/types.ts';

/**
 * A step's JSON does not name its job, but `Step.log` needs the job (which log, and every step's window to
 * slice it). `Job.steps` records the owner of each step object it hands out; the JSON stays the model.
 */
const owners = new WeakMap<GitHubJobStep, GitHubJob>();
/**
 * Jobs whose steps are recorded already: a warm cache hands out the same parsed job objects request after
 * request (github/parsed-body-memo.ts), and one lookup per job is cheaper than one write per step.
 */
const recorded = new WeakSet<GitHubJob>();

export function stepsOf(job: GitHubJob): GitHubJobStep[] {
  const steps = job.steps ?? [];
  if (recorded.has(job)) return steps;
  for (const step of steps) owners.set(step, job);
  recorded.add(job);
  return steps;
}

export function jobOfStep(step: GitHubJobStep): GitHubJob | undefined {
  return owners.get(step);
}
