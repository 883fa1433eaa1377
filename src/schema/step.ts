import type { GitHubJobStep } from '../github/types.ts';
import { builder } from './builder.ts';
import { JobConclusion, JobStatus, toConclusion, toStatus } from './enums.ts';
import { secondsBetween } from './time.ts';

export const StepRef = builder.objectRef<GitHubJobStep>('Step');

StepRef.implement({
  description: 'One step of a job, as GitHub reports it. `number` is not an index: post steps are numbered from 61.',
  fields: (t) => ({
    number: t.exposeInt('number'),
    name: t.exposeString('name'),
    status: t.field({ type: JobStatus, resolve: (step) => toStatus(step.status) }),
    rawStatus: t.string({ description: 'The status exactly as GitHub sent it (e.g. `pending`)', resolve: (step) => step.status }),
    conclusion: t.field({ type: JobConclusion, nullable: true, resolve: (step) => toConclusion(step.conclusion) }),
    rawConclusion: t.string({ nullable: true, resolve: (step) => step.conclusion ?? null }),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (step) => step.started_at ?? null }),
    completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (step) => step.completed_at ?? null }),
    duration: t.int({
      description: 'Seconds from start to completion; null until the step completes',
      nullable: true,
      resolve: (step) => secondsBetween(step.started_at, step.completed_at),
    }),
  }),
});
