import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactSecrets } from '../src/telemetry/logging.ts';
import { loadPersistedDocuments } from '../src/plugins/persisted-operations.ts';
import { KNOWN, startFakeGitHub, TOKENS } from '../fake-github/index.ts';
import { startGateway } from './support/gateway.ts';
import { useGatewayOnFakeGitHub } from './support/harness.ts';

const JOB = `job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId})`;

describe('request id', () => {
  const h = useGatewayOnFakeGitHub({ CACHE: 'false' });

  it('honours x-request-id: echoed in the response and sent to GitHub as X-Request-Id and in the User-Agent', async () => {
    const { headers } = await h.gateway.query(`{ ${JOB} { name } }`, { token: TOKENS.full, headers: { 'x-request-id': 'req-abc.123' } });
    expect(headers['x-request-id']).toBe('req-abc.123');
    const upstream = h.github.requests[0]!;
    expect(upstream.headers['x-request-id']).toBe('req-abc.123');
    expect(upstream.headers['user-agent']).toBe('actions-jobs-gateway (request req-abc.123)');
  });

  it('generates one when absent or unusable (no header splitting, no log forging)', async () => {
    for (const given of [undefined, 'a b', 'x'.repeat(200), 'a/b\\c']) {
      const { headers } = await h.gateway.query('{ __typename }', given === undefined ? {} : { headers: { 'x-request-id': given } });
      expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('bounds depth, aliases and directives with the default limits (graphql-armor)', async () => {
    const deep = `{ ${JOB} { ${'run { jobs { nodes { '.repeat(4)}name${' } } }'.repeat(4)} } }`;
    expect((await h.gateway.query(deep, { token: TOKENS.full })).body.errors?.[0]?.message).toMatch(/depth/i);
    const aliases = `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: rateLimit { remaining }`).join(' ')} }`;
    expect((await h.gateway.query(aliases)).body.errors?.[0]?.message).toMatch(/Aliases limit/);
    const directives = `{ __typename ${'@skip(if: false) '.repeat(60)} }`;
    expect((await h.gateway.query(directives)).body.errors?.[0]?.message).toMatch(/Directives limit/);
  });
});

describe('CSRF, CORS, body size, introspection', () => {
  const h = useGatewayOnFakeGitHub({ GRAPHIQL: 'false', MAX_BODY_BYTES: '2048' });
  const base = () => h.gateway.url;

  const refusal = async (response: Response) => ({ status: response.status, code: ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code });
  const getTypename = (headers: Record<string, string> = {}) => fetch(`${base()}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json', ...headers } });

  it('refuses simple (non-preflighted) requests without a CSRF header or a Bearer token: 403 CSRF_HEADER_REQUIRED', async () => {
    expect(await refusal(await getTypename())).toEqual({ status: 403, code: 'CSRF_HEADER_REQUIRED' });
    // Browsers replay cached Basic credentials on their own: that is ambient authority, not proof of a script.
    expect(await refusal(await getTypename({ authorization: 'Basic dXNlcjpwYXNz' }))).toEqual({ status: 403, code: 'CSRF_HEADER_REQUIRED' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const post = await fetch(base(), { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(await refusal(post)).toEqual({ status: 403, code: 'CSRF_HEADER_REQUIRED' });
    }
    expect(h.github.requests).toHaveLength(0);
  });

  it.each(['x-graphql-yoga-csrf', 'graphql-require-preflight', 'apollo-require-preflight'])('runs a GET that carries %s', async (header) => {
    const response = await getTypename({ [header]: '1' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it("runs a GET that carries the caller's own Authorization: Bearer or token (a browser never adds one by itself)", async () => {
    for (const authorization of [`Bearer ${TOKENS.full}`, `token ${TOKENS.full}`]) {
      const response = await fetch(`${base()}?query=${encodeURIComponent(`{ ${JOB} { name } }`)}`, { headers: { accept: 'application/json', authorization } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: { job: { name: string } } }).data.job.name).toBe(h.github.dataset.getJob(KNOWN.jobId)!.name);
    }
  });

  it('keeps refusing mutations over GET (405), with a Bearer token too', async () => {
    const response = await fetch(`${base()}?query=${encodeURIComponent('mutation { x }')}`, { headers: { accept: 'application/json', authorization: `Bearer ${TOKENS.full}` } });
    expect(response.status).toBe(405);
  });

  it('sends no CORS headers by default (browsers keep to the same origin)', async () => {
    const preflight = await fetch(base(), { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(base(), { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 413 to a body over MAX_BODY_BYTES and 411 to one of unknown length, before parsing', async () => {
    const big = await fetch(base(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(4096)}` }) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('{"query":"{ __typename }"}')), c.close()) });
    const chunked = await fetch(base(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(411);
  });

  it('refuses introspection and hides field suggestions when GRAPHIQL=false', async () => {
    const { body } = await h.gateway.query('{ __schema { types { name } } }');
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await h.gateway.query('{ jobb(owner: "a", repo: "b", jobId: 1) { name } }');
    expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

});

describe('CORS_ORIGINS', () => {
  const h = useGatewayOnFakeGitHub({ CORS_ORIGINS: 'https://dash.example.com' });

  it('allows the configured origin only', async () => {
    const allowed = await fetch(h.gateway.url, { method: 'OPTIONS', headers: { origin: 'https://dash.example.com', 'access-control-request-method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.example.com');
    const other = await fetch(h.gateway.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS_ORIGINS with two origins', () => {
  const h = useGatewayOnFakeGitHub({ CORS_ORIGINS: 'https://a.example,https://b.example' });
  const ask = (origin: string, method = 'OPTIONS') =>
    fetch(h.gateway.url, {
      method,
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'apollo-require-preflight', ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      ...(method === 'POST' ? { body: JSON.stringify({ query: '{ __typename }' }) } : {}),
    });

  it('echoes each listed origin with Vary: Origin and the preflight headers the CSRF check accepts', async () => {
    for (const origin of ['https://a.example', 'https://b.example']) {
      const response = await ask(origin);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('vary')).toMatch(/origin/i);
      expect(response.headers.get('access-control-allow-headers')).toMatch(/apollo-require-preflight/);
      expect(response.headers.get('access-control-allow-headers')).toMatch(/graphql-require-preflight/);
    }
  });

  it.each(['https://evil.example', 'null', 'https://a.example.evil'])('gives origin %s no Access-Control-Allow-Origin, on preflight and on the answer', async (origin) => {
    for (const method of ['OPTIONS', 'POST']) {
      const response = await ask(origin, method);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});

describe('PERSISTED_OPERATIONS=only', () => {
  const h = useGatewayOnFakeGitHub({ PERSISTED_OPERATIONS: 'only' });
  const documents = loadPersistedDocuments();
  const [hash, text] = Object.entries(documents).find(([, doc]) => doc.startsWith('query JobDetails'))!;
  const post = (body: unknown) =>
    fetch(h.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> } }));
  const variables = { owner: 'octo-org', repo: 'public-app', jobId: KNOWN.jobId };

  it('runs a generated operation by its hash (documentId or Apollo persistedQuery)', async () => {
    const byDocumentId = await post({ documentId: hash, variables });
    expect(byDocumentId.body.errors).toBeUndefined();
    expect(byDocumentId.body.data.job.databaseId).toBe(KNOWN.jobId);
    const byApollo = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } }, variables });
    expect(byApollo.body.data.job.databaseId).toBe(KNOWN.jobId);
  });

  it('refuses query text, even the same text, and unknown hashes, with no upstream call and a code that names the mistake', async () => {
    h.github.resetRecords();
    const cases: Array<[unknown, string]> = [
      [{ query: text, variables }, 'PERSISTED_QUERY_ONLY'],
      [{ query: '{ __typename }' }, 'PERSISTED_QUERY_ONLY'],
      [{ query: text, documentId: hash, variables }, 'CANNOT_SEND_PQ_ID_AND_BODY'],
      [{ documentId: 'sha256:' + '0'.repeat(64), variables }, 'PERSISTED_QUERY_NOT_IN_LIST'],
      [{ variables }, 'PERSISTED_QUERY_ID_REQUIRED'],
    ];
    for (const [body, code] of cases) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual([code]);
      expect(response.body.data ?? null).toBeNull();
    }
    expect(h.github.requests).toHaveLength(0);
  });

  it('runs a generated operation by documentId in a GET query string (GraphQL over HTTP)', async () => {
    const search = new URLSearchParams({ documentId: hash, variables: JSON.stringify(variables) });
    const response = await fetch(`${h.gateway.url}?${search}`, { headers: { accept: 'application/json', authorization: `Bearer ${TOKENS.full}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data?: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.job.databaseId).toBe(KNOWN.jobId);
  });
});

describe('pino logs: one line per request, secrets redacted at every level', () => {
  it('logs operation, duration, upstream calls and cache hits, and never a token or a log URL signature', async () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const log = createLogger({ level: 'trace', destination: destination as never });
    const github = await startFakeGitHub();
    const gateway = await startGateway(github.apiUrl, {}, { log, logger: log });
    try {
      await gateway.query(`query WithLogs { ${JOB} { name logs { sizeBytes } } }`, { token: TOKENS.full, headers: { 'x-request-id': 'log-test-1' } });
      await gateway.query(`query WithLogs { ${JOB} { name } }`, { token: TOKENS.full });
      await gateway.query(`query Bad { ${JOB} { name } }`, { token: 'ghp_notAKnownToken111111111111111111111' });
      await gateway.query('{ job(owner: "octo-org", repo: "public-app", jobId: 1) { name } }', { headers: { authorization: 'token ghp_fakeFullAccess0000000000000000000000' } });
      // Every level, with secrets in messages, fields and errors.
      const signed = `${github.storageUrl}/logs/1?expires=1&sig=c2VjcmV0&se=2026-01-01&sv=2024&sp=r`;
      for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const) {
        log[level]({ authorization: `Bearer ${TOKENS.full}`, headers: { authorization: `Bearer ${TOKENS.other}` }, url: signed, err: new Error(`failed GET ${signed} with token ${TOKENS.publicOnly}`) }, `redirected to ${signed}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await gateway.close();
      await github.close();
    }
    const text = lines.join('');
    const requests = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === 'graphql request');
    expect(requests.length).toBeGreaterThanOrEqual(4);
    expect(requests[0]).toMatchObject({ requestId: 'log-test-1', operation: 'WithLogs', status: 200, outcome: 'ok', upstream: 2 });
    expect(typeof requests[0]?.durationMs).toBe('number');
    expect(requests[1]).toMatchObject({ operation: 'WithLogs', outcome: 'ok' });
    expect((requests[1]?.cacheHits as number) + (requests[1]?.notModified as number)).toBeGreaterThanOrEqual(1);
    expect(requests[2]).toMatchObject({ operation: 'Bad', outcome: 'UNAUTHENTICATED' });
    for (const secret of [...Object.values(TOKENS), 'ghp_notAKnownToken111111111111111111111', 'c2VjcmV0']) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/sig=(?!\[REDACTED\])/);
    expect(text).not.toMatch(/bearer\s+(?!\[REDACTED\])\S/i);
    expect(text).toContain('[REDACTED]');
    // Known errors (a code) are not logged as errors; the forced lines above are the only error/fatal ones.
    expect(lines.filter((line) => /"level":50/.test(line))).toHaveLength(1);
  });

  it('redactSecrets covers bearer and token headers, GitHub token formats and SAS signatures', () => {
    expect(redactSecrets('Authorization: Bearer abc.def')).toBe('Authorization: Bearer [REDACTED]');
    expect(redactSecrets('token ghp_abcdef123')).toBe('token [REDACTED]');
    expect(redactSecrets('github_pat_11AAAA_bbbb in text')).toBe('[REDACTED] in text');
    expect(redactSecrets('https://x.blob.core.windows.net/a?sv=2024-01-01&se=2026&sig=abc%2Bdef&sp=r')).toBe('https://x.blob.core.windows.net/a?sv=[REDACTED]&se=[REDACTED]&sig=[REDACTED]&sp=[REDACTED]');
  });

  it('redactSecrets hides the value of a field named authorization, token or cookie at any depth, whatever its format', () => {
    const line = JSON.stringify({ token: 'plain-secret-1', a: { b: { c: { Authorization: 'Basic dXNlcjpwYXNz', note: 'say "hi"' } } }, headers: { cookie: 'session=s3cr3t; x="q\\"' }, tokenCount: 3, msg: 'kept' });
    const scrubbed = redactSecrets(line);
    expect(JSON.parse(scrubbed)).toEqual({ token: '[REDACTED]', a: { b: { c: { Authorization: '[REDACTED]', note: 'say "hi"' } } }, headers: { cookie: '[REDACTED]' }, tokenCount: 3, msg: 'kept' });
    for (const secret of ['plain-secret-1', 'dXNlcjpwYXNz', 's3cr3t']) expect(scrubbed).not.toContain(secret);
  });
});
