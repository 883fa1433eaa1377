import { liveStream, livePayload, type LivePayload } from '../live/live-stream.ts';
import { jobCacheKey } from '../plan/keys.ts';
import { runCacheKey } from '../plan/keys.ts';
import type { GitHubJob, GitHubWorkflowRun } from '../github/types.ts';
import { declareCost, type Reach } from '../plan/cost.ts';
import { builder } from './builder.ts';
import { jobLookupCost } from './job.ts';
import { runObjectDemands } from './workflow-run-fields.ts';
import { runHandleCost } from './workflow-run.ts';
import { JobRef } from './job.ts';
import { checkId, checkRepo } from './repo-args.ts';
import { runFor, WorkflowRunRef } from './workflow-run-ref.ts';

/**
 * Live views over GraphQL over Server-Sent Events (Yoga's own transport): the selection now, then again
 * whenever it changed, polled with conditional requests every SUBSCRIPTION_POLL_INTERVAL_MS and shared
 * per credential and resource (src/live/). The stream completes after the completed run (or job) was sent.
 */
builder.subscriptionField('workflowRun', (t) =>
  t.field({
    type: WorkflowRunRef,
    description: 'A run now, then on every change of the selection; completes after the completed run was sent.',
    args: {
      owner: t.arg.string({ required: true }),
      repo: t.arg.string({ required: true }),
      runId: t.arg({ type: 'BigInt', required: true }),
    },
    subscribe: (_root, { owner, repo, runId }, ctx) => {
      checkRepo(owner, repo);
      checkId(runId, 'runId');
      const key = { owner, repo, runId };
      return liveStream<GitHubWorkflowRun>(ctx, {
        resource: `run ${runCacheKey(key)}`,
        load: (loaders) => loaders.run.load(key),
        done: (run) => run.status === 'completed',
      });
    },
    resolve: (payload, { owner, repo, runId }) => runFor({ owner, repo }, runId, livePayload(payload as unknown as LivePayload<GitHubWorkflowRun>)),
  }),
);

builder.subscriptionField('job', (t) =>
  t.field({
    type: JobRef,
    description: 'A job now, then on every change of the selection; completes after the completed job was sent.',
    args: {
      owner: t.arg.string({ required: true }),
      repo: t.arg.string({ required: true }),
      jobId: t.arg({ type: 'BigInt', required: true }),
    },
    subscribe: (_root, { owner, repo, jobId }, ctx) => {
      checkRepo(owner, repo);
      checkId(jobId, 'jobId');
      const key = { owner, repo, jobId };
      return liveStream<GitHubJob>(ctx, {
        resource: `job ${jobCacheKey(key)}`,
        load: (loaders) => loaders.job.load(key),
        done: (job) => job.status === 'completed',
      });
    },
    resolve: (payload) => livePayload(payload as unknown as LivePayload<GitHubJob>),
  }),
);

// What one poll costs (the cost limit checks it at subscribe time): the resource itself, read on every
// poll whether or not a field of it is selected (is it completed?), then what the selection adds. The
// run's own fields come with that read.
declareCost('Subscription.workflowRun', (input) => {
  const handle = runHandleCost(input);
  const reach = handle.reach as Reach;
  return { demands: runObjectDemands(reach), reach: { ...reach, listed: reach.count > 0 } };
});
declareCost('Subscription.job', jobLookupCost);
