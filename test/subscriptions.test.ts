// Subscriptions end to end: GraphQL over Server-Sent Events on a real port, polling the fake GitHub,
// whose live run progresses on its clock. A test PollLeader counts the polls (one per credential and
// resource per interval) and the driver moves the fake clock one step per poll.
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { LiveRunDocument } from '../schema/generated/graphql.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createDispatcher } from '../src/github/dispatcher.ts';
import type { PollLeader } from '../src/live/poll-leader.ts';
import { useGatewayOnFakeGitHub } from './support/harness.ts';
import { subscribe, type SseEvent, type SseSubscription } from './support/sse.ts';

let polls = 0;
let pollWaiters: Array<() => void> = [];
const leader: PollLeader = {
  lead: async () => {
    polls += 1;
    for (const wake of pollWaiters.splice(0)) wake();
    return true;
  },
};
const nextPoll = () => new Promise<void>((resolve) => pollWaiters.push(resolve));
const STEP_MS = 60_000;
const MAX_PER_CREDENTIAL = 6;

const h = useGatewayOnFakeGitHub({ SUBSCRIPTION_POLL_INTERVAL_MS: '100', MAX_SUBSCRIPTIONS_PER_CREDENTIAL: String(MAX_PER_CREDENTIAL) }, {}, { pollLeader: leader });

const runSubscription = (runId: number, selection: string, repo = 'public-app', owner = 'octo-org') =>
  `subscription { workflowRun(owner: "${owner}", repo: "${repo}", runId: ${runId}) { ${selection} } }`;

/** Collects every event until the stream completes, moving the fake clock one step after each poll. */
async function driveToEnd(subscription: SseSubscription): Promise<SseEvent[]> {
  let ended = false;
  const events = subscription.rest().finally(() => {
    ended = true;
  });
  while (!ended) {
    await Promise.race([nextPoll(), events]);
    h.github.clock.advance(STEP_MS);
  }
  return events;
}

const payloads = (events: SseEvent[]) => events.filter((event) => event.event === 'next').map((event) => event.data);
const runPath = (runId: number, repo = 'octo-org/public-app') => `/repos/${repo}/actions/runs/${runId}`;

async function settled(): Promise<void> {
  while (h.github.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('Subscription.workflowRun', () => {
  it('sends the run now, then every change of the selection without repeats, and completes after the completed run', async () => {
    const live = h.github.startLiveRun({ stepMs: STEP_MS });
    const subscription = await subscribe(h.gateway.url, runSubscription(live.runId, 'status jobs { nodes { name status steps { name status } } }'), { token: TOKENS.full });
    const events = await driveToEnd(subscription);
    expect(events.at(-1)?.event).toBe('complete');
    const sent = payloads(events);
    expect(sent.every((payload) => payload.errors === undefined)).toBe(true);
    // Consecutive payloads always differ, and the run moves forward only.
    for (let i = 1; i < sent.length; i++) expect(JSON.stringify(sent[i])).not.toBe(JSON.stringify(sent[i - 1]));
    const statuses = sent.map((payload) => payload.data.workflowRun.status as string).filter((status, i, all) => status !== all[i - 1]);
    expect(statuses).toEqual(['QUEUED', 'IN_PROGRESS', 'COMPLETED']);
    expect(sent.length).toBeGreaterThan(3); // step completions are in the selection: they are sent too
    // A poll reads the run and its jobs one after the other, so one change may show in two payloads.
    expect(sent.length).toBeLessThanOrEqual(2 * live.changeTimes.length + 1);
    expect(sent.at(-1).data.workflowRun.jobs.nodes.map((job: { status: string }) => job.status)).toEqual(['COMPLETED', 'COMPLETED']);
  });

  it('sends nothing for changes its selection does not show', async () => {
    const live = h.github.startLiveRun({ stepMs: STEP_MS });
    const subscription = await subscribe(h.gateway.url, runSubscription(live.runId, 'status'), { token: TOKENS.full });
    const events = await driveToEnd(subscription);
    expect(payloads(events).map((payload) => payload.data.workflowRun.status)).toEqual(['QUEUED', 'IN_PROGRESS', 'COMPLETED']);
    expect(events.at(-1)?.event).toBe('complete');
    expect(live.completed).toBe(true);
  });

  it('serves the shipped LiveRun document (schema/operations) to the end of a run', async () => {
    const live = h.github.startLiveRun({ stepMs: STEP_MS, fail: true });
    const subscription = await subscribe(h.gateway.url, print(LiveRunDocument), { token: TOKENS.full, variables: { owner: 'octo-org', repo: 'public-app', runId: live.runId } });
    const sent = payloads(await driveToEnd(subscription));
    expect(sent.every((payload) => payload.errors === undefined)).toBe(true);
    expect(sent.at(-1).data.workflowRun).toMatchObject({ databaseId: live.runId, status: 'COMPLETED', conclusion: 'FAILURE' });
    expect(sent.at(-1).data.workflowRun.jobs.nodes.map((job: { conclusion: string }) => job.conclusion)).toEqual(['SUCCESS', 'FAILURE']);
  });

  it('sends one payload and completes for a run that has completed already', async () => {
    const subscription = await subscribe(h.gateway.url, runSubscription(KNOWN.jobRunId, 'status conclusion'), { token: TOKENS.full });
    const events = await subscription.rest();
    expect(events).toEqual([{ event: 'next', data: { data: { workflowRun: { status: 'COMPLETED', conclusion: 'FAILURE' } } } }, { event: 'complete', data: undefined }]);
  });

  it('shares one poll per interval among subscribers with one credential, 0 rate-limit points while nothing changes', async () => {
    const query = runSubscription(KNOWN.inProgressRunId, 'status updatedAt jobs { totalCount }');
    const subscriptions = await Promise.all(Array.from({ length: 5 }, () => subscribe(h.gateway.url, query, { token: TOKENS.full })));
    for (const subscription of subscriptions) expect((await subscription.next())?.data.data.workflowRun.status).toBe('IN_PROGRESS');
    const pollsBefore = polls;
    h.github.resetRecords();
    const usedBefore = h.github.rateLimit(TOKENS.full).used;
    const reads = (path: string) => h.github.requests.filter((request) => request.path === path).length;
    // A busy machine may let a subscriber skip a poll (it then takes the latest): poll until 3 reads happened.
    while (reads(runPath(KNOWN.inProgressRunId)) < 3 && polls - pollsBefore < 100) await nextPoll();
    await Promise.all(subscriptions.map((subscription) => subscription.close()));
    await settled();
    // +2: polls under way when counting started may still read after it (a loaded machine is slow).
    // Without sharing the first poll alone would already read 5 times.
    const pollCount = polls - pollsBefore + 2;
    const runReads = h.github.requests.filter((request) => request.path === runPath(KNOWN.inProgressRunId));
    const jobReads = h.github.requests.filter((request) => request.path === `${runPath(KNOWN.inProgressRunId)}/jobs`);
    // One read of each per poll, not one per subscriber (5 × polls without sharing).
    expect(runReads.length).toBeGreaterThanOrEqual(3);
    expect(runReads.length).toBeLessThanOrEqual(pollCount);
    expect(jobReads.length).toBeLessThanOrEqual(pollCount);
    expect([...runReads, ...jobReads].every((request) => request.status === 304 && request.headers['if-none-match'] !== undefined)).toBe(true);
    expect(h.github.rateLimit(TOKENS.full).used).toBe(usedBefore);
  });

  it('never shares between credentials, and tells a credential that cannot see the run NOT_FOUND, without data', async () => {
    const query = runSubscription(KNOWN.inProgressRunId, 'status');
    const full = await subscribe(h.gateway.url, query, { token: TOKENS.full });
    const other = await subscribe(h.gateway.url, query, { token: TOKENS.publicOnly });
    await full.next();
    await other.next();
    h.github.resetRecords();
    const tokens = () => new Set(h.github.requests.filter((request) => request.path === runPath(KNOWN.inProgressRunId)).map((request) => request.token));
    for (let i = 0; i < 100 && tokens().size < 2; i++) await nextPoll();
    await Promise.all([full.close(), other.close()]);
    await settled();
    // Each credential polled for itself (no answer of one was served to the other).
    expect(tokens()).toEqual(new Set([TOKENS.full, TOKENS.publicOnly]));

    const hidden = await subscribe(h.gateway.url, runSubscription(KNOWN.privateRunId, 'status', 'private-api'), { token: TOKENS.publicOnly });
    const events = await hidden.rest();
    expect(events.map((event) => event.event)).toEqual(['next', 'complete']);
    expect(events[0]?.data.data ?? null).toBeNull();
    expect(events[0]?.data.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('keeps the stream through upstream 5xx while polling', async () => {
    const live = h.github.startLiveRun({ stepMs: STEP_MS });
    const subscription = await subscribe(h.gateway.url, runSubscription(live.runId, 'status'), { token: TOKENS.full });
    expect((await subscription.next())?.data.data.workflowRun.status).toBe('QUEUED');
    // Two polls' worth of failures, retries included.
    h.github.injectFault({ path: runPath(live.runId), times: 6 }, { status: 503 });
    const events = await driveToEnd(subscription);
    expect(h.github.requests.some((request) => request.status === 503)).toBe(true);
    expect(payloads(events).map((payload) => payload.data.workflowRun.status)).toEqual(['IN_PROGRESS', 'COMPLETED']);
    expect(events.at(-1)?.event).toBe('complete');
  });

  it('refuses a subscription over the per-credential cap, and one over the cost limit, before any call', async () => {
    const query = runSubscription(KNOWN.inProgressRunId, 'status');
    const held = await Promise.all(Array.from({ length: MAX_PER_CREDENTIAL }, () => subscribe(h.gateway.url, query, { token: TOKENS.publicOnly })));
    for (const subscription of held) await subscription.next();
    const refused = await subscribe(h.gateway.url, query, { token: TOKENS.publicOnly });
    const events = await refused.rest();
    expect(events[0]?.data.errors[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    await held[0]?.close();
    await settled();
    // The slot is free again once a subscriber went away.
    let accepted: SseEvent | undefined;
    for (let attempt = 0; attempt < 50 && accepted?.data?.data?.workflowRun === undefined; attempt++) {
      const again = await subscribe(h.gateway.url, query, { token: TOKENS.publicOnly });
      accepted = await again.next();
      await again.close();
      if (accepted?.data?.data?.workflowRun === undefined) await nextPoll();
    }
    expect(accepted?.data.data.workflowRun.status).toBe('IN_PROGRESS');
    await Promise.all(held.map((subscription) => subscription.close()));
    await settled();

    h.github.resetRecords();
    const costly = await subscribe(h.gateway.url, runSubscription(KNOWN.bigRunId, 'jobs(first: 100) { nodes { logs { errors { content } } } }', 'monorepo'), { token: TOKENS.full });
    const costlyEvents = await costly.rest();
    expect(costlyEvents[0]?.data.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(h.github.requests.filter((request) => request.path.startsWith('/repos/octo-org/monorepo/'))).toHaveLength(0);
  });
});

describe('Subscription.job', () => {
  it('follows one job from queued through its steps to completed (its log once there), then completes', async () => {
    const live = h.github.startLiveRun({ stepMs: STEP_MS });
    const jobId = live.jobIds[1] as number;
    const subscription = await subscribe(
      h.gateway.url,
      `subscription { job(owner: "octo-org", repo: "public-app", jobId: ${jobId}) { status conclusion steps { name status conclusion } logs { sizeBytes } } }`,
      { token: TOKENS.full },
    );
    const events = await driveToEnd(subscription);
    const sent = payloads(events).map((payload) => payload.data.job);
    expect(sent[0]).toMatchObject({ status: 'QUEUED', steps: [] });
    expect(sent.at(-1)).toMatchObject({ status: 'COMPLETED', conclusion: 'SUCCESS' });
    expect(sent.at(-1).logs.sizeBytes).toBeGreaterThan(0);
    expect(sent.at(-1).steps.every((step: { conclusion: string }) => step.conclusion === 'SUCCESS')).toBe(true);
    for (let i = 1; i < sent.length; i++) expect(JSON.stringify(sent[i])).not.toBe(JSON.stringify(sent[i - 1]));
    expect(events.at(-1)?.event).toBe('complete');
  });
});

describe('rate limits while polling', () => {
  // Last in the file: the gateway keeps this credential in its rate-limit window afterwards.
  it('ends the stream with RATE_LIMITED, retryAfter and resetAt', async () => {
    const subscription = await subscribe(h.gateway.url, runSubscription(KNOWN.inProgressRunId, 'status'), { token: TOKENS.other });
    expect((await subscription.next())?.data.data.workflowRun.status).toBe('IN_PROGRESS');
    const resetAt = Math.floor(h.github.clock.now() / 1000) + 600;
    h.github.setRateLimit(TOKENS.other, { remaining: 0, resetAt });
    const events = await subscription.rest();
    expect(events.map((event) => event.event)).toEqual(['next', 'complete']);
    const error = events[0]?.data.errors[0];
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', resetAt: new Date(resetAt * 1000).toISOString() });
    expect(error.extensions.retryAfter).toBeGreaterThan(0);
  });
});

describe('shutdown', () => {
  it('completes open subscriptions when the app is disposed (SIGTERM), instead of holding the grace period', async () => {
    const config = loadConfig({ GITHUB_API_URL: h.github.apiUrl, SUBSCRIPTION_POLL_INTERVAL_MS: '100' });
    const dispatcher = createDispatcher(config);
    const app = createApp({ config, dispatcher });
    try {
      const response = await app.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${TOKENS.full}` },
        body: JSON.stringify({ query: runSubscription(KNOWN.inProgressRunId, 'status') }),
      });
      const reader = response.body!.getReader();
      let text = '';
      while (!text.includes('IN_PROGRESS')) text += new TextDecoder().decode((await reader.read()).value);
      await app.dispose();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
      expect(text).toContain('event: complete');
    } finally {
      await dispatcher.close();
    }
  });
});
