import { describe, expect, it } from 'vitest';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { createGatewayApp } from './support/gateway.ts';
import { useAppOnFakeGitHub } from './support/harness.ts';

// Per-request behaviour: the cross-request cache is off so every call shows at the fake.
const h = useAppOnFakeGitHub({ CACHE: 'false', GITHUB_RETRIES: '0', GITHUB_HEADERS_TIMEOUT_MS: '300' });

const failing = `failing: job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name }`;
const sibling = `sibling: workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { databaseId }`;

function expectOneError(body: { data?: any; errors?: any[] }, code: string) {
  expect(body.errors).toHaveLength(1);
  const [error] = body.errors!;
  expect(error.extensions.code).toBe(code);
  expect(error.path).toEqual(['failing']);
  expect(body.data.failing).toBeNull();
  expect(body.data.sibling).toEqual({ databaseId: KNOWN.jobRunId });
  // Nothing internal leaks: no stack, no upstream host or port, no token.
  const text = JSON.stringify(body.errors);
  expect(text).not.toMatch(/stack|127\.0\.0\.1|ghp_|at .*\.ts/);
  return error;
}

describe('one translation point: upstream failures become codes on the failing field', () => {
  it('answers NOT_FOUND for a job GitHub does not have, with the sibling field intact', async () => {
    const { body } = await h.gateway.query(`{ failing: job(owner: "octo-org", repo: "public-app", jobId: 999) { name } ${sibling} }`, { token: TOKENS.full });
    expectOneError(body, 'NOT_FOUND');
  });

  it('answers NOT_FOUND, not FORBIDDEN, for a private repository the caller cannot see (GitHub says 404)', async () => {
    const { body } = await h.gateway.query(`{ failing: job(owner: "octo-org", repo: "private-api", jobId: ${KNOWN.privateJobId}) { name } ${sibling} }`, { token: TOKENS.publicOnly });
    expectOneError(body, 'NOT_FOUND');
    const allowed = await h.gateway.query(`{ job(owner: "octo-org", repo: "private-api", jobId: ${KNOWN.privateJobId}) { databaseId } }`, { token: TOKENS.full });
    expect(allowed.body.data.job.databaseId).toBe(KNOWN.privateJobId);
  });

  it('answers UNAUTHENTICATED when GitHub rejects the token (401)', async () => {
    const { body } = await h.gateway.query(`{ ${failing} ${sibling} }`, { token: 'ghp_not_a_real_token' });
    expectOneError(body, 'UNAUTHENTICATED');
  });

  it('answers UNAUTHENTICATED for a malformed Authorization header, before any call', async () => {
    const { status, body } = await h.gateway.query(`{ ${failing} }`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(h.github.requests).toHaveLength(0);
  });

  it('answers FORBIDDEN for a 403 that is not a rate limit (SAML enforcement)', async () => {
    h.github.injectFault({ path: `/actions/jobs/${KNOWN.jobId}` }, { kind: 'forbidden' });
    const { body } = await h.gateway.query(`{ ${failing} ${sibling} }`, { token: TOKENS.full });
    expectOneError(body, 'FORBIDDEN');
  });

  it('answers UPSTREAM_ERROR for a 500 and for a malformed body', async () => {
    h.github.injectFault({ path: `/actions/jobs/${KNOWN.jobId}` }, { status: 500 });
    expectOneError((await h.gateway.query(`{ ${failing} ${sibling} }`, { token: TOKENS.full })).body, 'UPSTREAM_ERROR');
    h.github.injectFault({ path: `/actions/jobs/${KNOWN.jobId}` }, { kind: 'malformedJson' });
    expectOneError((await h.gateway.query(`{ ${failing} ${sibling} }`, { token: TOKENS.full })).body, 'UPSTREAM_ERROR');
  });

  it('answers UPSTREAM_TIMEOUT when GitHub does not answer in time', async () => {
    h.github.injectFault({ path: `/actions/jobs/${KNOWN.jobId}` }, { kind: 'delay', ms: 1_500 });
    const error = expectOneError((await h.gateway.query(`{ ${failing} ${sibling} }`, { token: TOKENS.full })).body, 'UPSTREAM_TIMEOUT');
    expect(error.message).not.toContain('127.0.0.1');
  });

  it('answers RATE_LIMITED with resetAt and retryAfter on a secondary limit (429 + retry-after)', async () => {
    h.github.injectSecondaryLimit({ path: `/actions/jobs/${KNOWN.jobId}`, status: 429, retryAfter: 42 });
    const limited = createGatewayApp(h.github.apiUrl, { CACHE: 'false' });
    try {
      const { body } = await limited.query(`{ ${failing} ${sibling} }`, { token: TOKENS.other });
      const error = expectOneError(body, 'RATE_LIMITED');
      expect(error.extensions.retryAfter).toBe(42);
      expect(Date.parse(error.extensions.resetAt)).toBeGreaterThan(Date.now());
    } finally {
      await limited.close();
    }
  });

  it('answers RATE_LIMITED when the primary limit is spent (403, remaining 0)', async () => {
    const resetAt = Math.floor(Date.now() / 1000) + 600;
    h.github.setRateLimit(TOKENS.publicOnly, { remaining: 0, resetAt });
    const limited = createGatewayApp(h.github.apiUrl, { CACHE: 'false' });
    try {
      const { body } = await limited.query(`{ ${failing} ${sibling} }`, { token: TOKENS.publicOnly });
      const error = expectOneError(body, 'RATE_LIMITED');
      expect(error.extensions.resetAt).toBe(new Date(resetAt * 1000).toISOString());
    } finally {
      h.github.setRateLimit(TOKENS.publicOnly, { remaining: 5000 });
      await limited.close();
    }
  });

  it('fails only the run whose list GitHub refused; the other runs of the query arrive', async () => {
    const { body } = await h.gateway.query(
      `{ ok: workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { jobs { totalCount } }
         gone: workflowRun(owner: "octo-org", repo: "public-app", runId: 12345) { databaseId jobs { totalCount } } }`,
      { token: TOKENS.full },
    );
    expect(body.data.ok.jobs.totalCount).toBe(9);
    expect(body.data.gone).toEqual({ databaseId: 12345, jobs: null });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['gone', 'jobs'], extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
  });

  it('refuses nodes(ids:) with more than 100 ids, repeats included, with BAD_USER_INPUT and no upstream call', async () => {
    const job = Buffer.from(`Job:octo-org/public-app/${KNOWN.jobId}`).toString('base64url');
    h.github.resetRecords();
    const { body } = await h.gateway.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { token: TOKENS.full, variables: { ids: Array(101).fill(job) } });
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ path: ['nodes'], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'ids' }) })]);
    expect(h.github.requests).toHaveLength(0);
    const hundred = await h.gateway.query(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { token: TOKENS.full, variables: { ids: Array(100).fill(job) } });
    expect(hundred.body.errors).toBeUndefined();
    expect(hundred.body.data.nodes).toHaveLength(100);
  });

  it('answers a node id that fails with its own error, keeping the other nodes', async () => {
    const missing = Buffer.from('Job:octo-org/public-app/999').toString('base64url');
    const run = Buffer.from(`WorkflowRun:octo-org/public-app/${KNOWN.jobRunId}`).toString('base64url');
    const { body } = await h.gateway.query(`{ nodes(ids: ["${missing}", "${run}", "garbage!"]) { id } }`, { token: TOKENS.full });
    expect(body.data.nodes).toEqual([null, { id: run }, null]);
    expect(body.errors!.map((e) => [e.path, e.extensions?.code]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      [['nodes', 0], 'NOT_FOUND'],
      [['nodes', 2], 'BAD_USER_INPUT'],
    ]);
  });
});
