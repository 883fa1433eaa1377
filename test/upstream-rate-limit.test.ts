// Rate-limit awareness over the real wire to GitHub, on a fake clock shared by the fake GitHub and the gateway:
// once GitHub says stop, the gateway does not call it again for that credential until the window ends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KNOWN, startFakeGitHub, TOKENS, type FakeGitHub } from '../fake-github/index.ts';
import { createGatewayApp, type RunningGateway } from './support/gateway.ts';
import { jobPath, jobsQuery, PUBLIC_JOB_IDS } from './support/job-queries.ts';

let github: FakeGitHub;
let gateway: RunningGateway;

const [A, B, C] = PUBLIC_JOB_IDS as [number, number, number];
const nowSeconds = () => Math.floor(github.clock.now() / 1000);
const callsBy = (token: string | null) => github.requests.filter((request) => request.token === token && request.path.includes('/actions/')).length;

beforeEach(async () => {
  github = await startFakeGitHub({ now: () => Date.parse('2026-07-26T15:00:00Z') });
  // Revalidate every time, so what the cache serves while limited is the stale-but-stored answer.
  gateway = createGatewayApp(github.apiUrl, { CACHE_MAX_AGE: 'off' }, { now: github.clock.now });
});
afterEach(async () => {
  await gateway.close();
  await github.close();
});

describe('primary rate limit: remaining reaches 0', () => {
  it('stops calling GitHub for that credential, answers from cache where it can, RATE_LIMITED at once elsewhere, and resumes after reset', async () => {
    const resetAt = nowSeconds() + 600;
    github.setRateLimit(TOKENS.other, { remaining: 1, resetAt });

    // The last point: the answer says remaining 0.
    const last = await gateway.query(jobsQuery([A]), { token: TOKENS.other });
    expect(last.body.data?.j0?.databaseId).toBe(A);
    expect(last.body.extensions?.github).toMatchObject({ rateLimit: { remaining: 0 } });
    const callsBefore = callsBy(TOKENS.other);

    // A is stored: served as it was. B is not: RATE_LIMITED with when to come back. GitHub hears nothing.
    const limited = await gateway.query(`${jobsQuery([A, B]).slice(0, -1)} rateLimit { remaining resetAt } }`, { token: TOKENS.other });
    expect(limited.body.data?.j0).toEqual(last.body.data?.j0);
    expect(limited.body.data?.j1).toBeNull();
    const error = limited.body.errors?.find((e) => e.path?.[0] === 'j1');
    expect(error?.extensions).toMatchObject({ code: 'RATE_LIMITED', resetAt: new Date(resetAt * 1000).toISOString(), retryAfter: 600 });
    expect(limited.body.data?.rateLimit).toEqual({ remaining: 0, resetAt: new Date(resetAt * 1000).toISOString() });
    expect(limited.body.extensions?.github).toMatchObject({ requests: 0, cacheHits: 1 });
    expect(callsBy(TOKENS.other)).toBe(callsBefore);

    // Another credential is not held back.
    const someoneElse = await gateway.query(jobsQuery([B]), { token: TOKENS.full });
    expect(someoneElse.body.data?.j0?.databaseId).toBe(B);

    github.clock.advance(601_000);
    const resumed = await gateway.query(jobsQuery([B]), { token: TOKENS.other });
    expect(resumed.body.errors).toBeUndefined();
    expect(resumed.body.data?.j0?.databaseId).toBe(B);
    expect(callsBy(TOKENS.other)).toBe(callsBefore + 1);
  });

  it('maps GitHub’s own 403 "rate limit exceeded" to RATE_LIMITED and then stops calling', async () => {
    const resetAt = nowSeconds() + 300;
    github.setRateLimit(TOKENS.other, { remaining: 0, resetAt });
    const refused = await gateway.query(jobsQuery([C]), { token: TOKENS.other });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', upstreamStatus: 403, retryAfter: 300 });
    const again = await gateway.query(jobsQuery([C]), { token: TOKENS.other });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(github.requests.filter((request) => request.path === jobPath(C))).toHaveLength(1);
  });
});

describe('secondary rate limit: 403/429 with retry-after', () => {
  it.each([403, 429] as const)('honours retry-after on %i: RATE_LIMITED, no call until it passes, then calls again', async (status) => {
    github.injectSecondaryLimit({ path: jobPath(A), status, retryAfter: 30 });
    const refused = await gateway.query(jobsQuery([A]), { token: TOKENS.full });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', upstreamStatus: status, retryAfter: 30 });

    github.clock.advance(10_000);
    const early = await gateway.query(jobsQuery([B]), { token: TOKENS.full });
    expect(early.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 20 });
    expect(github.requests.filter((request) => request.path === jobPath(B))).toHaveLength(0);

    github.clock.advance(21_000);
    const later = await gateway.query(jobsQuery([A, B]), { token: TOKENS.full });
    expect(later.body.errors).toBeUndefined();
  });
});

describe('Query.rateLimit', () => {
  it('returns the latest this caller saw in an earlier request without asking GitHub, and asks GET /rate_limit (free) for a caller never seen', async () => {
    await gateway.query(jobsQuery([A]), { token: TOKENS.full });
    const seen = github.rateLimit(TOKENS.full);
    const { body } = await gateway.query('{ rateLimit { remaining used limit } }', { token: TOKENS.full });
    expect(body.data?.rateLimit).toEqual({ remaining: seen.remaining, used: seen.used, limit: seen.limit });
    expect(github.requests.filter((request) => request.path === '/rate_limit')).toHaveLength(0);

    const fresh = await gateway.query('{ rateLimit { remaining } }', { token: TOKENS.other });
    expect(fresh.body.data?.rateLimit?.remaining).toBe(github.rateLimit(TOKENS.other).remaining);
    expect(github.requests.filter((request) => request.path === '/rate_limit')).toHaveLength(1);
  });

  it.each([
    ['a log asked a turn after its job (the log loader gathers the job’s fields first)', `job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { logs { lines(last: 1) { number } } }`, 2],
    ['a run, then its jobs list', `workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { createdAt jobs(first: 2) { nodes { name } } }`, 2],
  ])('listed first, still reports the limit after every call of its siblings: %s', async (_what, sibling, requests) => {
    const { body } = await gateway.query(`{ rateLimit { used } ${sibling} }`, { token: TOKENS.full });
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.github).toMatchObject({ requests });
    expect(body.data?.rateLimit).toEqual({ used: github.rateLimit(TOKENS.full).used });
    expect(github.requests.filter((request) => request.path === '/rate_limit')).toHaveLength(0);
  });
});
