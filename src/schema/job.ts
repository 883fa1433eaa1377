import type { GitHubJob } from '../github/types.ts';
import { declareCost, fanOut, NO_VALUES } from '../plan/cost.ts';
import { isValidRef, jobCacheKey } from '../plan/keys.ts';
import { builder } from './builder.ts';
import { JobConclusion, JobStatus, toConclusion, toStatus } from './enums.ts';
import { rawNodeId } from './global-id.ts';
import { jobRepo } from '../github/job-repo.ts';
import { checkId, checkRepo } from './repo-args.ts';
import { hasRunner, RunnerRef } from './runner.ts';
import { StepRef } from './step.ts';
import { stepsOf } from './step-owner.ts';
import { secondsBetween } from './time.ts';
import { runFor, WorkflowRunRef } from './workflow-run-ref.ts';

export const JobRef = builder.node(builder.objectRef<GitHubJob>('Job'), {
  description: 'A workflow job (GET /repos/{owner}/{repo}/actions/jobs/{job_id}).',
  id: {
    resolve: (job) => {
      const { owner, repo } = jobRepo(job);
      return rawNodeId(owner, repo, job.id);
    },
  },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'run_id' in value && 'head_sha' in value,
  fields: (t) => ({
    databaseId: t.field({ type: 'BigInt', resolve: (job) => job.id }),
    nodeId: t.exposeString('node_id', { description: "GitHub's own GraphQL node id (CheckRun)" }),
    owner: t.string({ resolve: (job) => jobRepo(job).owner }),
    repo: t.string({ resolve: (job) => jobRepo(job).repo }),
    run: t.field({ type: WorkflowRunRef, resolve: (job) => runFor(jobRepo(job), job.run_id) }),
    runAttempt: t.int({ nullable: true, resolve: (job) => job.run_attempt ?? null }),
    name: t.exposeString('name'),
    workflowName: t.string({ nullable: true, resolve: (job) => job.workflow_name ?? null }),
    headBranch: t.string({ nullable: true, resolve: (job) => job.head_branch ?? null }),
    headSha: t.exposeString('head_sha'),
    status: t.field({ type: JobStatus, resolve: (job) => toStatus(job.status) }),
    rawStatus: t.string({ description: 'The status exactly as GitHub sent it', resolve: (job) => job.status }),
    conclusion: t.field({ type: JobConclusion, nullable: true, resolve: (job) => toConclusion(job.conclusion) }),
    rawConclusion: t.string({ nullable: true, resolve: (job) => job.conclusion ?? null }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (job) => job.created_at ?? null }),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (job) => job.started_at ?? null }),
    completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (job) => job.completed_at ?? null }),
    duration: t.int({
      description: 'Seconds from start to completion; null until the job completes',
      nullable: true,
      resolve: (job) => (job.completed_at ? secondsBetween(job.started_at, job.completed_at) : null),
    }),
    queuedDuration: t.int({
      description: 'Seconds the job waited for a runner (created to started); null while queued',
      nullable: true,
      resolve: (job) => (hasRunner(job) || job.status !== 'queued' ? secondsBetween(job.created_at, job.started_at) : null),
    }),
    url: t.field({ type: 'URL', resolve: (job) => job.url }),
    htmlUrl: t.field({ type: 'URL', nullable: true, resolve: (job) => job.html_url ?? null }),
    runUrl: t.field({ type: 'URL', resolve: (job) => job.run_url }),
    checkRunUrl: t.field({ type: 'URL', resolve: (job) => job.check_run_url }),
    labels: t.stringList({ resolve: (job) => job.labels ?? [] }),
    runner: t.field({ type: RunnerRef, nullable: true, resolve: (job) => (hasRunner(job) ? job : null) }),
    steps: t.field({ type: [StepRef], resolve: (job) => stepsOf(job) }),
  }),
});

builder.queryField('job', (t) =>
  t.field({
    type: JobRef,
    nullable: true,
    description: 'One job by id; null with a NOT_FOUND error when GitHub answers 404.',
    args: {
      owner: t.arg.string({ required: true }),
      repo: t.arg.string({ required: true }),
      jobId: t.arg({ type: 'BigInt', required: true }),
    },
    resolve: (_root, { owner, repo, jobId }, ctx) => {
      checkRepo(owner, repo);
      checkId(jobId, 'jobId');
      return ctx.loaders.job.load({ owner, repo, jobId });
    },
  }),
);

/** Steps per job assumed by the size estimate (GitHub reports them with the job: no call). */
const ASSUMED_STEPS_PER_JOB = 100;

declareCost('Query.job', ({ args }) => {
  if (!args || !isValidRef(args.owner, args.repo, args.jobId)) return { reach: NO_VALUES };
  const key = jobCacheKey({ owner: args.owner as string, repo: args.repo as string, jobId: args.jobId });
  return { demands: [{ key: `job:${key}`, calls: 1 }], reach: { count: 1, refs: [{ job: key }], dup: 1, id: `job:${key}` } };
});

declareCost('Job.steps', ({ parent, newId }) => ({ reach: fanOut(parent, ASSUMED_STEPS_PER_JOB, newId()) }));

// Many jobs of one run lead to that run: it may occur once per job.
declareCost('Job.run', ({ parent, newId }) => {
  const runs = parent.refs?.every((ref) => ref.run) ? parent.refs.map((ref) => ({ run: ref.run })) : null;
  return { reach: { count: parent.count, refs: runs, dup: parent.count, id: newId() } };
});
