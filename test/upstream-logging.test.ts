// No token in any log line at any level: the upstream layer's pino records (trace and up) and
// everything Yoga prints through console, captured while the gateway retries, rate-limits, caches,
// loses its cache store and meets a bad token.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CacheStore } from '../src/github/cache-store.ts';
import { startFakeGitHub, TOKENS, type FakeGitHub } from '../fake-github/index.ts';
import { createGatewayApp, type RunningGateway } from './support/gateway.ts';
import { jobPath, jobsQuery, PUBLIC_JOB_IDS } from './support/job-queries.ts';

const BAD_TOKEN = 'ghp_notAKnownToken111111111111111111111';
const lines: string[] = [];
let github: FakeGitHub;

const capture = new Writable({
  write(chunk, _encoding, done) {
    lines.push(String(chunk));
    done();
  },
});

beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((arg) => (arg instanceof Error ? `${arg.stack} ${JSON.stringify(arg)} ${String(arg.cause)}` : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    });
  }
  github = await startFakeGitHub({ now: () => Date.parse('2026-07-26T15:00:00Z') });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await github.close();
});

describe('logs name credentials by fingerprint only', () => {
  it('no token appears in any log line while retrying, rate limiting, caching and failing', async () => {
    const logger = pino({ level: 'trace' }, capture);
    const brokenStore: CacheStore = {
      get: () => Promise.reject(new Error('store down')),
      set: () => Promise.reject(new Error('store down')),
      delete: () => undefined,
    };
    const gateways: RunningGateway[] = [
      createGatewayApp(github.apiUrl, { CACHE_MAX_AGE: 'off' }, { logger, log: logger, now: github.clock.now }),
      createGatewayApp(github.apiUrl, {}, { logger, log: logger, cacheStore: brokenStore, now: github.clock.now }),
    ];
    try {
      for (const gateway of gateways) {
        const [a, b, c] = PUBLIC_JOB_IDS as [number, number, number];
        github.injectFault({ path: jobPath(a), times: 2 }, { status: 502 });
        github.injectFault({ path: jobPath(b), times: 1 }, { kind: 'reset' });
        await gateway.query(jobsQuery([a, b]), { token: TOKENS.full });
        await gateway.query(jobsQuery([a, b]), { token: TOKENS.full });
        github.setRateLimit(TOKENS.other, { remaining: 1, resetAt: Math.floor(github.clock.now() / 1000) + 60 });
        await gateway.query(jobsQuery([a]), { token: TOKENS.other });
        await gateway.query(jobsQuery([a, c]), { token: TOKENS.other });
        github.injectSecondaryLimit({ path: jobPath(c), status: 429, retryAfter: 5 });
        await gateway.query(jobsQuery([c]), { token: TOKENS.publicOnly });
        await gateway.query(jobsQuery([c]), { token: BAD_TOKEN });
        await gateway.query(jobsQuery([c]), { token: null });
        github.clock.advance(120_000);
      }
    } finally {
      await Promise.all(gateways.map((gateway) => gateway.close()));
    }

    const text = lines.join('\n');
    // The scenario did log: retries, rate-limit windows and store failures, each with a fingerprint.
    expect(text).toMatch(/retrying GitHub request/);
    expect(text).toMatch(/rate limited: no calls to GitHub/);
    expect(text).toMatch(/cache store read failed/);
    expect(text).toMatch(/"credential":"cred_[0-9a-f]{24}"/);
    // And Yoga's own error log (pino-backed since issue 6, src/logging.ts) was captured too.
    expect(text).toMatch(/GitHubRequestError/);
    for (const secret of [...Object.values(TOKENS), BAD_TOKEN]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/bearer\s+\S/i);
  });
});
