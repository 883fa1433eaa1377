// The conditional-request cache over the real wire to GitHub: the fake GitHub's ETags and 304s, real undici,
// the real Yoga app (reached through yoga.fetch: the client side of the gateway is not under test here). What GitHub counts is read at the fake (recorded requests, rate-limit buckets).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCacheStore } from '../src/github/cache-store.ts';
import { KNOWN, startFakeGitHub, TOKENS, type FakeGitHub } from '../fake-github/index.ts';
import { createGatewayApp, type RunningGateway } from './support/gateway.ts';
import { jobPath, jobsQuery, KNOWN_JOB_QUERY, PUBLIC_JOB_IDS } from './support/job-queries.ts';

let github: FakeGitHub;
let gateway: RunningGateway;
const started: RunningGateway[] = [];

async function gatewayWith(env: Record<string, string> = {}) {
  const running = createGatewayApp(github.apiUrl, env, { now: github.clock.now });
  started.push(running);
  return running;
}

const toJob = (id: number) => (request: { path: string }) => request.path === jobPath(id);

// One fake for the file; each test starts its own gateways (empty caches) and reads the fake's records
// from zero. Rate-limit points are compared before and after, never as absolute numbers.
beforeAll(async () => {
  github = await startFakeGitHub();
});
afterAll(async () => {
  await github.close();
});
beforeEach(() => {
  github.resetRecords();
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((running) => running.close()));
  github.setCacheMaxAge(60);
});

describe('the cache keeps callers apart (key: credential fingerprint, method, URL, API version, Accept)', () => {
  it('never answers a second token or an anonymous caller from a token holder’s entry for GET …/actions/jobs/{job_id}', async () => {
    gateway = await gatewayWith({ CACHE_MAX_AGE: 'honour' });
    const first = await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
    expect(first.body.errors).toBeUndefined();

    // Fresh for the token that fetched it: served without calling GitHub.
    const again = await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
    expect(again.body.extensions?.github).toMatchObject({ requests: 0, cacheHits: 1 });

    // The same URL for another token and for nobody: each goes to GitHub, unconditionally.
    const other = await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.other });
    const anonymous = await gateway.query(KNOWN_JOB_QUERY, { token: null });
    expect(other.body.extensions?.github).toMatchObject({ requests: 1, cacheHits: 0 });
    expect(anonymous.body.extensions?.github).toMatchObject({ requests: 1, cacheHits: 0 });
    const calls = github.requests.filter(toJob(KNOWN.jobId));
    expect(calls.map((call) => call.token)).toEqual([TOKENS.full, TOKENS.other, null]);
    expect(calls.every((call) => call.headers['if-none-match'] === undefined)).toBe(true);
    expect(other.body.data).toEqual(first.body.data);
  });

  it('keeps a private job fetched with a full-access token from a public-only token and from anonymous callers (404 → NOT_FOUND)', async () => {
    gateway = await gatewayWith({ CACHE_MAX_AGE: 'honour' });
    const query = jobsQuery([KNOWN.privateJobId], { repo: 'private-api' });
    const owner = await gateway.query(query, { token: TOKENS.full });
    expect(owner.body.data?.j0?.databaseId).toBe(KNOWN.privateJobId);

    for (const token of [TOKENS.publicOnly, null]) {
      const stranger = await gateway.query(query, { token });
      expect(stranger.body.data?.j0).toBeNull();
      expect(stranger.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(stranger.body.extensions?.github).toMatchObject({ cacheHits: 0, requests: 1 });
    }
  });
});

describe('revalidation with If-None-Match', () => {
  it('sends the stored ETag, gets 304, serves the stored body and spends no rate-limit point', async () => {
    gateway = await gatewayWith({ CACHE_MAX_AGE: 'off' });
    const first = await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
    const usedAfterFirst = github.rateLimit(TOKENS.full).used;

    const second = await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
    expect(second.body.data).toEqual(first.body.data);
    expect(second.body.extensions?.github).toMatchObject({ requests: 1, notModified: 1, cacheHits: 0 });
    expect(github.rateLimit(TOKENS.full).used).toBe(usedAfterFirst);
    const [initial, conditional] = github.requests.filter(toJob(KNOWN.jobId));
    expect(conditional?.headers['if-none-match']).toBeDefined();
    expect(conditional?.status).toBe(304);
    expect(initial?.headers['if-none-match']).toBeUndefined();
  });

  it('serves the new body (one point) once the job changed upstream, then 304s again', async () => {
    gateway = await gatewayWith({ CACHE_MAX_AGE: 'off' });
    await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
    const { name } = github.dataset.getJob(KNOWN.jobId)!;
    github.dataset.updateJob(KNOWN.jobId, { name: 'renamed upstream' });
    try {
      const used = github.rateLimit(TOKENS.full).used;

      const changed = await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
      expect(changed.body.data?.j0?.name).toBe('renamed upstream');
      expect(changed.body.extensions?.github).toMatchObject({ requests: 1, notModified: 0 });
      expect(github.rateLimit(TOKENS.full).used).toBe(used + 1);

      const unchanged = await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
      expect(unchanged.body.data?.j0?.name).toBe('renamed upstream');
      expect(unchanged.body.extensions?.github).toMatchObject({ notModified: 1 });
    } finally {
      github.dataset.updateJob(KNOWN.jobId, { name });
    }
  });

  it('revalidates a list page of GET …/runs/{run_id}/jobs too, keeping totalCount from the stored body', async () => {
    gateway = await gatewayWith({ CACHE_MAX_AGE: 'off' });
    const query = `{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { jobs(first: 5) { totalCount nodes { name } } } }`;
    const first = await gateway.query(query, { token: TOKENS.full });
    const second = await gateway.query(query, { token: TOKENS.full });
    expect(second.body.data).toEqual(first.body.data);
    expect(second.body.extensions?.github).toMatchObject({ requests: 1, notModified: 1 });
  });
});

describe("GitHub's Cache-Control max-age", () => {
  it('serves a fresh entry without calling GitHub, and revalidates once max-age has passed on the clock', async () => {
    github.setCacheMaxAge(60);
    gateway = await gatewayWith({ CACHE_MAX_AGE: 'honour' });
    await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
    github.clock.advance(59_000);
    const fresh = await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
    expect(fresh.body.extensions?.github).toMatchObject({ requests: 0, cacheHits: 1 });

    github.clock.advance(2_000);
    const stale = await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
    expect(stale.body.extensions?.github).toMatchObject({ requests: 1, notModified: 1, cacheHits: 0 });
    expect(github.requests.filter(toJob(KNOWN.jobId))).toHaveLength(2);
  });

  it('asks GitHub every time with CACHE_MAX_AGE=off (304s, still no point spent)', async () => {
    gateway = await gatewayWith({ CACHE_MAX_AGE: 'off' });
    for (let i = 0; i < 3; i++) await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
    expect(github.requests.filter(toJob(KNOWN.jobId)).map((r) => r.status)).toEqual([200, 304, 304]);
  });

  it('with CACHE=false sends no If-None-Match and spends a point per call (the naive baseline)', async () => {
    gateway = await gatewayWith({ CACHE: 'false' });
    for (let i = 0; i < 2; i++) await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
    const calls = github.requests.filter(toJob(KNOWN.jobId));
    expect(calls.map((r) => r.status)).toEqual([200, 200]);
    expect(calls.every((call) => call.headers['if-none-match'] === undefined)).toBe(true);
  });
});

describe('the in-memory store is bounded by bytes (CACHE_MAX_BYTES)', () => {
  it('evicts the least recently used job once a second one does not fit, and revalidates only what it kept', async () => {
    const [a, b] = [PUBLIC_JOB_IDS[1] as number, PUBLIC_JOB_IDS[2] as number];
    const largest = Math.max(...[a, b].map((id) => Buffer.byteLength(JSON.stringify(github.renderJob(id)))));
    // Room for one job with its key and headers, not for two.
    gateway = await gatewayWith({ CACHE_MAX_AGE: 'off', CACHE_MAX_BYTES: String(Math.round(largest * 1.5)) });
    await gateway.query(jobsQuery([a]), { token: TOKENS.full });
    await gateway.query(jobsQuery([b]), { token: TOKENS.full });
    await gateway.query(jobsQuery([b]), { token: TOKENS.full });
    await gateway.query(jobsQuery([a]), { token: TOKENS.full });
    const conditional = (id: number) => github.requests.filter(toJob(id)).map((r) => r.headers['if-none-match'] !== undefined);
    expect(conditional(b)).toEqual([false, true]);
    expect(conditional(a)).toEqual([false, false]);
  });

  it('drops least recently used entries first and never stores one larger than the budget', () => {
    const store = createMemoryCacheStore({ maxBytes: 1_000 });
    const entry = (size: number) => ({ etag: '"x"', status: 200, headers: {}, body: 'x'.repeat(size), storedAt: 0, maxAge: 0 });
    store.set('a', entry(400));
    store.set('b', entry(400));
    store.get('a');
    store.set('c', entry(400));
    expect([store.get('a'), store.get('b'), store.get('c')].map(Boolean)).toEqual([true, false, true]);
    store.set('huge', entry(2_000));
    expect(store.get('huge')).toBeUndefined();
    expect(store.bytes).toBeLessThanOrEqual(1_000);
  });
});

describe('extensions.github', () => {
  it('reports requests, cacheHits, notModified and the rate limit of the request', async () => {
    gateway = await gatewayWith();
    const { body } = await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
    const limit = github.rateLimit(TOKENS.full);
    expect(body.extensions?.github).toEqual({
      requests: 1,
      cacheHits: 0,
      notModified: 0,
      rateLimit: { limit: limit.limit, remaining: limit.remaining, used: limit.used, resetAt: new Date(limit.reset * 1000).toISOString(), resource: 'core' },
    });
  });

  it('is left out with GITHUB_STATS_EXTENSION=false', async () => {
    gateway = await gatewayWith({ GITHUB_STATS_EXTENSION: 'false' });
    const { body } = await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
    expect(body.data?.j0).toBeTruthy();
    expect(body.extensions?.github).toBeUndefined();
  });
});
