// Two gateway replicas on one real redis-server, in front of the fake GitHub: what one replica learnt
// (a list of jobs and its ETag, a rate-limit stop) costs the other nothing, while callers stay apart and
// nothing in Redis is readable without the caller's token.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KNOWN, startFakeGitHub, TOKENS, type FakeGitHub } from '../fake-github/index.ts';
import { ANONYMOUS, credentialFrom } from '../src/github/credentials.ts';
import { createMemoryCacheStore, type CacheEntry } from '../src/github/cache-store.ts';
import { createMetrics, type GatewayMetrics } from '../src/telemetry/metrics.ts';
import { createRedisLink } from '../src/replicas/redis-link.ts';
import { createSealer } from '../src/replicas/sealed-entry.ts';
import { createSharedCacheStore, type SharedReadResult } from '../src/replicas/shared-cache-store.ts';
import { startGateway, type RunningGateway } from './support/gateway.ts';
import { jobsQuery } from './support/job-queries.ts';
import { hasRedisServer, startRedis, type TestRedis } from './support/redis-server.ts';

const CREDENTIAL_KEY = 'test-credential-key-0123456789abcdef0123456789';
const runJobs = (repo: string, runId: number) => `{ workflowRun(owner: "octo-org", repo: "${repo}", runId: ${runId}) { jobs(first: 20) { totalCount nodes { databaseId name } } } }`;
const PUBLIC_RUN = runJobs('public-app', KNOWN.jobRunId);
const PRIVATE_RUN = runJobs('private-api', KNOWN.privateRunId);

describe.skipIf(!hasRedisServer)('two replicas sharing one Redis (REDIS_URL, CREDENTIAL_KEY)', () => {
  let github: FakeGitHub;
  let redis: TestRedis;
  let a: RunningGateway;
  let b: RunningGateway;
  let metricsB: GatewayMetrics;
  const used = (token: string) => github.rateLimit(token).used;
  const callsBy = (token: string) => github.requests.filter((request) => request.token === token && request.path.includes('/actions/'));

  beforeAll(async () => {
    github = await startFakeGitHub({ now: () => Date.parse('2026-07-26T15:00:00Z') });
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, CREDENTIAL_KEY };
    metricsB = createMetrics({ defaultMetrics: false });
    a = await startGateway(github.apiUrl, env, { now: github.clock.now });
    b = await startGateway(github.apiUrl, env, { now: github.clock.now, metrics: metricsB });
    await Promise.all([a, b].map((gateway) => waitForRedis(gateway, 'up')));
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.close();
    await github?.close();
  });
  beforeEach(() => github.resetRecords());

  it("a run's jobs listed through replica A cost nothing through replica B: served while fresh, then a 304 that spends no point", async () => {
    const first = await a.query(PUBLIC_RUN, { token: TOKENS.full });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.workflowRun.jobs.nodes.length).toBeGreaterThan(0);
    const spent = used(TOKENS.full);

    const fresh = await b.query(PUBLIC_RUN, { token: TOKENS.full });
    expect(fresh.body.data).toEqual(first.body.data);
    expect(fresh.body.extensions?.github).toMatchObject({ requests: 0 });
    expect(used(TOKENS.full)).toBe(spent);

    // Past GitHub's max-age (60 s): B asks again, with the ETag A stored, and GitHub answers 304.
    github.clock.advance(61_000);
    const revalidated = await b.query(PUBLIC_RUN, { token: TOKENS.full });
    expect(revalidated.body.data).toEqual(first.body.data);
    expect(revalidated.body.extensions?.github).toMatchObject({ requests: 1, notModified: 1 });
    expect(callsBy(TOKENS.full).at(-1)?.headers['if-none-match']).toBeDefined();
    expect(github.rateLimit(TOKENS.full).used).toBe(spent);

    // B's refreshed entry (stored at B's now) is fresh again for A.
    const back = await a.query(PUBLIC_RUN, { token: TOKENS.full });
    expect(back.body.extensions?.github).toMatchObject({ requests: 0 });
    expect(await metricValue(metricsB, 'shared_cache_reads_total{result="hit"}')).toBeGreaterThan(0);
  });

  it("keeps credentials apart: after A served a private run to a full-access token, B answers a public-only token NOT_FOUND from GitHub's 404", async () => {
    const owner = await a.query(PRIVATE_RUN, { token: TOKENS.full });
    expect(owner.body.data?.workflowRun.jobs.nodes.map((job: { databaseId: number }) => job.databaseId)).toContain(KNOWN.privateJobId);

    for (const token of [TOKENS.publicOnly, null]) {
      const stranger = await b.query(PRIVATE_RUN, { token });
      expect(stranger.body.data?.workflowRun?.jobs ?? null).toBeNull();
      expect(stranger.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(stranger.body.extensions?.github).toMatchObject({ requests: 1 });
    }
    expect(github.requests.filter((request) => request.path.includes('private-api')).map((request) => request.token)).toEqual([TOKENS.full, TOKENS.publicOnly, null]);
  });

  it('stores nothing readable: no token, no fingerprint, no repository name, id or JSON in any Redis key or value', async () => {
    await a.query(PRIVATE_RUN, { token: TOKENS.full });
    // Anonymous callers share too (public data only), sealed with a key derived from CREDENTIAL_KEY.
    const anonymous = await b.query(PUBLIC_RUN, { token: null });
    expect(anonymous.body.errors).toBeUndefined();
    expect((await a.query(PUBLIC_RUN, { token: null })).body.extensions?.github).toMatchObject({ requests: 0 });
    const dump = await redis.dump();
    expect(dump.length).toBeGreaterThan(2);
    const fingerprints = [TOKENS.full, TOKENS.publicOnly].map((token) => credentialFrom(`Bearer ${token}`, undefined).fingerprint);
    const forbidden = [...Object.values(TOKENS), 'ghp_', 'Bearer', 'private-api', 'public-app', 'octo-org', String(KNOWN.privateRunId), String(KNOWN.privateJobId), '"jobs"', '"name"', 'etag', 'W/"', ...fingerprints];
    for (const { key, value } of dump) {
      expect(key).toMatch(/^ajg:(c|stop):[A-Za-z0-9_-]{43}$/);
      const text = `${key}\n${value.toString('latin1')}`;
      for (const needle of forbidden) expect(text.toLowerCase()).not.toContain(needle.toLowerCase());
    }
  });

  it('a replica that was told RATE_LIMITED stops its sibling from calling GitHub for that credential until the reset', async () => {
    const resetAt = Math.floor(github.clock.now() / 1000) + 300;
    github.setRateLimit(TOKENS.other, { remaining: 0, resetAt });
    const [first, second] = [jobsQuery([KNOWN.jobId]), jobsQuery([KNOWN.jobId + 1])];

    const refused = await a.query(first, { token: TOKENS.other });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', resetAt: new Date(resetAt * 1000).toISOString() });
    expect(callsBy(TOKENS.other)).toHaveLength(1);

    const sibling = await b.query(second, { token: TOKENS.other });
    expect(sibling.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', resetAt: new Date(resetAt * 1000).toISOString() });
    expect(sibling.body.extensions?.github).toMatchObject({ requests: 0 });
    expect(callsBy(TOKENS.other)).toHaveLength(1);

    // Another credential on the same replica is not held back; after the reset the sibling calls again.
    expect((await b.query(second, { token: TOKENS.full })).body.errors).toBeUndefined();
    github.clock.advance(301_000);
    const resumed = await b.query(second, { token: TOKENS.other });
    expect(resumed.body.errors).toBeUndefined();
    expect(callsBy(TOKENS.other)).toHaveLength(2);
  });

  it('/readyz reports Redis beside the GitHub verdict', async () => {
    const response = await fetch(b.url.replace(/\/graphql$/, '/readyz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready', redis: { state: 'up' } });
  });
});

describe.skipIf(!hasRedisServer)('sealed entries in Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.close();
  });

  it('an entry sealed for one token, read under the same key with another token (or anonymously), is a miss, not a leak', async () => {
    const link = createRedisLink({ url: redis.url, commandTimeoutMs: 500, logger: { warn() {} } });
    try {
      await waitUntil(() => link.status().state === 'up');
      const reads: SharedReadResult[] = [];
      const store = createSharedCacheStore({ link, local: createMemoryCacheStore({ maxBytes: 1_000_000 }), sealer: createSealer(CREDENTIAL_KEY), name: (key) => `t:${key}`, ttlSeconds: 60, onRead: (result) => reads.push(result) });
      const owner = credentialFrom(`Bearer ${TOKENS.full}`, undefined);
      const entry: CacheEntry = { etag: 'W/"1"', status: 200, headers: {}, body: '{"secret":true}', storedAt: 1, maxAge: 60 };
      await store.set('same-key', entry, owner);
      // A fresh replica (empty memory) with the same secret: only the owner's token opens it.
      const other = createSharedCacheStore({ link, local: createMemoryCacheStore({ maxBytes: 1_000_000 }), sealer: createSealer(CREDENTIAL_KEY), name: (key) => `t:${key}`, ttlSeconds: 60, onRead: (result) => reads.push(result) });
      expect(await other.get('same-key', credentialFrom(`Bearer ${TOKENS.publicOnly}`, undefined))).toBeUndefined();
      expect(await other.get('same-key', ANONYMOUS)).toBeUndefined();
      expect(await other.get('same-key', credentialFrom(`Bearer ${TOKENS.full}`, undefined))).toEqual(entry);
      expect(reads).toEqual(['unreadable', 'unreadable', 'hit']);
    } finally {
      link.close();
    }
  });
});

async function waitForRedis(gateway: RunningGateway, state: 'up' | 'down'): Promise<void> {
  const readyz = gateway.url.replace(/\/graphql$/, '/readyz');
  await waitUntil(async () => ((await (await fetch(readyz)).json()) as { redis?: { state: string } }).redis?.state === state);
}

async function waitUntil(condition: () => boolean | Promise<boolean>, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not reached');
}

async function metricValue(metrics: GatewayMetrics, series: string): Promise<number> {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ')[1]) : 0;
}
