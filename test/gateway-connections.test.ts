import { describe, expect, it } from 'vitest';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { createGatewayApp } from './support/gateway.ts';
import { useAppOnFakeGitHub } from './support/harness.ts';

// Per-request behaviour: the cross-request cache is off so every call shows at the fake.
const h = useAppOnFakeGitHub({ CACHE: 'false' });

const bigRun = (args: string, selection = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { databaseId } }') =>
  h.gateway.query(`{ workflowRun(owner: "octo-org", repo: "monorepo", runId: ${KNOWN.bigRunId}) { jobs${args ? `(${args})` : ""} { ${selection} } } }`, { token: TOKENS.full });

const expectedIds = () => h.github.dataset.jobsOfRun(KNOWN.bigRunId, 'latest')!.map((job) => job.id);
const listCalls = () => h.github.requests.map((r) => r.url.replace(/^\/repos\/[^/]+\/[^/]+\/actions\/runs\/\d+/, ''));

describe('WorkflowRun.jobs over GET …/runs/{run_id}/jobs', () => {
  it('returns the first 30 (GitHub\'s default) from one canonical call when no size is given', async () => {
    const { body } = await bigRun('');
    const jobs = body.data.workflowRun.jobs;
    expect(jobs.totalCount).toBe(260);
    expect(jobs.edges.map((e: { node: { databaseId: number } }) => e.node.databaseId)).toEqual(expectedIds().slice(0, 30));
    expect(jobs.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(listCalls()).toEqual(['/jobs?filter=latest&per_page=100&page=1']);
  });

  it('gets all 260 jobs of a run in one GraphQL round trip with three per_page=100 calls, none past the end', async () => {
    const { body } = await bigRun('first: 500');
    const ids = body.data.workflowRun.jobs.edges.map((e: { node: { databaseId: number } }) => e.node.databaseId);
    expect(ids).toEqual(expectedIds());
    expect(body.data.workflowRun.jobs.pageInfo.hasNextPage).toBe(false);
    expect(listCalls().sort()).toEqual(['/jobs?filter=latest&per_page=100&page=1', '/jobs?filter=latest&per_page=100&page=2', '/jobs?filter=latest&per_page=100&page=3']);
  });

  it('pages forward with endCursor as `after`, one call per screen, through the whole run', async () => {
    const seen: number[] = [];
    let after: string | null = null;
    let screens = 0;
    do {
      const { body } = await bigRun(`first: 50${after ? `, after: "${after}"` : ''}`);
      const jobs = body.data.workflowRun.jobs;
      seen.push(...jobs.edges.map((e: { node: { databaseId: number } }) => e.node.databaseId));
      after = jobs.pageInfo.hasNextPage ? jobs.pageInfo.endCursor : null;
      if (screens > 0) expect(jobs.pageInfo.hasPreviousPage).toBe(true);
      screens += 1;
    } while (after && screens < 20);
    expect(seen).toEqual(expectedIds());
    expect(screens).toBe(6);
    expect(h.github.requests.length).toBe(6);
  });

  it('pages backward with `last` and `before`', async () => {
    const tail = await bigRun('last: 10');
    const jobs = tail.body.data.workflowRun.jobs;
    expect(jobs.edges.map((e: { node: { databaseId: number } }) => e.node.databaseId)).toEqual(expectedIds().slice(250));
    expect(jobs.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const before = await bigRun(`last: 5, before: "${jobs.pageInfo.startCursor}"`);
    expect(before.body.data.workflowRun.jobs.edges.map((e: { node: { databaseId: number } }) => e.node.databaseId)).toEqual(expectedIds().slice(245, 250));
  });

  it('answers `last` on a run of up to 100 jobs with a single call', async () => {
    const { body } = await h.gateway.query(`{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { jobs(last: 3) { totalCount nodes { databaseId } } } }`, { token: TOKENS.full });
    const all = h.github.dataset.jobsOfRun(KNOWN.jobRunId, 'latest')!.map((job) => job.id);
    expect(body.data.workflowRun.jobs.nodes.map((n: { databaseId: number }) => n.databaseId)).toEqual(all.slice(-3));
    expect(h.github.requests).toHaveLength(1);
  });

  it('maps filter ALL to filter=all and LATEST to filter=latest', async () => {
    const { body } = await h.gateway.query(
      `{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.rerunRunId}) {
           latest: jobs { totalCount nodes { runAttempt } } all: jobs(filter: ALL) { totalCount nodes { runAttempt } } } }`,
      { token: TOKENS.full },
    );
    const run = body.data.workflowRun;
    expect(run.latest.totalCount).toBe(KNOWN.rerunJobsPerAttempt);
    expect(new Set(run.latest.nodes.map((n: { runAttempt: number }) => n.runAttempt))).toEqual(new Set([3]));
    expect(run.all.totalCount).toBe(KNOWN.rerunJobsPerAttempt * 3);
    expect(new Set(run.all.nodes.map((n: { runAttempt: number }) => n.runAttempt))).toEqual(new Set([1, 2, 3]));
    expect(listCalls().sort()).toEqual(['/jobs?filter=all&per_page=100&page=1', '/jobs?filter=latest&per_page=100&page=1']);
  });

  it('lists one attempt through GET …/attempts/{attempt_number}/jobs, and a missing attempt is NOT_FOUND', async () => {
    const { body } = await h.gateway.query(
      `{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.rerunRunId}) {
           first: jobs(attempt: 1) { totalCount nodes { runAttempt conclusion } } missing: jobs(attempt: 9) { totalCount } } }`,
      { token: TOKENS.full },
    );
    expect(body.data.workflowRun.first.totalCount).toBe(KNOWN.rerunJobsPerAttempt);
    expect(body.data.workflowRun.first.nodes.every((n: { runAttempt: number }) => n.runAttempt === 1)).toBe(true);
    expect(body.data.workflowRun.missing).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ path: ['workflowRun', 'missing'], extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
    expect(listCalls().sort()).toEqual(['/attempts/1/jobs?per_page=100&page=1', '/attempts/9/jobs?per_page=100&page=1']);
  });

  it('answers first: 0 with totalCount and no edges', async () => {
    const { body } = await bigRun('first: 0');
    expect(body.data.workflowRun.jobs).toMatchObject({ totalCount: 260, edges: [], pageInfo: { hasNextPage: true, startCursor: null, endCursor: null } });
  });

  it.each([
    ['first: -1', 'first'],
    ['first: 501', 'first'],
    ['last: 100000', 'last'],
    ['after: "bm90LWEtY3Vyc29y"', 'after'],
    ['before: "%%%"', 'before'],
    ['attempt: 0', 'attempt'],
  ])('rejects %s with BAD_USER_INPUT and no upstream call', async (args, argument) => {
    const { body } = await bigRun(args);
    expect(body.data?.workflowRun?.jobs ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(h.github.requests).toHaveLength(0);
  });

  it('rejects a cursor taken from another run, filter or attempt', async () => {
    const { body } = await bigRun('first: 1');
    const cursor = body.data.workflowRun.jobs.pageInfo.endCursor;
    h.github.resetRecords();
    const other = await h.gateway.query(
      `{ otherRun: workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { jobs(after: "${cursor}") { totalCount } }
         otherFilter: workflowRun(owner: "octo-org", repo: "monorepo", runId: ${KNOWN.bigRunId}) { jobs(filter: ALL, after: "${cursor}") { totalCount } }
         otherAttempt: workflowRun(owner: "octo-org", repo: "monorepo", runId: ${KNOWN.bigRunId}) { jobs(attempt: 1, after: "${cursor}") { totalCount } } }`,
      { token: TOKENS.full },
    );
    expect(other.body.errors).toHaveLength(3);
    for (const error of other.body.errors!) expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(h.github.requests).toHaveLength(0);
  });

  it('honours MAX_CONNECTION_SIZE', async () => {
    const small = createGatewayApp(h.github.apiUrl, { MAX_CONNECTION_SIZE: '50', CACHE: 'false' });
    try {
      const { body } = await small.query(`{ workflowRun(owner: "octo-org", repo: "monorepo", runId: ${KNOWN.bigRunId}) { jobs(first: 51) { totalCount } } }`, { token: TOKENS.full });
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toContain('between 0 and 50');
    } finally {
      await small.close();
    }
  });
});
