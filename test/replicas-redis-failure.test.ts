// Redis is an optimisation, never a dependency of an answer: two replicas under a steady load keep
// answering (no 5xx, no GraphQL error, every answer within 5 s) while their Redis hangs (SIGSTOP) and
// while it is killed, say so in the log, /readyz and the metrics, and share again once it is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN, startFakeGitHub, TOKENS, type FakeGitHub } from '../fake-github/index.ts';
import { createMetrics, type GatewayMetrics } from '../src/telemetry/metrics.ts';
import { startGateway, type RunningGateway } from './support/gateway.ts';
import { jobsQuery, PUBLIC_JOB_IDS } from './support/job-queries.ts';
import { hasRedisServer, startRedis, type TestRedis } from './support/redis-server.ts';

const PASSWORD = 'redis-password-never-logged';
const CREDENTIAL_KEY = 'test-credential-key-0123456789abcdef0123456789';
const LIST = `{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { jobs(first: 5) { totalCount nodes { databaseId } } } }`;
const ANSWER_BOUND_MS = 5_000;

describe.skipIf(!hasRedisServer)('Redis paused, killed and restarted under load', () => {
  let github: FakeGitHub;
  let redis: TestRedis;
  let a: RunningGateway;
  let b: RunningGateway;
  const metrics: GatewayMetrics[] = [];
  const warnings: Array<{ fields: Record<string, unknown>; message: string }> = [];
  const logger = { debug() {}, warn: (fields: Record<string, unknown>, message: string) => warnings.push({ fields, message }), info() {} };

  beforeAll(async () => {
    github = await startFakeGitHub();
    redis = await startRedis({ password: PASSWORD });
    const env = { REDIS_URL: redis.url, CREDENTIAL_KEY, REDIS_COMMAND_TIMEOUT_MS: '300' };
    metrics.push(createMetrics({ defaultMetrics: false }), createMetrics({ defaultMetrics: false }));
    a = await startGateway(github.apiUrl, env, { logger, metrics: metrics[0] });
    b = await startGateway(github.apiUrl, env, { logger, metrics: metrics[1] });
    await Promise.all([a, b].map((gateway) => redisState(gateway, 'up')));
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.close();
    await github?.close();
  });

  it('answers every request from its own memory while Redis hangs or is gone, and shares again once it is back', async () => {
    const load = startLoad([a, b]);
    const unshared = [...PUBLIC_JOB_IDS];
    try {
      await expectSharing(unshared.shift() as number);

      redis.pause();
      await Promise.all([a, b].map((gateway) => redisState(gateway, 'down')));
      await load.rounds(3);
      redis.resume();
      await Promise.all([a, b].map((gateway) => redisState(gateway, 'up')));
      await expectSharing(unshared.shift() as number);

      await redis.kill();
      await Promise.all([a, b].map((gateway) => redisState(gateway, 'down')));
      await load.rounds(3);
      await redis.start();
      await Promise.all([a, b].map((gateway) => redisState(gateway, 'up')));
      await expectSharing(unshared.shift() as number);
    } finally {
      redis.resume();
    }
    const answers = await load.stop();

    expect(answers.length).toBeGreaterThan(10);
    expect(answers.filter((answer) => answer.status !== 200 || answer.errors !== undefined)).toEqual([]);
    expect(answers.filter((answer) => answer.ms > ANSWER_BOUND_MS)).toEqual([]);

    // Said in the log (twice per replica: paused, killed), never with the URL's password.
    expect(warnings.filter((warning) => /Redis unavailable/.test(warning.message)).length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(warnings)).not.toContain(PASSWORD);
    for (const registry of metrics) {
      const text = await registry.registry.metrics();
      expect(text).toMatch(/^redis_up 1$/m);
      expect(text).toMatch(/^shared_cache_reads_total\{result="unavailable"\} [1-9]/m);
    }
  });

  it('counts a command Redis refuses (out of memory) as an error without giving up on Redis, and still answers', async () => {
    await redis.inspect.config('SET', 'maxmemory-policy', 'noeviction');
    await redis.inspect.config('SET', 'maxmemory', '1');
    try {
      const answer = await a.query(jobsQuery([PUBLIC_JOB_IDS[5] as number]), { token: TOKENS.full });
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      const text = await (metrics[0] as GatewayMetrics).registry.metrics();
      expect(text).toMatch(/^redis_errors_total\{op="set"\} [1-9]/m);
      expect(text).toMatch(/^redis_up 1$/m);
      expect(warnings.some((warning) => warning.message === 'Redis refused a command')).toBe(true);
    } finally {
      await redis.inspect.config('SET', 'maxmemory', '0');
    }
  });

  /** A job fetched through A (one point) costs B nothing: Redis is carrying entries between replicas. */
  async function expectSharing(jobId: number) {
    const spent = github.rateLimit(TOKENS.full).used;
    const first = await a.query(jobsQuery([jobId]), { token: TOKENS.full });
    expect(first.body.errors).toBeUndefined();
    const second = await b.query(jobsQuery([jobId]), { token: TOKENS.full });
    expect(second.body.data).toEqual(first.body.data);
    expect(second.body.extensions?.github).toMatchObject({ requests: 0, cacheHits: 1 });
    expect(github.rateLimit(TOKENS.full).used).toBe(spent + 1);
  }
});

describe('a replica whose Redis cannot be reached at start', () => {
  it('answers from its own memory, reports Redis down in /readyz and stays ready', async () => {
    const github = await startFakeGitHub();
    const warnings: string[] = [];
    // Port 9 on loopback: nothing listens, connections are refused.
    const gateway = await startGateway(github.apiUrl, { REDIS_URL: 'redis://127.0.0.1:9/0', CREDENTIAL_KEY }, { logger: { debug() {}, warn: (_fields, message) => warnings.push(message) } });
    try {
      await redisState(gateway, 'down');
      for (let i = 0; i < 2; i += 1) {
        const answer = await gateway.query(jobsQuery([KNOWN.jobId]), { token: TOKENS.full });
        expect(answer.body.errors).toBeUndefined();
        expect(answer.body.extensions?.github).toMatchObject({ requests: i === 0 ? 1 : 0 });
      }
      expect(warnings.filter((message) => /Redis unavailable/.test(message))).toHaveLength(1);
    } finally {
      await gateway.close();
      await github.close();
    }
  });
});

interface Answer {
  status: number;
  errors: unknown;
  ms: number;
}

/** Two callers per replica querying in a loop until stopped; `rounds(n)` waits until each has answered n more times. */
function startLoad(gateways: RunningGateway[]) {
  const answers: Answer[] = [];
  let running = true;
  let completed = 0;
  const waiters: Array<{ target: number; resolve: () => void }> = [];
  const workers = gateways.flatMap((gateway) =>
    [TOKENS.publicOnly, TOKENS.other].map(async (token) => {
      while (running) {
        const started = performance.now();
        const response = await gateway.query(LIST, { token });
        answers.push({ status: response.status, errors: response.body.errors, ms: performance.now() - started });
        completed += 1;
        for (const waiter of waiters.filter((w) => completed >= w.target)) waiter.resolve();
      }
    }),
  );
  return {
    rounds: (n: number) => new Promise<void>((resolve) => waiters.push({ target: completed + n * workers.length, resolve })),
    async stop() {
      running = false;
      await Promise.all(workers);
      return answers;
    },
  };
}

async function redisState(gateway: RunningGateway, state: 'up' | 'down'): Promise<void> {
  const readyz = gateway.url.replace(/\/graphql$/, '/readyz');
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const body = (await (await fetch(readyz)).json()) as { status: string; redis?: { state: string } };
    // Readiness never fails on Redis.
    expect(body.status).toBe('ready');
    if (body.redis?.state === state) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Redis never reported ${state}`);
}
