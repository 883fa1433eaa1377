import type { GitHubJob } from '../github/types.ts';
import { builder } from './builder.ts';

/** The runner fields of a job; `Job.runner` is null until GitHub assigns one (all four are null then). */
export const RunnerRef = builder.objectRef<GitHubJob>('Runner');

RunnerRef.implement({
  description: 'The machine that ran the job. Hosted runners have group id 0, "GitHub Actions".',
  fields: (t) => ({
    id: t.field({ type: 'BigInt', nullable: true, resolve: (job) => job.runner_id ?? null }),
    name: t.string({ nullable: true, resolve: (job) => job.runner_name ?? null }),
    groupId: t.field({ type: 'BigInt', nullable: true, resolve: (job) => job.runner_group_id ?? null }),
    groupName: t.string({ nullable: true, resolve: (job) => job.runner_group_name ?? null }),
  }),
});

export function hasRunner(job: GitHubJob): boolean {
  return job.runner_id != null || job.runner_name != null || job.runner_group_id != null || job.runner_group_name != null;
}
