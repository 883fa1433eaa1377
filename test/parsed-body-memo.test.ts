// The warm path: a body the conditional cache serves again is parsed once per (credential, URL, ETag), and
// every later request gets that same parsed object; another credential or a changed body never does.
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCacheStore } from '../src/github/cache-store.ts';
import { githubClientFrom } from '../src/github-client-from-config.ts';
import { loadConfig } from '../src/config.ts';
import { credentialFrom } from '../src/github/credentials.ts';
import { createParsedBodyMemo } from '../src/github/parsed-body-memo.ts';
import { KNOWN, startFakeGitHub, TOKENS, type FakeGitHub } from '../fake-github/index.ts';
import { jobPath } from './support/job-queries.ts';

let github: FakeGitHub;
const dispatcher = new Agent();
beforeAll(async () => {
  github = await startFakeGitHub();
});
afterAll(async () => {
  await dispatcher.close();
  await github.close();
});

const full = { credential: credentialFrom(`Bearer ${TOKENS.full}`, undefined) };
const other = { credential: credentialFrom(`Bearer ${TOKENS.other}`, undefined) };

describe('GET …/actions/jobs/{job_id} answered from the cache is parsed once', () => {
  it('hands the same parsed job to every request of one credential, with revalidation (304) in between', async () => {
    const client = githubClientFrom(loadConfig({ GITHUB_API_URL: github.apiUrl }), { dispatcher, cacheMaxAge: 'off', cache: createMemoryCacheStore({ maxBytes: 1 << 20 }) });
    const first = await client.getJson(jobPath(KNOWN.jobId), undefined, full);
    const second = await client.getJson(jobPath(KNOWN.jobId), undefined, full);
    expect(second.status).toBe(200);
    expect(second.data).toBe(first.data);
    // Another credential never gets the first one's object, even for a body that reads the same.
    const theirs = await client.getJson(jobPath(KNOWN.jobId), undefined, other);
    expect(theirs.data).toEqual(first.data);
    expect(theirs.data).not.toBe(first.data);
  });

  it('with CACHE=false (the naive baseline) every answer is parsed anew', async () => {
    const client = githubClientFrom(loadConfig({ GITHUB_API_URL: github.apiUrl }), { dispatcher, cache: false });
    const first = await client.getJson(jobPath(KNOWN.jobId), undefined, full);
    const second = await client.getJson(jobPath(KNOWN.jobId), undefined, full);
    expect(second.data).toEqual(first.data);
    expect(second.data).not.toBe(first.data);
  });
  it('parses again once the job changed upstream (a new ETag)', async () => {
    const client = githubClientFrom(loadConfig({ GITHUB_API_URL: github.apiUrl }), { dispatcher, cacheMaxAge: 'off', cache: createMemoryCacheStore({ maxBytes: 1 << 20 }) });
    const before = await client.getJson<{ name: string }>(jobPath(KNOWN.jobId), undefined, full);
    // Last in this file: the other tests read the job as generated.
    github.dataset.updateJob(KNOWN.jobId, { name: 'renamed upstream' });
    const after = await client.getJson<{ name: string }>(jobPath(KNOWN.jobId), undefined, full);
    expect(after.data).not.toBe(before.data);
    expect(after.data.name).toBe('renamed upstream');
  });

});

describe('createParsedBodyMemo', () => {
  it('reuses a result only for the same key and the same body, and parses without a key', () => {
    const memo = createParsedBodyMemo();
    const body = JSON.stringify({ id: 1 });
    const a = memo.parse('k "etag1"', body);
    expect(memo.parse('k "etag1"', body)).toBe(a);
    expect(memo.parse('k "etag1"', JSON.stringify({ id: 2 }))).toEqual({ id: 2 });
    expect(memo.parse(undefined, body)).not.toBe(memo.parse(undefined, body));
    expect(() => memo.parse('k "bad"', '{')).toThrow(SyntaxError);
  });

  it('keeps at most maxBodyBytes of bodies: the least recently used go first', () => {
    const memo = createParsedBodyMemo({ maxBodyBytes: 40 });
    const body = (id: number) => JSON.stringify({ id, pad: 'x'.repeat(10) });
    const first = memo.parse('a', body(1));
    memo.parse('b', body(2));
    memo.parse('c', body(3));
    expect(memo.parse('a', body(1))).not.toBe(first);
  });
});
