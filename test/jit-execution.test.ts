import { isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN, startFakeGitHub, TOKENS, type FakeGitHub } from '../fake-github/index.ts';
import { subgraphSchema } from '../src/schema/index.ts';
import { createGatewayApp, type GatewayApp } from './support/gateway.ts';

/**
 * GRAPHQL_JIT (on by default) runs queries as graphql-jit code; the answers, errors included, must be the
 * ones graphql-js gives. Both gateways ask the same fake GitHub (rate limits off: the second would
 * otherwise see the first one's spend), and the comparison is of the whole JSON text.
 */
let github: FakeGitHub;
let jit: GatewayApp;
let graphqlJs: GatewayApp;
const ENV = { GITHUB_STATS_EXTENSION: 'false' };
beforeAll(async () => {
  github = await startFakeGitHub({ rateLimits: false });
  jit = createGatewayApp(github.apiUrl, ENV);
  graphqlJs = createGatewayApp(github.apiUrl, { ...ENV, GRAPHQL_JIT: 'false' });
});
afterAll(async () => {
  await Promise.all([jit.close(), graphqlJs.close()]);
  await github.close();
});

const REPO = 'owner: "octo-org", repo: "public-app"';
const JOB = `${REPO}, jobId: ${KNOWN.jobId}`;

/** The jit gateway compiles a document on its second run (the first runs on graphql-js): asked twice, the second answer is compiled code's. */
async function answer(app: GatewayApp, query: string, variables?: Record<string, unknown>) {
  if (app === jit) await send(app, query, variables);
  return send(app, query, variables);
}

async function send(app: GatewayApp, query: string, variables?: Record<string, unknown>) {
  const response = await app.fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
  });
  return `${response.status} ${await response.text()}`;
}

describe('queries compiled with graphql-jit (GRAPHQL_JIT)', () => {
  it.each([
    ['a job with its steps, dates and enums', `{ job(${JOB}) { id databaseId name status conclusion startedAt completedAt duration labels steps { number name status conclusion startedAt } run { id } } }`],
    ['aliases, a fragment and __typename', `{ a: job(${JOB}) { name } c: job(${JOB}) { ...F } } fragment F on Job { __typename id steps { name } }`],
    ['@skip and @include', `{ job(${JOB}) { name @skip(if: true) status @include(if: false) conclusion } }`],
    ['a window of a run’s jobs with cursors', `{ workflowRun(${REPO}, runId: ${KNOWN.jobRunId}) { jobs(first: 2) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } } }`],
    ['NOT_FOUND beside an answer (partial data)', `{ a: job(${JOB}) { name } b: job(${REPO}, jobId: 1) { name } }`],
    ['BAD_USER_INPUT from an argument check', `{ job(owner: "bad owner!", repo: "x", jobId: 1) { name } }`],
    ['BAD_USER_INPUT on a nested field', `{ workflowRun(${REPO}, runId: ${KNOWN.jobRunId}) { jobs(first: 2, after: "garbage") { totalCount } } }`],
    ['a failed non-null root field: data null', `{ workflowRun(${REPO}, runId: 0) { id } }`],
    ['a node id that is not ours', `{ node(id: "garbage") { id } }`],
  ])('answers %s exactly as graphql-js does', async (_name, query) => {
    const expected = await answer(graphqlJs, query);
    expect(await answer(jit, query)).toBe(expected);
  });

  it('answers variables that do not coerce as graphql-js does: 400 with the scalar’s own message', async () => {
    const query = `query Q($id: BigInt!) { job(${REPO}, jobId: $id) { name } }`;
    for (const variables of [{ id: 'nope' }, {}]) {
      const expected = await answer(graphqlJs, query, variables);
      expect(expected).toMatch(/^400 /);
      expect(await answer(jit, query, variables)).toBe(expected);
    }
  });

  it('answers federation’s _entities as graphql-js does when several representations fail', async () => {
    const query = 'query E($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Job { name } } }';
    const variables = { r: [{ __typename: 'Job', owner: 'octo-org', repo: 'public-app', databaseId: '1' }, { __typename: 'Nope' }] };
    const expected = await answer(graphqlJs, query, variables);
    expect(JSON.parse(expected.slice(4)).data._entities).toHaveLength(2);
    expect(await answer(jit, query, variables)).toBe(expected);
  });

  it('runs a repeated query the same way every time (the compiled code is reused)', async () => {
    const query = `{ job(${JOB}) { name steps { number } } }`;
    const first = await answer(jit, query);
    expect(first).toMatch(/^200 \{"data"/);
    for (let i = 0; i < 3; i++) expect(await answer(jit, query)).toBe(first);
  });
});

describe('federation traces on a copy of the schema', () => {
  it('leaves the served schema’s resolvers unwrapped, traced request or not', async () => {
    // @envelop/on-resolve marks each field it wraps with a symbol of this description.
    const wrapped = () =>
      Object.values(subgraphSchema.getTypeMap())
        .filter(isObjectType)
        .flatMap((type) => Object.values(type.getFields()))
        .filter((field) => Object.getOwnPropertySymbols(field).some((symbol) => symbol.description === 'hasWrappedResolve'))
        .map((field) => field.name);
    const traced = await jit.fetch(jit.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}`, 'apollo-federation-include-trace': 'ftv1' },
      body: JSON.stringify({ query: `{ job(${JOB}) { name } }` }),
    });
    expect(typeof ((await traced.json()) as { extensions?: { ftv1?: unknown } }).extensions?.ftv1).toBe('string');
    expect(wrapped()).toEqual([]);
  });
});
