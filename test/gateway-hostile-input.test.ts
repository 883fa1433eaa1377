import { describe, expect, it } from 'vitest';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { useAppOnFakeGitHub } from './support/harness.ts';
import { nestingOf } from '../src/plugins/nesting-limit.ts';

// Per-request behaviour: the cross-request cache is off so every call shows at the fake.
const h = useAppOnFakeGitHub({ CACHE: 'false' });

const HOSTILE_NAMES = [
  '..',
  '.',
  '../..',
  'octo-org/../../user',
  'octo-org/public-app',
  'octo-org%2Fpublic-app',
  '%2e%2e',
  'a?b=c',
  'a#frag',
  'a b',
  ' octo-org',
  'octo-org\n',
  'octo\r\nX-Injected: 1',
  '',
  '-leading-hyphen',
  'x'.repeat(101),
  'ünïcödé',
  'a\\b',
  'a;b',
  '<script>',
  "o'; DROP TABLE",
  'a\u0000b',
];

describe('hostile owner/repo/id strings never reach GitHub', () => {
  it.each(HOSTILE_NAMES.map((name) => [JSON.stringify(name), name]))('rejects owner %s with BAD_USER_INPUT and no upstream call', async (_label, name) => {
    h.github.resetRecords();
    const { status, body } = await h.gateway.query(`query($o: String!) { job(owner: $o, repo: "public-app", jobId: ${KNOWN.jobId}) { name } }`, {
      variables: { o: name },
      token: TOKENS.full,
    });
    expect(status).toBeLessThan(500);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'owner' });
    expect(h.github.requests).toHaveLength(0);
  });

  it.each(HOSTILE_NAMES.filter((name) => name.length <= 100 || name.startsWith('x')).map((name) => [JSON.stringify(name), name]))(
    'rejects repo %s with BAD_USER_INPUT and no upstream call',
    async (_label, name) => {
      h.github.resetRecords();
      const { body } = await h.gateway.query(`query($r: String!) { workflowRun(owner: "octo-org", repo: $r, runId: ${KNOWN.jobRunId}) { jobs { totalCount } } }`, {
        variables: { r: name },
        token: TOKENS.full,
      });
      // Names GitHub allows ("-leading-hyphen", "a b" is not) may pass the check; any that pass must be sent encoded.
      if (body.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT') expect(h.github.requests).toHaveLength(0);
      else for (const request of h.github.requests) expect(request.path.split('/')[3]).toBe(encodeURIComponent(name));
    },
  );

  it.each([
    ['-1', 'negative'],
    ['1.5', 'fractional'],
    ['1e3', 'exponent'],
    ['0x1F', 'hex'],
    ['"12a"', 'not decimal'],
    ['"-5"', 'negative string'],
    ['"9007199254740993"', 'beyond 2^53'],
    ['99999999999999999999', 'huge literal'],
    ['true', 'boolean'],
    ['"  111495700026 "', 'padded'],
  ])('rejects jobId %s (%s) before any upstream call', async (literal) => {
    h.github.resetRecords();
    const { status, body } = await h.gateway.query(`{ job(owner: "octo-org", repo: "public-app", jobId: ${literal}) { name } }`, { token: TOKENS.full });
    expect(status).toBeLessThan(500);
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(body.errors!.every((e) => typeof e.extensions?.code === 'string')).toBe(true);
    expect(h.github.requests).toHaveLength(0);
  });

  it.each([[-1], [1.5], ['12a'], [Number.MAX_SAFE_INTEGER + 2], [null]])('rejects a jobId variable %s with an error code', async (value) => {
    h.github.resetRecords();
    const { status, body } = await h.gateway.query(`query($id: BigInt!) { job(owner: "octo-org", repo: "public-app", jobId: $id) { name } }`, {
      variables: { id: value },
      token: TOKENS.full,
    });
    expect(status).toBeLessThan(500);
    expect(typeof body.errors?.[0]?.extensions?.code).toBe('string');
    expect(h.github.requests).toHaveLength(0);
  });

  it('rejects runId 0 and jobId 0 as BAD_USER_INPUT', async () => {
    h.github.resetRecords();
    const { body } = await h.gateway.query(`{ job(owner: "octo-org", repo: "public-app", jobId: 0) { name } workflowRun(owner: "octo-org", repo: "public-app", runId: 0) { id } }`, { token: TOKENS.full });
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(h.github.requests).toHaveLength(0);
  });

  it.each(['', 'djE6', Buffer.from('v1:octo-org/../x/1/latest:3').toString('base64url'), Buffer.from('Job:../../etc/1').toString('base64url'), 'A'.repeat(5000)])(
    'rejects a forged node id %#',
    async (id) => {
      h.github.resetRecords();
      const { body } = await h.gateway.query(`query($id: ID!) { node(id: $id) { id } }`, { variables: { id }, token: TOKENS.full });
      expect(body.data?.node ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(h.github.requests).toHaveLength(0);
    },
  );
});

describe('names from a hostile upstream body never drive a REST path', () => {
  it.each([
    ['a traversal in url', 'https://api.example/repos/..%2F..%2Fadmin%3Fx%3D/x/actions/jobs/1'],
    ['a percent-encoded slash in the repo', 'https://api.example/repos/octo-org/public-app%2F..%2Fx/actions/jobs/1'],
    ['a malformed escape', 'https://api.example/repos/octo-org/%E0%A4%A/actions/jobs/1'],
    ['no repository at all', 'https://api.example/jobs/1'],
  ])('answers UPSTREAM_ERROR for %s, and calls nothing built from it', async (_name, url) => {
    const path = `/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`;
    const real = (await h.gateway.query(`{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { databaseId } }`, { token: TOKENS.full })).body;
    expect(real.errors).toBeUndefined();
    const fetched = await fetch(`${h.github.apiUrl}${path}`, { headers: { authorization: `Bearer ${TOKENS.full}`, 'user-agent': 'test' } });
    const job = { ...((await fetched.json()) as Record<string, unknown>), url, run_url: url };
    h.github.injectFault({ path }, { kind: 'body', body: job });
    h.github.resetRecords();
    const { body } = await h.gateway.query(
      `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name id run { jobs { totalCount } } logs { text } } }`,
      { token: TOKENS.full },
    );
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(body.errors?.every((error) => error.extensions?.code === 'UPSTREAM_ERROR')).toBe(true);
    expect(h.github.requests.map((r) => r.path)).toEqual([path]);
  });
});

describe('bodies that disagree with the request', () => {
  const path = `/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`;
  const realJob = async () => {
    const fetched = await fetch(`${h.github.apiUrl}${path}`, { headers: { authorization: `Bearer ${TOKENS.full}`, 'user-agent': 'test' } });
    return (await fetched.json()) as Record<string, unknown> & { url: string };
  };

  it.each([
    ['another repository', (job: { url: string }) => ({ url: job.url.replace('/public-app/', '/private-api/') })],
    ['another job id', () => ({ id: KNOWN.jobId + 1 })],
  ])('answers UPSTREAM_ERROR when GET …/jobs/{job_id} sends a job of %s, shows none of it, and still answers the job loaded beside it', async (_name, patch) => {
    const job = await realJob();
    h.github.injectFault({ path }, { kind: 'body', body: { ...job, ...patch(job) } });
    h.github.resetRecords();
    const sibling = KNOWN.jobId - 1;
    const { body } = await h.gateway.query(
      `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name databaseId } sibling: job(owner: "octo-org", repo: "public-app", jobId: ${sibling}) { databaseId } }`,
      { token: TOKENS.full },
    );
    expect(body.data?.job ?? null).toBeNull();
    expect(body.data?.sibling).toEqual({ databaseId: sibling });
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_ERROR']);
  });

  it("answers UPSTREAM_ERROR when a run's job list holds a job of another run; the caller's sibling fields still arrive", async () => {
    const listPath = `/repos/octo-org/public-app/actions/runs/${KNOWN.jobRunId}/jobs`;
    const fetched = await fetch(`${h.github.apiUrl}${listPath}?per_page=100&page=1`, { headers: { authorization: `Bearer ${TOKENS.full}`, 'user-agent': 'test' } });
    const list = (await fetched.json()) as { total_count: number; jobs: Array<Record<string, unknown>> };
    list.jobs[0] = { ...list.jobs[0], run_id: KNOWN.rerunRunId };
    h.github.injectFault({ path: listPath }, { kind: 'body', body: list });
    const { body } = await h.gateway.query(
      `{ rateLimit { limit } workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { databaseId jobs { totalCount } } }`,
      { token: TOKENS.full },
    );
    expect(body.data?.workflowRun).toEqual({ databaseId: KNOWN.jobRunId, jobs: null });
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_ERROR']);
  });
});

describe('documents nested deeper than the parser can recurse', () => {
  it('answers 20,000 nested selection sets with 400 GRAPHQL_PARSE_FAILED, not 500', async () => {
    const query = '{ a ' + '{ a '.repeat(20_000) + '}'.repeat(20_001);
    const response = await h.gateway.fetch(h.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('counts nesting outside strings and comments only', () => {
    expect(nestingOf('{ a { b(x: [1, [2]]) } }')).toBe(5);
    expect(nestingOf('{ a(s: "{{{{ \\" {{") # {{{{\n }')).toBe(2);
    expect(nestingOf('{ a(s: """ {{{ " {{ """) }')).toBe(2);
  });
});
