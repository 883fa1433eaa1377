// Job.logs and Step.log end to end: the real gateway app (through yoga.fetch), its real undici dispatcher, the fake GitHub's
// API and its separate log storage host (signed expiring URLs, Range on/off, faults).
import { Agent, type Dispatcher } from 'undici';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { stripAnsi } from '../src/logs/parse-log.ts';
import { hugeLogSize, renderJobLog } from '../fake-github/fake-logs.ts';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { createGatewayApp } from './support/gateway.ts';
import { useAppOnFakeGitHub } from './support/harness.ts';
import { guardStorageCredentials } from './support/storage-guard.ts';

let beforeStorageRequest: (() => void) | undefined;
const storageAgent = new Agent();

// Fails the suite if the storage host ever saw an Authorization (or Cookie) header.
guardStorageCredentials(() => h.github);

// The production dispatcher for storage, with a hook to move the fake's clock between redirect and download.
const storageDispatcher = storageAgent.compose((dispatch) => (options, handler) => {
  beforeStorageRequest?.();
  return dispatch(options, handler);
});
const h = useAppOnFakeGitHub({ CACHE: 'false', GITHUB_RETRIES: '0' }, {}, { storageDispatcher: storageDispatcher as Dispatcher });
afterAll(async () => {
  await storageAgent.close();
});
beforeEach(() => {
  h.github.setRangeSupport(true);
  beforeStorageRequest = undefined;
});

const job = (jobId: number, fields: string, repo = 'public-app') => `{ job(owner: "octo-org", repo: "${repo}", jobId: ${jobId}) { ${fields} } }`;
const ask = (query: string) => h.gateway.query(query, { token: TOKENS.full });
const logRequests = () => h.github.requests.filter((request) => request.path.endsWith('/logs'));
/** The log the storage host serves for a job, without its BOM. */
const served = (jobId: number, eol: '\n' | '\r\n' = '\n') => renderJobLog(h.github.dataset.getJob(jobId)!, { lineEnding: eol }).replace(/^\uFEFF/, '');

describe('a job log through GraphQL', () => {
  it('returns the whole log text of GET …/jobs/{job_id}/logs with its size, BOM stripped, not truncated', async () => {
    const { body } = await ask(job(KNOWN.jobId, 'logs { text sizeBytes truncated }'));
    expect(body.errors).toBeUndefined();
    const expected = served(KNOWN.jobId);
    expect(body.data!.job.logs.text).toBe(expected);
    expect(body.data!.job.logs.sizeBytes).toBe(Buffer.byteLength(expected) + 3);
    expect(body.data!.job.logs.truncated).toBe(false);
    expect(h.github.storageRequests[0]!.headers.authorization).toBeUndefined();
  });

  it("returns the failed job's ##[error] lines, a multi-line annotation as one line", async () => {
    const { body } = await ask(job(KNOWN.jobId, 'logs { errors { number timestamp kind content } }'));
    const errors = body.data!.job.logs.errors;
    expect(errors.map((line: { content: string }) => line.content.split('\n')[0])).toEqual([
      'AssertionError: expected 2 to be 3 // Object.is equality',
      'Process completed with exit code 1.',
    ]);
    expect(errors[0].content).toContain('\n- Expected\n+ Received\n');
    expect(errors.every((line: { kind: string; number: number; timestamp: string }) => line.kind === 'ERROR' && line.number > 0 && line.timestamp)).toBe(true);
    // Numbers point into the file: the physical line that holds the message's first line.
    const physical = served(KNOWN.jobId).split('\n');
    expect(physical[errors[1].number - 1]).toMatch(/Z ##\[error\]Process completed with exit code 1\.$/);
  });

  it('filters lines by contains (escapes ignored), keeps the first n, strips ANSI with ansi: false', async () => {
    const { body } = await ask(
      job(KNOWN.jobId, 'logs { head: lines(first: 2) { number content } npm: lines(contains: "npm ci") { content } plain: text(ansi: false) coloured: text }'),
    );
    const logs = body.data!.job.logs;
    expect(logs.head).toEqual([
      { number: 1, content: "Current runner version: '2.321.0'" },
      { number: 2, content: 'Operating System' },
    ]);
    expect(logs.npm.length).toBeGreaterThan(0);
    expect(logs.npm.every((line: { content: string }) => stripAnsi(line.content).includes('npm ci'))).toBe(true);
    expect(logs.coloured).toContain('\u001b[');
    expect(logs.plain).not.toContain('\u001b');
    expect(logs.plain).toBe(stripAnsi(logs.coloured));
    expect(h.github.storageRequests).toHaveLength(1);
  });

  it.each([
    ['last: -1', 'lines(last: -1)'],
    ['first: 10001', 'lines(first: 10001)'],
    ['a contains of 1001 characters', `lines(contains: "${'x'.repeat(1001)}")`],
  ])('rejects %s with BAD_USER_INPUT; the job still resolves', async (_name, field) => {
      const { body } = await ask(job(KNOWN.jobId, `name logs { sizeBytes bad: ${field} { number } }`));
      expect(body.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([['BAD_USER_INPUT', ['job', 'logs', 'bad']]]);
      expect(body.data!.job).toEqual({ name: 'test (ubuntu-latest, 22)', logs: null });
  });
});

describe('the tail: lines(last: n)', () => {
  it('reads only the end of the log with Range (206), numbering from the end (-1 = last line)', async () => {
    const { body } = await ask(job(KNOWN.jobId, 'logs { sizeBytes lines(last: 3) { number content kind } }'));
    const lines = body.data!.job.logs.lines;
    expect(lines).toEqual([
      { number: -3, content: '/usr/bin/git config --local --unset-all http.https://github.com/.extraheader', kind: 'COMMAND' },
      { number: -2, content: 'Cleaning up orphan processes', kind: 'OUTPUT' },
      { number: -1, content: 'Finishing: test (ubuntu-latest, 22)', kind: 'SECTION' },
    ]);
    expect(h.github.storageRequests).toHaveLength(1);
    expect(h.github.storageRequests[0]!.headers.range).toMatch(/^bytes=-\d+$/);
    expect(h.github.storageRequests[0]!.status).toBe(206);
    expect(body.data!.job.logs.sizeBytes).toBe(Buffer.byteLength(served(KNOWN.jobId)) + 3);
  });

  it('gives the same tail, same numbers, when the storage host ignores Range and answers 200', async () => {
    const query = job(KNOWN.jobId, 'logs { lines(last: 5) { number content } }');
    const ranged = (await ask(query)).body.data;
    h.github.setRangeSupport(false);
    h.github.resetRecords();
    const streamed = (await ask(query)).body.data;
    expect(h.github.storageRequests.map((request) => request.status)).toEqual([200]);
    expect(streamed).toEqual(ranged);
  });

  it('maps tail numbers to file numbers as n - total - 1', async () => {
    const { body } = await ask(job(KNOWN.jobId, 'logs { text tail: lines(last: 4) { number content } all: lines { number content } }'));
    const { text, tail, all } = body.data!.job.logs;
    const total = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    expect(tail).toEqual(all.slice(-4).map((line: { number: number; content: string }) => ({ ...line, number: line.number - total - 1 })));
  });
});

describe('one download per job per GraphQL request', () => {
  it('fetches the log once with text, errors, lines and every step log selected', async () => {
    const { body } = await ask(
      job(
        KNOWN.jobId,
        `name
         logs { text errors { number } tail: lines(last: 2) { number } head: lines(first: 3) { number } truncated sizeBytes }
         steps { number log { text lines(last: 1) { content } } }
         ...more`,
      ) + ' fragment more on Job { again: logs { grep: lines(contains: "vitest") { number } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.job.logs.errors).toHaveLength(2);
    expect(body.data!.job.again.grep.length).toBeGreaterThan(0);
    expect(body.data!.job.steps.find((step: { number: number }) => step.number === 6).log.text).toContain('##[error]');
    expect(h.github.storageRequests).toHaveLength(1);
    expect(logRequests()).toHaveLength(1);
  });

  it('fetches each job of a run once when only the steps ask for logs', async () => {
    const { body } = await ask(
      `{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { jobs(first: 3) { nodes { steps { log { lines(first: 1) { number } } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(h.github.storageRequests).toHaveLength(3);
    expect(new Set(h.github.storageRequests.map((request) => request.path)).size).toBe(3);
  });
});

describe('per-step logs', () => {
  const stepLogs = async (jobId: number) => {
    const { body } = await ask(job(jobId, 'steps { number name conclusion log { text lines { number kind content } } }'));
    expect(body.errors).toBeUndefined();
    return new Map<number, { name: string; log: { text: string; lines: Array<{ number: number; kind: string; content: string }> } }>(
      body.data!.job.steps.map((step: { number: number }) => [step.number, step]),
    );
  };

  it('slices the failed, skipped, post and multi-line steps of the failed job', async () => {
    const steps = await stepLogs(KNOWN.jobId);
    const failed = steps.get(6)!.log;
    expect(failed.lines[0]).toMatchObject({ kind: 'GROUP', content: 'Run npm test -- --reporter=dot' });
    expect(failed.lines.filter((line) => line.kind === 'ERROR').map((line) => line.content.split('\n')[0])).toEqual([
      'AssertionError: expected 2 to be 3 // Object.is equality',
      'Process completed with exit code 1.',
    ]);
    // The multi-line annotation is one line of the step, and comes back whole in the step's text.
    expect(failed.text).toContain('##[error]AssertionError: expected 2 to be 3 // Object.is equality\n\n- Expected\n+ Received\n');
    expect(steps.get(7)!.log).toEqual({ text: '', lines: [] }); // skipped
    expect(steps.get(1)!.log.lines[0]!.content).toBe("Current runner version: '2.321.0'");
    expect(steps.get(61)!.log.lines[0]!.content).toBe('Post job cleanup.');
    expect(steps.get(62)!.log.lines.map((line) => line.content)).toContain('/usr/bin/git version');
    expect(steps.get(63)!.log.lines.map((line) => line.content)).toEqual(['Cleaning up orphan processes', 'Finishing: test (ubuntu-latest, 22)']);
    // Every line of the log belongs to exactly one step, in order.
    const all = [...steps.values()].flatMap((step) => step.log.lines.map((line) => line.number));
    expect(all).toEqual([...all].sort((a, b) => a - b));
    const { body } = await ask(job(KNOWN.jobId, 'logs { lines { number } }'));
    expect(all).toEqual(body.data!.job.logs.lines.map((line: { number: number }) => line.number));
  });

  it('gives each step its text as the log wrote it: [command] lines stay [command], not ##[command]', async () => {
    const steps = await stepLogs(KNOWN.jobId);
    const checkout = [...steps.values()].find((step) => step.name.startsWith('Run actions/checkout'))!.log;
    expect(checkout.lines.find((line) => line.content === '/usr/bin/git version')).toMatchObject({ kind: 'COMMAND' });
    expect(checkout.text).toMatch(/^\S+Z \[command\]\/usr\/bin\/git version\n/m);
    expect(checkout.text).not.toContain('##[command]');
    expect(served(KNOWN.jobId)).toContain(checkout.text);
    // The steps cover the whole log, so their texts in order are the log's text, byte for byte.
    expect([...steps.values()].map((step) => step.log.text).join('')).toBe(served(KNOWN.jobId));
  });

  it('slices a CRLF log keeping its CRLF line endings, byte for byte', async () => {
    const steps = await stepLogs(KNOWN.crlfLogJobId);
    expect(steps.get(6)!.log.lines.length).toBeGreaterThan(0);
    expect(steps.get(6)!.log.text).toContain('\r\n');
    expect(steps.get(63)!.log.lines.at(-1)!.content).toBe('Finishing: package (windows)');
    expect([...steps.values()].map((step) => step.log.text).join('')).toBe(served(KNOWN.crlfLogJobId, '\r\n'));
  });

  it('answers StepLog.lines(first/last) from the step, numbered from the start of the file', async () => {
    const { body } = await ask(job(KNOWN.jobId, 'steps { number log { all: lines { number } last: lines(last: 2) { number } first: lines(first: 1) { number } } }'));
    const failed = body.data!.job.steps.find((step: { number: number }) => step.number === 6).log;
    expect(failed.last).toEqual(failed.all.slice(-2));
    expect(failed.first).toEqual(failed.all.slice(0, 1));
    expect(failed.last[0].number).toBeGreaterThan(0);
  });
});

describe('expiry of the signed URL', () => {
  it('renews an expired URL once, transparently (one fresh redirect, one retry)', async () => {
    let first = true;
    beforeStorageRequest = () => {
      // Between GitHub's redirect and our download, more than the URL's minute passes.
      if (first) h.github.clock.advance(120_000);
      first = false;
    };
    const { body } = await ask(job(KNOWN.jobId, 'logs { errors { number } }'));
    expect(body.errors).toBeUndefined();
    expect(body.data!.job.logs.errors).toHaveLength(2);
    expect(h.github.storageRequests.map((request) => request.status)).toEqual([403, 200]);
    expect(logRequests()).toHaveLength(2);
  });

  it('gives up with UPSTREAM_ERROR when the renewed URL is refused too', async () => {
    beforeStorageRequest = () => h.github.clock.advance(120_000);
    const { body } = await ask(job(KNOWN.jobId, 'name logs { text }'));
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(body.data!.job).toEqual({ name: 'test (ubuntu-latest, 22)', logs: null });
    expect(h.github.storageRequests.map((request) => request.status)).toEqual([403, 403]);
  });
});

describe('when GitHub has no log', () => {
  it('answers NOT_FOUND for an in-progress job, with its other fields intact', async () => {
    const { body } = await ask(job(KNOWN.inProgressJobId, 'name status steps { name } logs { text }'));
    expect(body.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([['NOT_FOUND', ['job', 'logs']]]);
    expect(body.data!.job).toMatchObject({ name: 'test (ubuntu-latest, 20)', status: 'IN_PROGRESS', logs: null });
    expect(body.data!.job.steps.length).toBeGreaterThan(0);
    expect(h.github.storageRequests).toHaveLength(0);
  });

  it('answers GONE for a log past retention (410), with its other fields intact', async () => {
    const { body } = await ask(job(KNOWN.expiredLogJobId, 'name conclusion logs { errors { number } } steps { name log { text } }'));
    const codes = new Set(body.errors?.map((error) => error.extensions?.code));
    expect(codes).toEqual(new Set(['GONE']));
    expect(body.data!.job).toMatchObject({ name: 'build', conclusion: 'SUCCESS', logs: null });
    expect(body.data!.job.steps.every((step: { log: unknown }) => step.log === null)).toBe(true);
    // One request to GitHub for all of it.
    expect(logRequests()).toHaveLength(1);
  });
});

describe('unsafe redirects and storage failures', () => {
  it.each(['ftp://127.0.0.1/logs/1', 'file:///etc/passwd', 'javascript:alert(1)', 'http://user:pass@127.0.0.1/logs/1'])(
    'refuses a log redirect to %s with UPSTREAM_ERROR, downloading nothing',
    async (location) => {
      h.github.injectFault({ path: '/logs' }, { kind: 'redirect', location });
      const { body } = await ask(job(KNOWN.jobId, 'name logs { text }'));
      expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_ERROR']);
      expect(body.data!.job).toEqual({ name: 'test (ubuntu-latest, 22)', logs: null });
      expect(h.github.storageRequests).toHaveLength(0);
    },
  );

  // A hostile or compromised upstream decides the Location: only hosts on the storage list are fetched.
  it.each([
    ['the API host itself', () => `${h.github.apiUrl}/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`],
    ['a relative Location', () => `/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`],
    ['a scheme-relative Location', () => `//${new URL(h.github.storageUrl).host}/logs/${KNOWN.jobId}`],
    ['a private address', () => 'https://10.0.0.7/logs/1'],
    ['a link-local metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a look-alike of the storage host', () => 'https://evil-blob.core.windows.net.attacker.example/x'],
    ['the storage host over another port', () => `http://127.0.0.1:${Number(new URL(h.github.storageUrl).port) + 1}/logs/1`],
  ])('refuses a log redirect to %s with UPSTREAM_ERROR, fetching nothing there', async (_name, location) => {
    h.github.injectFault({ path: '/logs' }, { kind: 'redirect', location: location() });
    const { body } = await ask(job(KNOWN.jobId, 'name logs { text }'));
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_ERROR']);
    expect(body.data!.job).toEqual({ name: 'test (ubuntu-latest, 22)', logs: null });
    expect(h.github.storageRequests).toHaveLength(0);
    // The job and its logs redirect: nothing more reached the API (the API-host redirect was not followed).
    expect(h.github.requests.map((request) => request.path)).toEqual([
      `/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`,
      `/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}/logs`,
    ]);
  });

  it('follows a redirect to a listed storage host only: the same fake storage is refused when LOG_STORAGE_HOSTS lists another host', async () => {
    const strict = createGatewayApp(h.github.apiUrl, { CACHE: 'false', LOG_STORAGE_HOSTS: 'logs.ghes.example' });
    try {
      const { body } = await strict.query(job(KNOWN.jobId, 'logs { text }'), { token: TOKENS.full });
      expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
      expect(body.errors?.[0]?.message).toMatch(/redirected somewhere the gateway will not follow/);
      expect(h.github.storageRequests).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });

  it('answers UPSTREAM_ERROR when the storage host fails (503), without leaking its signed URL', async () => {
    h.github.injectFault({ target: 'storage', path: '/logs/' }, { status: 503 });
    const { body } = await ask(job(KNOWN.jobId, 'name logs { text }'));
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_ERROR']);
    expect(JSON.stringify(body.errors)).not.toMatch(/sig=|127\.0\.0\.1/);
    expect(body.data!.job.name).toBe('test (ubuntu-latest, 22)');
  });

  it('answers UPSTREAM_ERROR when the storage host cuts the body short', async () => {
    h.github.injectFault({ target: 'storage', path: '/logs/' }, { kind: 'truncatedBody' });
    const { body } = await ask(job(KNOWN.jobId, 'logs { errors { number } }'));
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_ERROR']);
  });
});

describe('the 50 MB log', () => {
  const huge = (fields: string) => job(KNOWN.hugeLogJobId, fields, 'monorepo');

  it('serves lines(last: 100) reading under 1 MiB from storage', async () => {
    const { body } = await ask(huge('logs { sizeBytes lines(last: 100) { number content } }'));
    const { lines, sizeBytes } = body.data!.job.logs;
    expect(sizeBytes).toBe(hugeLogSize);
    expect(lines).toHaveLength(100);
    expect(lines.map((line: { number: number }) => line.number)).toEqual(Array.from({ length: 100 }, (_, i) => i - 100));
    expect(lines.at(-1).content).toBe('Finishing: stress (verbose)');
    expect(h.github.storageBytesSent).toBeLessThan(1024 * 1024);
  });

  it('caps text at MAX_LOG_BYTES with truncated: true, and stops reading there', async () => {
    const { body } = await ask(huge('logs { text truncated sizeBytes }'));
    const { text, truncated, sizeBytes } = body.data!.job.logs;
    expect(truncated).toBe(true);
    expect(sizeBytes).toBe(hugeLogSize);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(10 * 1024 * 1024);
    expect(Buffer.byteLength(text)).toBeGreaterThan(10 * 1024 * 1024 - 4);
    expect(h.github.storageBytesSent).toBeLessThan(hugeLogSize / 2);
  });

  it('finds the tail by streaming through a ring buffer when Range is off', async () => {
    h.github.setRangeSupport(false);
    const { body } = await ask(huge('logs { lines(last: 3) { number content } }'));
    expect(body.data!.job.logs.lines.map((line: { number: number }) => line.number)).toEqual([-3, -2, -1]);
    expect(h.github.storageRequests.map((request) => request.status)).toEqual([200]);
  });
});
