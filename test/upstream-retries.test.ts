// Every fault the fake GitHub can inject, over the real wire to GitHub: which ones are retried (502/503/504, a
// reset, a timeout, a body cut short), which are not (500, malformed JSON, 4xx), and that one failing
// field leaves its siblings intact.
import { describe, expect, it } from 'vitest';
import { TOKENS, type Fault } from '../fake-github/index.ts';
import { createGatewayApp } from './support/gateway.ts';
import { useAppOnFakeGitHub } from './support/harness.ts';
import { jobPath, jobsQuery, PUBLIC_JOB_IDS } from './support/job-queries.ts';

// Cache off so every attempt shows at the fake; a short headers timeout so "delay" is a timeout.
const h = useAppOnFakeGitHub({ CACHE: 'false', GITHUB_HEADERS_TIMEOUT_MS: '250', GITHUB_RETRIES: '2' });

const [BAD, GOOD] = PUBLIC_JOB_IDS as [number, number];
const attemptsAt = (id: number) => h.github.requests.filter((request) => request.path === jobPath(id)).length;


async function queryWithFault(fault: Fault, times: number) {
  h.github.injectFault({ path: jobPath(BAD), times }, fault);
  return h.gateway.query(jobsQuery([BAD, GOOD]), { token: TOKENS.full });
}

const ALWAYS = 10;

describe('faults that persist: the right code on the failing field, its sibling intact', () => {
  it.each<[string, Fault, string, number]>([
    ['500 (not retried: a bug upstream)', { status: 500 }, 'UPSTREAM_ERROR', 1],
    ['502 (retried twice)', { status: 502 }, 'UPSTREAM_ERROR', 3],
    ['503 (retried twice)', { status: 503 }, 'UPSTREAM_ERROR', 3],
    ['504 (retried twice)', { status: 504 }, 'UPSTREAM_ERROR', 3],
    ['a connection reset (retried twice)', { kind: 'reset' }, 'UPSTREAM_ERROR', 3],
    ['a delay past the headers timeout (retried twice)', { kind: 'delay', ms: 3_000 }, 'UPSTREAM_TIMEOUT', 3],
    ['malformed JSON in a 200 (not retried: it would parse no better)', { kind: 'malformedJson' }, 'UPSTREAM_ERROR', 1],
    ['a truncated body (retried twice: the connection broke)', { kind: 'truncatedBody' }, 'UPSTREAM_ERROR', 3],
  ])('%s', async (_name, fault, code, attempts) => {
    const { status, body } = await queryWithFault(fault, ALWAYS);
    expect(status).toBe(200);
    expect(body.data?.j0).toBeNull();
    expect(body.data?.j1).toMatchObject({ databaseId: GOOD });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({ path: ['j0'], extensions: { code } });
    expect(attemptsAt(BAD)).toBe(attempts);
    expect(attemptsAt(GOOD)).toBe(1);
  });
});

describe('transient faults: one retry and the caller never knows', () => {
  it.each<[string, Fault]>([
    ['502', { status: 502 }],
    ['503', { status: 503 }],
    ['a connection reset', { kind: 'reset' }],
    ['a delay past the headers timeout', { kind: 'delay', ms: 3_000 }],
    ['a truncated body', { kind: 'truncatedBody' }],
  ])('%s once', async (_name, fault) => {
    const { body } = await queryWithFault(fault, 1);
    expect(body.errors).toBeUndefined();
    expect(body.data?.j0).toMatchObject({ databaseId: BAD });
    expect(attemptsAt(BAD)).toBe(2);
    expect(body.extensions?.github).toMatchObject({ requests: 3 });
  });
});

describe('never retried', () => {
  it('a 404 (NOT_FOUND after one call)', async () => {
    const { body } = await h.gateway.query(jobsQuery([1]), { token: TOKENS.full });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(attemptsAt(1)).toBe(1);
  });

  it('a 401 for a bad token (UNAUTHENTICATED after one call)', async () => {
    const { body } = await h.gateway.query(jobsQuery([BAD]), { token: 'ghp_notAKnownToken000000000000000000000' });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(attemptsAt(BAD)).toBe(1);
  });
});

describe('the per-request deadline', () => {
  it('ends retries with UPSTREAM_TIMEOUT when the deadline leaves no room for another attempt', async () => {
    const tight = createGatewayApp(h.github.apiUrl, { CACHE: 'false', GITHUB_HEADERS_TIMEOUT_MS: '200', GITHUB_REQUEST_DEADLINE_MS: '300' });
    try {
      h.github.injectFault({ path: jobPath(BAD), times: ALWAYS }, { kind: 'delay', ms: 3_000 });
      const { body } = await tight.query(jobsQuery([BAD, GOOD]), { token: TOKENS.full });
      expect(body.errors?.[0]).toMatchObject({ path: ['j0'], extensions: { code: 'UPSTREAM_TIMEOUT' } });
      expect(body.data?.j1).toMatchObject({ databaseId: GOOD });
      expect(attemptsAt(BAD)).toBeLessThan(3);
    } finally {
      await tight.close();
    }
  });
});
