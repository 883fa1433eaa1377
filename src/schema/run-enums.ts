import { builder } from './builder.ts';
import { lenientEnum } from './lenient-enum.ts';

// A run's status has `requested` and `pending` besides the job values; its conclusion adds `stale` and
// `startup_failure` (GITHUB-REST.md, "Workflow runs").
const RUN_STATUSES = ['requested', 'queued', 'in_progress', 'completed', 'waiting', 'pending'] as const;
const RUN_CONCLUSIONS = ['success', 'failure', 'neutral', 'cancelled', 'skipped', 'timed_out', 'action_required', 'stale', 'startup_failure'] as const;

export const runStatus = lenientEnum('WorkflowRunStatus', RUN_STATUSES);
export const runConclusion = lenientEnum('WorkflowRunConclusion', RUN_CONCLUSIONS);

/** The `status` list filter takes a status or a conclusion (the values GitHub documents for it). */
const STATUS_FILTERS = [
  'completed', 'action_required', 'cancelled', 'failure', 'neutral', 'skipped', 'stale', 'success', 'timed_out',
  'in_progress', 'queued', 'requested', 'waiting', 'pending',
] as const;

export const WorkflowRunStatusFilter = builder.enumType('WorkflowRunStatusFilter', {
  description: "GitHub's `status` filter of the runs lists: a run status or a conclusion",
  values: Object.fromEntries(STATUS_FILTERS.map((value) => [value.toUpperCase(), { value }])) as Record<string, { value: (typeof STATUS_FILTERS)[number] }>,
});
