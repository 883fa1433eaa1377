import type { GitHubJob, GitHubJobStep } from '../github/types.ts';

/**
 * A step's JSON does not name its job, but `Step.log` needs the job (which log, and every step's window to
 * slice it). `Job.steps` records the owner of each step object it hands out; the JSON stays the model.
 */
const owners = new WeakMap<GitHubJobStep, GitHubJob>();

export function stepsOf(job: GitHubJob): GitHubJobStep[] {
  const steps = job.steps ?? [];
  for (const step of steps) owners.set(step, job);
  return steps;
}

export function jobOfStep(step: GitHubJobStep): GitHubJob | undefined {
  return owners.get(step);
}
