import { builder } from './builder.ts';

/**
 * GitHub adds enum values without an API version change (step status `pending` is not even in the REST
 * spec). An unknown value must not fail a whole job, so it degrades to UNKNOWN, and the exact string
 * stays readable in `rawStatus` / `rawConclusion`.
 */
const STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'] as const;
const CONCLUSIONS = ['success', 'failure', 'neutral', 'cancelled', 'skipped', 'timed_out', 'action_required'] as const;

export type JobStatusValue = (typeof STATUSES)[number] | 'unknown';
export type JobConclusionValue = (typeof CONCLUSIONS)[number] | 'unknown';

const UNKNOWN_DESCRIPTION = 'A value GitHub sent that this gateway does not know yet; see the raw string field.';

export const JobStatus = builder.enumType('JobStatus', {
  values: {
    ...Object.fromEntries(STATUSES.map((value) => [value.toUpperCase(), { value }])),
    UNKNOWN: { value: 'unknown', description: UNKNOWN_DESCRIPTION },
  } as Record<string, { value: JobStatusValue }>,
});

export const JobConclusion = builder.enumType('JobConclusion', {
  values: {
    ...Object.fromEntries(CONCLUSIONS.map((value) => [value.toUpperCase(), { value }])),
    UNKNOWN: { value: 'unknown', description: UNKNOWN_DESCRIPTION },
  } as Record<string, { value: JobConclusionValue }>,
});

export function toStatus(raw: string): JobStatusValue {
  return (STATUSES as readonly string[]).includes(raw) ? (raw as JobStatusValue) : 'unknown';
}

export function toConclusion(raw: string | null | undefined): JobConclusionValue | null {
  if (raw == null) return null;
  return (CONCLUSIONS as readonly string[]).includes(raw) ? (raw as JobConclusionValue) : 'unknown';
}

export const JobFilter = builder.enumType('JobFilter', {
  values: {
    LATEST: { value: 'latest', description: 'Jobs of the most recent attempt (GitHub\'s default)' },
    ALL: { value: 'all', description: 'Jobs of every attempt' },
  } as const,
});
