import { builder } from './builder.ts';
import { lenientEnum } from './lenient-enum.ts';

const STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'] as const;
const CONCLUSIONS = ['success', 'failure', 'neutral', 'cancelled', 'skipped', 'timed_out', 'action_required'] as const;

export type JobStatusValue = (typeof STATUSES)[number] | 'unknown';
export type JobConclusionValue = (typeof CONCLUSIONS)[number] | 'unknown';

const jobStatus = lenientEnum('JobStatus', STATUSES);
const jobConclusion = lenientEnum('JobConclusion', CONCLUSIONS);
export const JobStatus = jobStatus.type;
export const JobConclusion = jobConclusion.type;

export function toStatus(raw: string): JobStatusValue {
  return jobStatus.parse(raw) ?? 'unknown';
}

export function toConclusion(raw: string | null | undefined): JobConclusionValue | null {
  return jobConclusion.parse(raw);
}

export const JobFilter = builder.enumType('JobFilter', {
  values: {
    LATEST: { value: 'latest', description: 'Jobs of the most recent attempt (GitHub\'s default)' },
    ALL: { value: 'all', description: 'Jobs of every attempt' },
  } as const,
});
