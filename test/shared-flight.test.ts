// Identical GETs in flight at once share one exchange with GitHub (src/github/shared-flight.ts). The step's
// rules are checked on a stub `next` (the moments a caller joins or leaves are decided by the test), and the
// whole path against the fake GitHub over real undici: one call, never across tokens.
import { describe, expect, it } from 'vitest';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { credentialFrom, fingerprintKeyFrom } from '../src/github/credentials.ts';
import { sharedFlightStep } from '../src/github/shared-flight.ts';
import type { UpstreamEvent, UpstreamRequest, UpstreamResponse } from '../src/github/upstream.ts';
import { useAppOnFakeGitHub } from './support/harness.ts';
import { jobPath, KNOWN_JOB_QUERY } from './support/job-queries.ts';

const key = fingerprintKeyFrom(undefined);
const credentialOf = (token: string | null) => credentialFrom(token ? `Bearer ${token}` : null, undefined, key);

function requestFor(token: string | null, { signal, path = '/repos/o/r/actions/jobs/1', revalidate }: { signal?: AbortSignal; path?: string; revalidate?: boolean } = {}) {
  const events: UpstreamEvent[] = [];
  const request: UpstreamRequest = {
    method: 'GET',
    url: `https://api.github.test${path}`,
    target: path,
    headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
    credential: credentialOf(token),
    signal,
    onUpstream: (event) => events.push(event),
    ...(revalidate ? { revalidate } : {}),
  };
  return { request, events };
}

/** A `next` whose answers the test hands out, recording what it was asked. */
function stubUpstream() {
  const sent: Array<{ request: UpstreamRequest; answer: (response: UpstreamResponse) => void; fail: (error: unknown) => void }> = [];
  const next = (request: UpstreamRequest) => new Promise<UpstreamResponse>((answer, fail) => sent.push({ request, answer, fail }));
  return { sent, send: sharedFlightStep()(next) };
}

const OK: UpstreamResponse = { status: 200, headers: { etag: '"a"' }, body: '{"id":1}' };

describe('the shared-flight step', () => {
  it('sends one request for callers that ask for the same URL with the same credential while it is in flight; the joiners count it as a cache answer', async () => {
    const { sent, send } = stubUpstream();
    const callers = Array.from({ length: 5 }, () => requestFor(TOKENS.full));
    const answers = callers.map(({ request }) => send(request));
    expect(sent).toHaveLength(1);
    sent[0]!.answer(OK);
    const responses = await Promise.all(answers);
    expect(responses.map((response) => response.body)).toEqual(Array(5).fill(OK.body));
    // Each caller has headers of its own: one changing them cannot change another's.
    expect(new Set(responses.map((response) => response.headers)).size).toBe(5);
    expect(callers[0]!.events).toEqual([]);
    for (const { events } of callers.slice(1)) expect(events).toEqual([{ method: 'GET', path: '/repos/o/r/actions/jobs/1', status: 200, rateLimit: undefined, source: 'cache' }]);
  });

  it('never shares across credentials, URLs or a live revalidation, and starts anew once the exchange settled', async () => {
    const { sent, send } = stubUpstream();
    const answers = [
      send(requestFor(TOKENS.full).request),
      send(requestFor(TOKENS.other).request),
      send(requestFor(null).request),
      send(requestFor(TOKENS.full, { path: '/repos/o/r/actions/jobs/2' }).request),
      send(requestFor(TOKENS.full, { revalidate: true }).request),
    ];
    expect(sent).toHaveLength(5);
    for (const exchange of sent) exchange.answer(OK);
    await Promise.all(answers);
    const later = send(requestFor(TOKENS.full).request);
    expect(sent).toHaveLength(6);
    sent[5]!.answer(OK);
    await later;
  });

  it('gives every caller the failure of the shared exchange', async () => {
    const { sent, send } = stubUpstream();
    const answers = [send(requestFor(TOKENS.full).request), send(requestFor(TOKENS.full).request)];
    const failure = new Error('upstream broke');
    sent[0]!.fail(failure);
    for (const answer of answers) await expect(answer).rejects.toBe(failure);
  });

  it('lets one caller leave on its own abort without cancelling the exchange for the others; the last one leaving cancels it', async () => {
    const { sent, send } = stubUpstream();
    const first = new AbortController();
    const second = new AbortController();
    const leader = send(requestFor(TOKENS.full, { signal: first.signal }).request);
    const joiner = send(requestFor(TOKENS.full, { signal: second.signal }).request);
    const upstreamSignal = sent[0]!.request.signal!;

    // A caller that leaves gets what the deadline step makes of an abort: an upstream error, its reason as the cause.
    const firstReason = new Error('first caller went away');
    first.abort(firstReason);
    await expect(leader).rejects.toMatchObject({ kind: 'network', cause: firstReason });
    expect(upstreamSignal.aborted).toBe(false);

    const secondReason = new Error('second caller went away');
    second.abort(secondReason);
    await expect(joiner).rejects.toMatchObject({ kind: 'network', cause: secondReason });
    expect(upstreamSignal.aborted).toBe(true);

    // A cancelled exchange is not joined: the next caller asks again.
    const next = send(requestFor(TOKENS.full).request);
    expect(sent).toHaveLength(2);
    sent[1]!.answer(OK);
    await expect(next).resolves.toMatchObject({ status: 200 });
  });

  it('counts who is still waiting across joins and departures: the exchange is cancelled only when the last caller left', async () => {
    const { sent, send } = stubUpstream();
    const callers = ['a', 'b', 'c'].map(() => new AbortController());
    const [a, b, c] = callers as [AbortController, AbortController, AbortController];
    const answers = [send(requestFor(TOKENS.full, { signal: a.signal }).request), send(requestFor(TOKENS.full, { signal: b.signal }).request)];
    const upstreamSignal = sent[0]!.request.signal!;
    a.abort(new Error('a left'));
    answers.push(send(requestFor(TOKENS.full, { signal: c.signal }).request));
    b.abort(new Error('b left'));
    expect(upstreamSignal.aborted).toBe(false);
    c.abort(new Error('c left'));
    expect(upstreamSignal.aborted).toBe(true);
    expect(sent).toHaveLength(1);
    for (const answer of answers) await expect(answer).rejects.toMatchObject({ kind: 'network' });
  });
});

describe('concurrent GraphQL requests for one job', () => {
  const h = useAppOnFakeGitHub({ CACHE_MAX_AGE: 'off' });
  const toKnownJob = (request: { path: string }) => request.path === jobPath(KNOWN.jobId);

  async function whileHeld<T>(start: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const reached = new Promise<void>((onHold) => h.github.injectFault({ path: `/actions/jobs/${KNOWN.jobId}`, times: 10 }, { kind: 'hold', onHold, release: released }));
    const answers = start();
    await reached;
    // The other requests run through Yoga to the client while the first one is held at GitHub.
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    return answers;
  }

  it('ten callers with one token: one call to GitHub, ten equal answers, one counted as a request and nine as cache hits', async () => {
    const responses = await whileHeld(() => Promise.all(Array.from({ length: 10 }, () => h.gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full }))));
    expect(h.github.requests.filter(toKnownJob)).toHaveLength(1);
    for (const response of responses) {
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual(responses[0]!.body.data);
    }
    const stats = responses.map((response) => response.body.extensions?.github as { requests: number; cacheHits: number });
    expect(stats.filter((github) => github.requests === 1 && github.cacheHits === 0)).toHaveLength(1);
    expect(stats.filter((github) => github.requests === 0 && github.cacheHits === 1)).toHaveLength(9);
  });

  it('two tokens: two calls, each with its own token (one caller’s answer never reaches another)', async () => {
    const responses = await whileHeld(() => Promise.all([TOKENS.full, TOKENS.other, TOKENS.full, TOKENS.other].map((token) => h.gateway.query(KNOWN_JOB_QUERY, { token }))));
    expect(responses.every((response) => response.body.errors === undefined)).toBe(true);
    expect(h.github.requests.filter(toKnownJob).map((request) => request.token).sort()).toEqual([TOKENS.full, TOKENS.other].sort());
  });
});
