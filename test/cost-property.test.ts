// The cost limit's estimate against what the gateway really asks GitHub: for the shipped operations, a
// corpus of shapes and a seeded generated set (windows, cursors, aliases, nesting), the API requests the
// fake sees never exceed the estimate, and equal it where the list is long enough that its length cannot
// save a call and no cache can help (CACHE=false; one request at a time).
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../fake-github/prng.ts';
import { KNOWN, startFakeGitHub, TOKENS, type FakeGitHub } from '../fake-github/index.ts';
import { estimateCost } from '../src/plugins/cost-estimate.ts';
import { encodeCursor } from '../src/plan/cursor.ts';
import { listScope } from '../src/plan/keys.ts';
import { encodeGlobalId } from '../src/schema/global-id.ts';
import { subgraphSchema } from '../src/schema/index.ts';
import { createGatewayApp, type RunningGateway } from './support/gateway.ts';
import { SHIPPED_QUERY_VARIABLES } from './support/operation-variables.ts';

let github: FakeGitHub;
let gateway: RunningGateway;
beforeAll(async () => {
  github = await startFakeGitHub({ rateLimits: false });
  gateway = createGatewayApp(github.apiUrl, { CACHE: 'false', MAX_UPSTREAM_CALLS_PER_QUERY: '100000', MAX_RESPONSE_BYTES: String(1024 ** 3), GITHUB_STATS_EXTENSION: 'false' });
});
afterAll(async () => {
  await gateway?.close();
  await github?.close();
});

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The list is long enough and nothing is cached: the estimate must be exact. */
  exact: boolean;
}

async function measure({ query, variables = {} }: Case): Promise<{ actual: number; estimate: number }> {
  const { calls } = estimateCost({ schema: subgraphSchema, document: parse(query), variables, limits: gateway.config && { maxConnectionSize: gateway.config.maxConnectionSize, maxLogBytes: gateway.config.maxLogBytes, maxRequestLogBytes: gateway.config.maxRequestLogBytes } });
  github.resetRecords();
  const response = await gateway.query(query, { token: TOKENS.full, variables });
  expect(response.status).toBe(200);
  return { actual: github.requests.length, estimate: calls };
}

interface ListUnderTest {
  repo: string;
  runId: number;
  total: number;
}
const BIG: ListUnderTest = { repo: 'monorepo', runId: KNOWN.bigRunId, total: KNOWN.bigRunJobCount };
const SMALL: ListUnderTest = { repo: 'public-app', runId: KNOWN.jobRunId, total: 9 };
const run = (list: ListUnderTest) => `workflowRun(owner: "octo-org", repo: "${list.repo}", runId: ${list.runId})`;

/** One random connection window on the 260-job run; `exact` when its pages all exist whatever the length. */
function randomWindow(rng: Rng): { args: string; exact: boolean } {
  const scope = listScope({ owner: 'octo-org', repo: BIG.repo, runId: BIG.runId, filter: 'latest', attempt: null });
  const after = rng.chance(0.4) ? rng.int(0, 240) : null;
  const before = rng.chance(0.25) ? rng.int((after ?? -1) + 1, 259) : null;
  const first = rng.chance(0.6) ? rng.int(0, 150) : null;
  const last = first === null && rng.chance(0.6) ? rng.int(0, 150) : null;
  const parts = [
    first !== null ? `first: ${first}` : '',
    last !== null ? `last: ${last}` : '',
    after !== null ? `after: "${encodeCursor(scope, after)}"` : '',
    before !== null ? `before: "${encodeCursor(scope, before)}"` : '',
  ].filter(Boolean);
  const start = after === null ? 0 : after + 1;
  const end = before ?? (first !== null ? start + first : last === null ? start + 30 : null);
  // A tail of an unknown end (last without before) depends on the length; so does a window past the end.
  return { args: parts.length > 0 ? `(${parts.join(', ')})` : '', exact: end !== null && end <= BIG.total && last === null };
}

function generated(count: number): Case[] {
  const rng = createRng(20261202);
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const windows = Array.from({ length: rng.int(1, 3) }, () => randomWindow(rng));
    const nested = rng.chance(0.3);
    const logs = rng.chance(0.2);
    const fields = windows
      .map((w, n) => `w${n}: jobs${w.args} { totalCount nodes { name ${logs ? 'logs { sizeBytes }' : ''} ${nested ? 'run { jobs(first: 5) { totalCount } }' : ''} } }`)
      .join(' ');
    const lookups = rng.chance(0.3) ? `j: job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name } k: job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { id }` : '';
    // Several windows of one list are planned together: the length can then matter even inside the list.
    const exact = windows.length === 1 && windows.every((w) => w.exact) && !nested && !logs;
    cases.push({ name: `generated #${i}: ${fields.slice(0, 90)}…`, query: `{ ${run(BIG)} { ${fields} } ${lookups} }`, exact });
  }
  return cases;
}

const jobId = encodeGlobalId('Job', `octo-org/public-app/${KNOWN.jobId}`);
const corpus: Case[] = [
  { name: 'first: 500 on the 260-job run', query: `{ ${run(BIG)} { jobs(first: 500) { totalCount } } }`, exact: false },
  { name: 'first: 260 on the 260-job run', query: `{ ${run(BIG)} { jobs(first: 260) { totalCount } } }`, exact: true },
  { name: 'first: 150 after 40', query: `{ ${run(BIG)} { jobs(first: 150, after: "${encodeCursor(listScope({ owner: 'octo-org', repo: 'monorepo', runId: BIG.runId, filter: 'latest', attempt: null }), 40)}") { totalCount } } }`, exact: true },
  { name: 'last: 100 on the 260-job run', query: `{ ${run(BIG)} { jobs(last: 100) { totalCount } } }`, exact: false },
  { name: 'last: 10 on a 9-job run', query: `{ ${run(SMALL)} { jobs(last: 10) { totalCount } } }`, exact: false },
  { name: 'an empty window after a cursor at 149', query: `{ ${run(BIG)} { jobs(first: 10, after: "${encodeCursor(listScope({ owner: 'octo-org', repo: 'monorepo', runId: BIG.runId, filter: 'latest', attempt: null }), 149)}") { totalCount } } }`, exact: true },
  { name: 'every attempt of the re-run run', query: `{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.rerunRunId}) { a: jobs(attempt: 1) { totalCount } b: jobs(attempt: 2) { totalCount } c: jobs(filter: ALL) { totalCount } } }`, exact: true },
  { name: 'logs of the 9 jobs of a run', query: `{ ${run(SMALL)} { jobs { nodes { logs { sizeBytes } steps { log { lines(last: 1) { number } } } } } } }`, exact: false },
  { name: 'a job, its run and that run\'s jobs', query: `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { run { jobs { totalCount } } } }`, exact: false },
  { name: 'nodes with repeats', query: `query Q($ids: [ID!]!) { nodes(ids: $ids) { ... on Job { name } } }`, variables: { ids: [jobId, jobId, jobId] }, exact: true },
  { name: 'rate limit alone', query: `{ rateLimit { remaining } }`, exact: true },
  { name: 'a repository\'s runs, first: 150', query: `{ workflowRuns(owner: "octo-org", repo: "monorepo", first: 150) { totalCount nodes { name status } } }`, exact: true },
  { name: 'the last 10 runs of one branch', query: `{ workflowRuns(owner: "octo-org", repo: "monorepo", branch: "main", last: 10) { nodes { runNumber } } }`, exact: false },
  { name: 'three listed runs and their jobs', query: `{ workflowRuns(owner: "octo-org", repo: "public-app", first: 3) { nodes { name jobs { totalCount } } } }`, exact: false },
  { name: 'a run\'s own fields beside its jobs, and a job\'s run fields', query: `{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.rerunRunId}) { name status jobs { nodes { run { displayTitle } } } } }`, exact: false },
];

function shippedOperations(): Case[] {
  const dir = new URL('../schema/operations/', import.meta.url);
  const variables = SHIPPED_QUERY_VARIABLES;
  // A subscription's estimate is one poll of its selection, checked against the polls in test/run-cost.test.ts.
  const queries = readdirSync(dir).filter((file) => !readFileSync(new URL(file, dir), 'utf8').includes('subscription '));
  return queries.map((file) => {
    const query = readFileSync(new URL(file, dir), 'utf8');
    const name = /(?:query|subscription)\s+(\w+)/.exec(query)?.[1] ?? file;
    return { name: `schema/operations/${file}`, query, variables: variables[name] ?? {}, exact: false };
  });
}

describe('the cost estimate bounds the REST calls the gateway makes', () => {
  const cases = [...shippedOperations(), ...corpus, ...generated(60)];
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { actual, estimate } = await measure(c);
    expect(actual).toBeLessThanOrEqual(estimate);
    if (c.exact) expect(actual).toBe(estimate);
  });
});
