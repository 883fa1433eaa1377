import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../src/plugins/cost-estimate.ts';
import { encodeCursor } from '../src/plan/cursor.ts';
import { encodeGlobalId } from '../src/schema/global-id.ts';
import { subgraphSchema } from '../src/schema/index.ts';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { useAppOnFakeGitHub } from './support/harness.ts';

const estimate = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  estimateCost({ schema: subgraphSchema, document: parse(query), variables, operationName, limits: { maxConnectionSize: 500, maxLogBytes: 10 * 1024 * 1024, maxRequestLogBytes: 32 * 1024 * 1024 } }).calls;

const RUN = `workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId})`;
const JOB = `job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId})`;

describe('static estimate of REST calls (src/plugins/cost-estimate.ts)', () => {
  it.each([
    ['a run handle alone', `{ ${RUN} { id databaseId } }`, 0],
    ['jobs with the default window (30: one page)', `{ ${RUN} { jobs { totalCount } } }`, 1],
    ['first: 0 still reads total_count', `{ ${RUN} { jobs(first: 0) { totalCount } } }`, 1],
    ['first: 100 with steps: one page, steps free', `{ ${RUN} { jobs(first: 100) { nodes { name steps { name status } } } } }`, 1],
    ['first: 500: five pages of 100', `{ ${RUN} { jobs(first: 500) { totalCount } } }`, 5],
    ['first: 150 after the 100th: pages planned like the loader', `{ ${RUN} { jobs(first: 150, after: "${encodeCursor(`octo-org/public-app/${KNOWN.jobRunId}/latest`, 99)}") { totalCount } } }`, 2],
    ['last: 10 without before: page 1 for the total, then the tail', `{ ${RUN} { jobs(last: 10) { totalCount } } }`, 2],
    ['two windows of one list are planned together', `{ ${RUN} { a: jobs(first: 10) { totalCount } b: jobs(first: 20) { totalCount } } }`, 1],
    ['filter ALL and LATEST are two lists', `{ ${RUN} { a: jobs(filter: ALL) { totalCount } b: jobs { totalCount } } }`, 2],
    ['an attempt is its own list', `{ ${RUN} { jobs(attempt: 2) { totalCount } } }`, 1],
    ['a job lookup', `{ ${JOB} { name steps { name } } }`, 1],
    ['the same job twice (aliases) is one call', `{ a: ${JOB} { name } b: ${JOB} { id } }`, 1],
    ['a job and its logs, however many log fields', `{ ${JOB} { logs { text errors { content } } steps { log { text } } } }`, 2],
    ['logs of 30 jobs in a list: one download each', `{ ${RUN} { jobs { nodes { logs { sizeBytes } } } } }`, 31],
    ['Step.log of 100 jobs', `{ ${RUN} { jobs(first: 100) { edges { node { steps { log { text } } } } } } }`, 101],
    ['Job.run.jobs of jobs from a list: the same run, the same list', `{ ${RUN} { jobs(first: 10) { nodes { run { jobs(first: 10) { totalCount } } } } } }`, 1],
    ['Job.run.jobs of a looked-up job: an unknown run', `{ ${JOB} { run { jobs { totalCount } } } }`, 2],
    ['rateLimit', `{ rateLimit { remaining } }`, 1],
    ['a bad argument fails before any call', `{ ${RUN} { jobs(first: 100000) { totalCount } } }`, 0],
    ['a foreign cursor fails before any call', `{ ${RUN} { jobs(after: "${encodeCursor('other/repo/1/latest', 3)}") { totalCount } } }`, 0],
    ['an invalid owner fails before any call', `{ job(owner: "..", repo: "x", jobId: 1) { name } }`, 0],
    ['node ids: one GET per job id, none for a run id', `{ a: node(id: "${encodeGlobalId('Job', `octo-org/public-app/${KNOWN.jobId}`)}") { id } b: node(id: "${encodeGlobalId('WorkflowRun', `octo-org/public-app/${KNOWN.jobRunId}`)}") { ... on WorkflowRun { jobs { totalCount } } } }`, 2],
    ['_entities: Job representations', `query($r: [_Any!]!) { _entities(representations: $r) { ... on Job { name } } }`, 0],
  ])('%s', (_name, query, calls) => {
    expect(estimate(query)).toBe(calls);
  });

  it('resolves variables and fragments, honouring type conditions', () => {
    const query = `query Q($n: Int, $id: ID!) {
      node(id: $id) { ...OnJob ...OnRun }
    }
    fragment OnJob on Job { logs { text } }
    fragment OnRun on WorkflowRun { jobs(first: $n) { nodes { ...OnJob } } }`;
    const runId = encodeGlobalId('WorkflowRun', `octo-org/public-app/${KNOWN.jobRunId}`);
    expect(estimate(query, { n: 250, id: runId })).toBe(3 + 250);
    expect(estimate(query, { n: 5, id: encodeGlobalId('Job', `octo-org/public-app/${KNOWN.jobId}`) })).toBe(2);
  });

  it('counts _entities representations once per distinct job', () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Job { logs { text } } } }`;
    const job = (id: number) => ({ __typename: 'Job', owner: 'octo-org', repo: 'public-app', databaseId: id });
    expect(estimate(query, { r: [job(1), job(2), job(2), { __typename: 'WorkflowRun', owner: 'o', repo: 'r', databaseId: 3 }] })).toBe(4);
  });

  it('multiplies through nesting: nodes(ids) × run.jobs × logs', () => {
    const ids = Array.from({ length: 3 }, (_, i) => encodeGlobalId('Job', `octo-org/public-app/${i + 1}`));
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Job { run { jobs(first: 200) { nodes { logs { text } } } } } } }`;
    // 3 lookups + 3 unknown runs × (2 pages + 200 logs)
    expect(estimate(query, { ids })).toBe(3 + 3 * (2 + 200));
  });

  it('gives up on fragment bombs (Infinity) and cuts fragment cycles', () => {
    const levels = Array.from({ length: 20 }, (_, i) => `fragment F${i} on Job { ...F${i + 1} a${i}: name ...F${i + 1} }`).join('\n');
    expect(estimate(`{ ${JOB} { ...F0 } }\n${levels}\nfragment F20 on Job { name }`)).toBe(Number.POSITIVE_INFINITY);
    expect(estimate(`{ ${JOB} { ...A } } fragment A on Job { ...B } fragment B on Job { ...A logs { text } }`)).toBe(2);
  });
});

describe('MAX_UPSTREAM_CALLS_PER_QUERY refuses before any upstream call', () => {
  // Default limits: the cost check, not the alias cap, refuses a costly 200-alias query.
  const h = useAppOnFakeGitHub({ CACHE: 'false' });

  it('refuses a 200-alias query with QUERY_TOO_COSTLY, its estimate and the limit, and calls GitHub zero times', async () => {
    const fields = Array.from({ length: 200 }, (_, i) => `j${i}: job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId + (i % 9) - 6 + i * 1000}) { name }`).join('\n');
    const { status, body } = await h.gateway.query(`query Aliases { ${fields} }`, { token: TOKENS.full });
    expect(status).toBeLessThan(500);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', estimate: 200, limit: 50 });
    expect(h.github.requests).toHaveLength(0);
  });

  it('counts the same list asked by 100 aliases once, as the loader does', async () => {
    const fields = Array.from({ length: 100 }, (_, i) => `w${i}: ${RUN} { jobs(first: 100) { totalCount } }`).join('\n');
    const { body } = await h.gateway.query(`{ ${fields} }`, { token: TOKENS.full });
    expect(body.errors).toBeUndefined();
    expect(h.github.requests).toHaveLength(1);
  });

  it('accepts a dashboard: 20 runs, jobs(first: 100) with steps, rate limit', async () => {
    const runIds = h.github.dataset.publicRunIds().slice(0, 20);
    expect(runIds).toHaveLength(20);
    const runs = runIds.map((id, i) => {
      const run = h.github.dataset.runs.find((r) => r.id === id)!;
      return `r${i}: workflowRun(owner: "${run.repo.owner}", repo: "${run.repo.name}", runId: ${id}) { jobs(first: 100) { totalCount nodes { name status conclusion steps { number name status conclusion } } } }`;
    });
    const { body } = await h.gateway.query(`query Dashboard { ${runs.join('\n')} rateLimit { remaining } }`, { token: TOKENS.full });
    expect(body.errors).toBeUndefined();
    expect(h.github.requests.length).toBeGreaterThanOrEqual(20);
    expect(h.github.requests.length).toBeLessThanOrEqual(21);
  });

  it('refuses logs of a hundred jobs (101 calls) but serves the same query without logs', async () => {
    const costly = await h.gateway.query(`{ ${RUN} { jobs(first: 100) { nodes { logs { sizeBytes } } } } }`, { token: TOKENS.full });
    expect(costly.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', estimate: 101 });
    expect(h.github.requests).toHaveLength(0);
    const cheap = await h.gateway.query(`{ ${RUN} { jobs(first: 100) { nodes { name } } } }`, { token: TOKENS.full });
    expect(cheap.body.errors).toBeUndefined();
  });

  it('estimates one query text again for other variables (the estimate is kept per document and variables)', async () => {
    const query = `query Logs($n: Int!) { ${RUN} { jobs(first: $n) { nodes { logs { sizeBytes } } } } }`;
    const few = await h.gateway.query(query, { token: TOKENS.full, variables: { n: 2 } });
    expect(few.body.errors).toBeUndefined();
    const many = await h.gateway.query(query, { token: TOKENS.full, variables: { n: 100 } });
    expect(many.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', estimate: 101 });
    const fewAgain = await h.gateway.query(query, { token: TOKENS.full, variables: { n: 2 } });
    expect(fewAgain.body.errors).toBeUndefined();
    expect(fewAgain.body.data).toEqual(few.body.data);
  });
});

describe('batched requests share one cost limit', () => {
  const h = useAppOnFakeGitHub({ CACHE: 'false', MAX_BATCH_SIZE: '5', MAX_UPSTREAM_CALLS_PER_QUERY: '4' });

  it('refuses every operation of a batch whose sum is over the limit, with no upstream call', async () => {
    const one = { query: `{ ${RUN} { jobs(first: 200) { totalCount } } }` };
    const response = await h.gateway.fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
      body: JSON.stringify([one, one, { query: `{ ${JOB} { name } }` }]),
    });
    expect(response.status).toBeLessThan(500);
    const results = (await response.json()) as Array<{ errors?: Array<{ extensions?: Record<string, unknown> }> }>;
    expect(results).toHaveLength(3);
    // 2 + 2 + 1 = 5 > 4, although each alone fits.
    for (const result of results) expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', estimate: 5, limit: 4 });
    expect(h.github.requests).toHaveLength(0);
  });

  it.each([[[1, 'x', null]], [[{ query: '{ __typename }' }, 'x']], [[[]]]])('answers a batch with an element that is not an object (%j) with 400 BAD_REQUEST', async (batch) => {
    const response = await h.gateway.fetch(h.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('serves a batch within the limit and refuses one longer than MAX_BATCH_SIZE', async () => {
    const ok = await h.gateway.fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
      body: JSON.stringify([{ query: `{ ${JOB} { name } }` }, { query: `{ ${RUN} { jobs { totalCount } } }` }]),
    });
    const results = (await ok.json()) as Array<{ errors?: unknown }>;
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
    const tooMany = await h.gateway.fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Array.from({ length: 6 }, () => ({ query: '{ __typename }' }))),
    });
    expect(tooMany.status).toBeGreaterThanOrEqual(400);
    expect(tooMany.status).toBeLessThan(500);
  });
});
