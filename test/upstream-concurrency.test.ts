// The per-credential concurrency cap, counted where it matters: concurrent requests at the fake GitHub.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { concurrencyStep } from '../src/github/concurrency.ts';
import type { UpstreamRequest, UpstreamResponse } from '../src/github/upstream.ts';
import { startFakeGitHub, TOKENS, type FakeGitHub } from '../fake-github/index.ts';
import { createGatewayApp, type RunningGateway } from './support/gateway.ts';

let github: FakeGitHub;
let gateway: RunningGateway | undefined;

// One fake for the file: each test starts its own gateway and reads the fake's records and peak concurrency
// from zero (nothing is in flight between tests).
beforeAll(async () => {
  github = await startFakeGitHub({ latencyMs: 20 });
});
afterAll(async () => {
  await github.close();
});
beforeEach(() => {
  github.resetRecords();
});
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

/** 30 distinct jobs of the generated public runs: 30 REST calls that DataLoader cannot merge. */
function thirtyJobIds(): Array<{ id: number; repo: string; owner: string }> {
  const jobs = github.dataset.publicRunIds().flatMap((runId) => github.dataset.jobsOfRun(runId, 'latest') ?? []);
  return jobs.slice(0, 30).map((job) => {
    const run = github.dataset.runOfJob(job.id);
    return { id: job.id, owner: run?.repo.owner ?? '', repo: run?.repo.name ?? '' };
  });
}

function queryFor(jobs: Array<{ id: number; repo: string; owner: string }>): string {
  return `{ ${jobs.map((job, i) => `j${i}: job(owner: "${job.owner}", repo: "${job.repo}", jobId: ${job.id}) { databaseId }`).join(' ')} }`;
}

describe('GITHUB_MAX_CONCURRENCY', () => {
  it('holds one credential to 3 requests in flight at the fake while 30 job lookups queue, and all 30 answer', async () => {
    gateway = createGatewayApp(github.apiUrl, { GITHUB_MAX_CONCURRENCY: '3', CACHE: 'false' });
    const jobs = thirtyJobIds();
    const { body } = await gateway.query(queryFor(jobs), { token: TOKENS.full });
    expect(body.errors).toBeUndefined();
    expect(Object.values(body.data ?? {})).toHaveLength(30);
    expect(github.requests.filter((request) => request.path.includes('/actions/jobs/'))).toHaveLength(30);
    expect(github.maxInFlight).toBeLessThanOrEqual(3);
    expect(github.maxInFlight).toBeGreaterThan(1);
  });

  it('defaults to 10 per credential', async () => {
    gateway = createGatewayApp(github.apiUrl, { CACHE: 'false' });
    const { body } = await gateway.query(queryFor(thirtyJobIds()), { token: TOKENS.full });
    expect(body.errors).toBeUndefined();
    expect(github.maxInFlight).toBeLessThanOrEqual(10);
  });

  it('gives each credential its own lane: two tokens at once stay within 2 × the cap', async () => {
    gateway = createGatewayApp(github.apiUrl, { GITHUB_MAX_CONCURRENCY: '3', CACHE: 'false' });
    const query = queryFor(thirtyJobIds());
    const running = gateway;
    const answers = await Promise.all([TOKENS.full, TOKENS.other].map((token) => running.query(query, { token })));
    expect(answers.every((answer) => answer.body.errors === undefined)).toBe(true);
    expect(github.maxInFlight).toBeLessThanOrEqual(6);
  });
});

describe('concurrencyStep (the queue itself)', () => {
  const credential = (fingerprint: string) => ({ authorization: null, fingerprint });
  const request = (fingerprint: string, signal?: AbortSignal): UpstreamRequest => ({
    method: 'GET',
    url: 'http://upstream/x',
    target: '/x',
    headers: {},
    credential: credential(fingerprint),
    signal,
    onUpstream: undefined,
  });

  it('starts queued requests in arrival order as slots free up, and lets a queued request be abandoned', async () => {
    const release: Array<() => void> = [];
    const started: string[] = [];
    const send = concurrencyStep(2)(async (upstream) => {
      started.push(upstream.target + ':' + started.length);
      await new Promise<void>((resolve) => release.push(resolve));
      return { status: 200, headers: {}, body: '' } satisfies UpstreamResponse;
    });
    const abandon = new AbortController();
    const results = [send(request('a')), send(request('a')), send(request('a', abandon.signal)), send(request('a')), send(request('b'))];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(3); // two for 'a', one for 'b'
    abandon.abort(new Error('caller went away'));
    await expect(results[2]).rejects.toThrow('caller went away');
    release.shift()?.();
    await results[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(4);
    while (release.length) release.shift()?.();
    await Promise.all([results[1], results[3], results[4]]);
  });
});
