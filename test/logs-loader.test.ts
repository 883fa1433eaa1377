// The per-request log loader over the real fake GitHub and real undici, below GraphQL: how it sizes and widens
// Range reads, and when it has to download a second time.
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { githubClientFrom } from '../src/github-client-from-config.ts';
import { loadConfig } from '../src/config.ts';
import { parseStorageHost } from '../src/github/storage-hosts.ts';
import { credentialFrom } from '../src/github/credentials.ts';
import { createLogLoader, type JobLogRef, type TailSizing } from '../src/loaders/log-loader.ts';
import { readTailRange, readWholeLog, emptyNeeds } from '../src/logs/read-log.ts';
import { KNOWN, startFakeGitHub, TOKENS, type FakeGitHub } from '../fake-github/index.ts';
import { guardStorageCredentials } from './support/storage-guard.ts';

let github: FakeGitHub;
const agent = new Agent();
guardStorageCredentials(() => github);

beforeAll(async () => {
  github = await startFakeGitHub();
});
afterAll(async () => {
  await github.close();
  await agent.close();
});
beforeEach(() => github.resetRecords());

function loader(tail?: TailSizing) {
  const client = githubClientFrom(loadConfig({ GITHUB_API_URL: github.apiUrl }), { dispatcher: agent, cache: false, retries: 0 });
  const call = { credential: credentialFrom(`Bearer ${TOKENS.full}`, undefined) };
  return createLogLoader({ client, call, storage: { dispatcher: agent, allowedHosts: [parseStorageHost(github.storageUrl)!] }, maxLogBytes: 10 * 1024 * 1024, ...(tail ? { tail } : {}) });
}

const ref = (jobId: number, repo = 'public-app'): JobLogRef => ({ owner: 'octo-org', repo, jobId, steps: github.dataset.getJob(jobId)!.steps ?? [] });
const key = (last: number) => JSON.stringify([null, last, null]);

describe('tail reads', () => {
  it('widens a Range ×8 while it holds fewer lines than asked, keeping the numbers from the end', async () => {
    const logs = loader({ bytesPerLine: 8, minBytes: 64, maxBytes: 1024 * 1024 });
    const data = await logs.load(ref(KNOWN.hugeLogJobId, 'monorepo'), { lines: [{ last: 50 }] });
    const lines = data.lines.get(key(50))!;
    expect(lines.map((line) => line.number)).toEqual(Array.from({ length: 50 }, (_, i) => i - 50));
    const ranges = github.storageRequests.map((request) => request.headers.range);
    expect(ranges).toEqual(['bytes=-400', 'bytes=-3200', 'bytes=-25600']);
    // One redirect for all three reads: the signed URL is reused while it is valid.
    expect(github.requests.filter((request) => request.path.endsWith('/logs'))).toHaveLength(1);
  });

  it('streams the whole log when n lines do not fit in the largest Range', async () => {
    const logs = loader({ bytesPerLine: 1, minBytes: 16, maxBytes: 128 });
    const data = await logs.load(ref(KNOWN.jobId), { lines: [{ last: 20 }] });
    expect(data.lines.get(key(20))).toHaveLength(20);
    expect(github.storageRequests.map((request) => [request.headers.range, request.status])).toEqual([
      ['bytes=-20', 206],
      ['bytes=-128', 206],
      [undefined, 200],
    ]);
  });
});

describe('one download per job', () => {
  it('merges needs announced in the same turn into one download', async () => {
    const logs = loader();
    const [a, b, c] = await Promise.all([
      logs.load(ref(KNOWN.jobId), { text: true }),
      logs.load(ref(KNOWN.jobId), { errors: true }),
      logs.load(ref(KNOWN.jobId), { capped: true }),
    ]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(a.text).not.toBeNull();
    expect(a.errors).toHaveLength(2);
    expect(a.stepLines().get(6)!.length).toBeGreaterThan(0);
    expect(github.storageRequests).toHaveLength(1);
  });

  it('reuses a started download that covers a later need, and downloads again for one it does not', async () => {
    const logs = loader();
    await logs.load(ref(KNOWN.jobId), { text: true, errors: true });
    await logs.load(ref(KNOWN.jobId), { errors: true });
    expect(github.storageRequests).toHaveLength(1);
    const later = await logs.load(ref(KNOWN.jobId), { lines: [{ first: 1 }] });
    expect(later.lines.get(JSON.stringify([1, null, null]))).toHaveLength(1);
    expect(github.storageRequests).toHaveLength(2);
  });
});

describe('the streaming reader', () => {
  const bytes = (text: string, size = 7) => {
    const buffer = Buffer.from(text);
    return (async function* () {
      for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
    })();
  };
  const log = '\uFEFF2026-10-04T17:58:51.0000000Z one\r\n2026-10-04T17:58:52.0000000Z ##[error]two\r\ncontinued\r\n2026-10-04T17:58:53.0000000Z ünï\r\n';

  it('cuts text at the byte cap on a character boundary and says truncated', async () => {
    const cap = Buffer.byteLength(log) - 3; // inside "ï"
    const result = await readWholeLog(bytes(log), { needs: { ...emptyNeeds(), text: true }, maxBytes: cap, sizeBytes: null });
    expect(result.textTruncated).toBe(true);
    expect(result.text).toBe(log.slice(1, -3)); // BOM gone; "ï" (2 bytes) would cross the cap
  });

  it('numbers a CRLF tail from the end, dropping the partial first line and a cut-off continuation', async () => {
    const start = log.indexOf('continued') + 2; // mid-line, inside a continuation of the error message
    const read = await readTailRange(
      (async function* () {
        yield Buffer.from(log).subarray(Buffer.byteLength(log.slice(0, start)));
      })(),
      start,
      5,
    );
    expect(read.lines).toMatchObject([{ number: -1, timestamp: '2026-10-04T17:58:53.0000000Z', content: 'ünï', kind: 'OUTPUT' }]);
    expect(read.enough).toBe(false);
    const whole = await readTailRange(bytes(log), 0, 2);
    expect(whole.lines.map((line) => [line.number, line.content])).toEqual([[-3, 'two\ncontinued'], [-1, 'ünï']]);
    expect(whole.enough).toBe(true);
  });
});
