// The hostile-input corpus (issue 6): every case is a raw HTTP request to the real port. Each must get a
// GraphQL error or an HTTP 4xx: never a 5xx, a hang or a crash; and whatever reaches the fake GitHub
// has a path of the four REST routes with valid names and numeric ids. gateway-hostile-input.test.ts
// holds the core owner/repo/id checks with their exact codes; this corpus is broader and only asks
// "refused safely".
import { afterAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { encodeCursor } from '../src/plan/cursor.ts';
import { encodeGlobalId } from '../src/schema/global-id.ts';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { useGatewayOnFakeGitHub } from './support/harness.ts';

const h = useGatewayOnFakeGitHub({ CACHE: 'false', GRAPHIQL: 'false' });

interface Case {
  name: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Appended to /graphql (a query string). */
  search?: string;
}

const json = (payload: unknown): Pick<Case, 'headers' | 'body'> => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
const gql = (name: string, query: string, variables?: Record<string, unknown>): Case => ({ name, ...json({ query, variables }) });

const NAMES = ['..', '.', '../..', 'a/../b', 'a/b', '%2e%2e', '%2F', 'a?x=1', 'a#f', 'a b', '\t', 'a\nb', 'a\r\nX-Injected: 1', '', ' ', '-x', 'x'.repeat(101),
  'ünï', 'a\\b', 'a;b', '<script>', "'; DROP TABLE jobs;--", 'a\u0000b', '${jndi:ldap://x}', '{{7*7}}', '%00', '..%2f..%2f', 'a//b', '~root', 'a@b'];
const NUMBERS = ['-1', '0', '1.5', '1e3', '0x1F', '"12a"', '"-5"', '"9007199254740993"', '99999999999999999999', 'true', 'null', '"  1 "', '[1]', '{a: 1}', '"1/../2"'];
const SIZES = ['-1', '501', '1000000', '2147483648', '1.5', '"10"', 'true', '-2147483649'];
const RUN = (args = '') => `workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { jobs${args} { totalCount nodes { name } } }`;
const scope = `octo-org/public-app/${KNOWN.jobRunId}/latest`;
const CURSORS = ['', 'x', '!!!!', 'A'.repeat(500), encodeCursor('other/repo/1/latest', 3), encodeCursor(scope, -1 as never), Buffer.from(`v1:${scope}:abc`).toString('base64url'),
  Buffer.from(`v1:${scope}:99999999999`).toString('base64url'), Buffer.from(`v2:${scope}:1`).toString('base64url'), Buffer.from(`v1:${scope}:1`).toString('base64'),
  encodeCursor(`octo-org/public-app/${KNOWN.jobRunId}/all`, 1), encodeCursor(`octo-org/public-app/${KNOWN.jobRunId}/attempt-1`, 1), '../../etc/passwd', '%00', 'djE6'];

const cases: Case[] = [];
for (const name of NAMES) {
  cases.push(gql(`owner ${JSON.stringify(name)} in job`, 'query($o: String!) { job(owner: $o, repo: "public-app", jobId: 1) { name } }', { o: name }));
  cases.push(gql(`repo ${JSON.stringify(name)} in workflowRun`, 'query($r: String!) { workflowRun(owner: "octo-org", repo: $r, runId: 1) { jobs { totalCount } } }', { r: name }));
  cases.push(gql(`owner ${JSON.stringify(name)} in a node id`, 'query($id: ID!) { node(id: $id) { id } }', { id: encodeGlobalId('Job', `${name}/public-app/1`) }));
  cases.push(gql(`owner ${JSON.stringify(name)} in an _entities representation`, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Job { name } } }', { r: [{ __typename: 'Job', owner: name, repo: 'public-app', databaseId: 1 }] }));
}
for (const literal of NUMBERS) {
  cases.push(gql(`jobId ${literal}`, `{ job(owner: "octo-org", repo: "public-app", jobId: ${literal}) { name } }`));
  cases.push(gql(`runId ${literal}`, `{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${literal}) { jobs { totalCount } } }`));
  // attempt: null is "no attempt", a valid query.
  if (literal !== 'null') cases.push(gql(`attempt ${literal}`, `{ ${RUN(`(attempt: ${literal})`)} }`));
}
for (const size of SIZES) {
  cases.push(gql(`first: ${size}`, `{ ${RUN(`(first: ${size})`)} }`));
  cases.push(gql(`last: ${size}`, `{ ${RUN(`(last: ${size})`)} }`));
}
CURSORS.forEach((cursor, i) => {
  cases.push(gql(`after cursor #${i}`, 'query($c: String) { ' + RUN('(after: $c)') + ' }', { c: cursor }));
  cases.push(gql(`before cursor #${i}`, 'query($c: String) { ' + RUN('(before: $c, last: 5)') + ' }', { c: cursor }));
});
cases.push(
  gql('10,000 aliases', `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`),
  gql('10,000 aliases of a job lookup', `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: job(owner: "o", repo: "r", jobId: ${i + 1}) { name }`).join(' ')} }`),
  gql('depth 50', `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { ${'run { jobs { nodes { '.repeat(17)} name ${'} } } '.repeat(17)} } }`),
  gql('a fragment cycle', '{ job(owner: "a", repo: "b", jobId: 1) { ...A } } fragment A on Job { ...B } fragment B on Job { ...A }'),
  gql('a fragment bomb', `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { ...F0 } } ${Array.from({ length: 30 }, (_, i) => `fragment F${i} on Job { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F30 on Job { name }`),
  gql('1 MB query', `{ __typename ${' '.repeat(1024 * 1024)} }`),
  gql('90 kB of tokens', `{ ${'__typename '.repeat(8_000)} }`),
  gql('1 MB string argument', `{ job(owner: "${'a'.repeat(1024 * 1024)}", repo: "b", jobId: 1) { name } }`),
  gql('60 directives', `{ __typename ${'@include(if: true) '.repeat(60)} }`),
  { name: 'unknown operationName', ...json({ query: 'query A { __typename }', operationName: 'Nope' }) },
  { name: 'operationName not in document', ...json({ query: 'query A { __typename }', operationName: 'B' }) },
  { name: 'two operations, no name', ...json({ query: 'query A { __typename } query B { __typename }' }) },
  gql('a mutation', 'mutation { x }'),
  gql('a subscription', 'subscription { x }'),
  gql('an unknown field', '{ jobz { name } }'),
  gql('a variable of the wrong type', 'query($id: BigInt!) { job(owner: "a", repo: "b", jobId: $id) { name } }', { id: { $gt: 1 } }),
  gql('an undeclared variable', '{ job(owner: $o, repo: "b", jobId: 1) { name } }'),
  gql('nodes with 10,000 ids', 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array.from({ length: 10_000 }, (_, i) => encodeGlobalId('Job', `octo-org/public-app/${i + 1}`)) }),
  gql('introspection', '{ __schema { types { name fields { name } } } }'),
  gql('logs of 500 jobs', `{ ${RUN('(first: 500)').replace('nodes { name }', 'nodes { logs { text } }')} }`),
);
// Bodies that are not a GraphQL request.
for (const body of ['', '{', 'null', '123', '"str"', '[]', '[1]', 'true', '{"query": 5}', '{"query": null}', '{"query": {}}', '{"query": "{ __typename }", "variables": "x"}',
  '{"query": "{ __typename }", "variables": [1]}', '{"query": "{ __typename }", "operationName": 5}', '{"query": "{ __typename }", "extensions": "x"}', '{"__proto__": {"query": "{ __typename }"}}',
  '{"query": "{ __typename }"}garbage', '\u0000\u0000', '{"query": "\\ud800"}', JSON.stringify({ query: 'query($o: String!) { job(owner: $o, repo: "r", jobId: 1) { name } }', variables: JSON.parse('{"__proto__": {"o": "octo-org"}}') })]) {
  cases.push({ name: `body ${JSON.stringify(body).slice(0, 60)}`, headers: { 'content-type': 'application/json' }, body });
}
// Batched arrays (batching is off by default).
cases.push(
  { name: 'a batch of 2', ...json([{ query: '{ __typename }' }, { query: '{ __typename }' }]) },
  { name: 'a batch of 1,000 job lookups', ...json(Array.from({ length: 1000 }, () => ({ query: `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name } }` }))) },
  { name: 'a nested array', ...json([[{ query: '{ __typename }' }]]) },
);
// Invalid UTF-8.
for (const bytes of [[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xf0, 0x28, 0x8c, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]) {
  cases.push({ name: `invalid UTF-8 ${bytes.map((b) => b.toString(16)).join(' ')} in a string`, headers: { 'content-type': 'application/json' }, body: Buffer.concat([Buffer.from('{"query": "{ job(owner: \\"'), Buffer.from(bytes), Buffer.from('\\", repo: \\"r\\", jobId: 1) { name } }"}')]) });
  cases.push({ name: `invalid UTF-8 ${bytes.map((b) => b.toString(16)).join(' ')} as JSON`, headers: { 'content-type': 'application/json' }, body: Buffer.concat([Buffer.from(bytes), Buffer.from('{"query":"{ __typename }"}')]) });
}
// Content types and methods.
for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/graphql', 'application/json; charset=utf-16', 'image/png', '']) {
  const body = JSON.stringify({ query: '{ __typename }' });
  cases.push({ name: `content-type ${JSON.stringify(type)}`, headers: type ? { 'content-type': type } : {}, body: type.includes('utf-16') ? Buffer.from(body, 'utf16le') : body });
}
for (const method of ['PUT', 'DELETE', 'PATCH']) cases.push({ name: `${method} /graphql`, method, ...json({ query: '{ __typename }' }) });
cases.push(
  { name: 'GET without a CSRF header', method: 'GET', search: `?query=${encodeURIComponent('{ __typename }')}` },
  { name: 'GET with a 20 kB query string', method: 'GET', headers: { 'x-graphql-yoga-csrf': '1' }, search: `?query=${encodeURIComponent(`{ __typename ${' '.repeat(20_000)} }`)}` },
  { name: 'GET with a mutation', method: 'GET', headers: { 'x-graphql-yoga-csrf': '1' }, search: `?query=${encodeURIComponent('mutation { x }')}` },
  { name: 'GET with malformed variables', method: 'GET', headers: { 'x-graphql-yoga-csrf': '1' }, search: `?query=${encodeURIComponent('query($o: String!) { job(owner: $o, repo: "r", jobId: 1) { name } }')}&variables=%7B` },
);
// Authorization and request-id headers.
for (const authorization of ['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer a b', 'token', 'Bearer \u00e9', 'bearer x'.repeat(1000), `Bearer ${TOKENS.full}, Bearer x`]) {
  cases.push({ name: `Authorization ${JSON.stringify(authorization.slice(0, 30))}`, headers: { 'content-type': 'application/json', authorization: Buffer.from(authorization, 'utf8').toString('latin1') }, body: JSON.stringify({ query: `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name } }` }) });
}

// A request with no error is fine only when the query is one a caller may run; every case here must fail.
const ROUTE = /^\/repos\/[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}\/actions\/(jobs\/\d{1,16}(\/logs)?|runs\/\d{1,16}\/(attempts\/\d{1,9}\/)?jobs)$|^\/rate_limit$/;

describe('hostile-input corpus', () => {
  it('has at least 200 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: a GraphQL or HTTP 4xx error, never a 5xx or a hang', async (_name, c) => {
    const response = await request(h.gateway.url + (c.search ?? ''), {
      method: (c.method ?? 'POST') as 'POST',
      headers: { accept: 'application/json', ...(c.headers ?? {}) },
      ...(c.body !== undefined && (c.method ?? 'POST') !== 'GET' ? { body: c.body } : {}),
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    const text = await response.body.text();
    expect(response.statusCode, text.slice(0, 300)).toBeLessThan(500);
    if (response.statusCode < 400) {
      const body = JSON.parse(text) as { errors?: unknown[] } | Array<{ errors?: unknown[] }>;
      const results = Array.isArray(body) ? body : [body];
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) expect(result.errors?.length ?? 0, text.slice(0, 300)).toBeGreaterThan(0);
    }
    for (const upstream of h.github.requests) expect(upstream.path).toMatch(ROUTE);
  });

  afterAll(async () => {
    // Still alive and serving after the corpus.
    const { body } = await h.gateway.query(`{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name } }`, { token: TOKENS.full });
    expect(body.errors).toBeUndefined();
  });
});
