// Tests of the fake GitHub itself, over its real port: if the fake drifts from GitHub's behaviour
// (its docs and what it was seen to do), every gateway test built on it would prove the wrong thing.
import { get as httpGet } from 'node:http';
import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { createDataset, KNOWN, type Job } from './dataset.ts';
import { hugeLogSize, renderJobLog } from './fake-logs.ts';
import { startFakeGitHub, TOKENS } from './index.ts';
import { useFakeGitHub } from '../test/support/harness.ts';
import { isPendingStepStatus, jobSchemaValidator } from './openapi-job-schema.ts';
import { exemptFromStorageGuard, guardStorageCredentials } from '../test/support/storage-guard.ts';

const h = useFakeGitHub();
const agent = new Agent();

guardStorageCredentials(() => h.github);

afterAll(async () => {
  await agent.close();
});

interface GetOptions {
  token?: string | null;
  headers?: Record<string, string>;
  base?: string;
}

async function get(path: string, { token = TOKENS.full, headers = {}, base }: GetOptions = {}) {
  const response = await request(`${base ?? h.github.apiUrl}${path}`, {
    dispatcher: agent,
    headers: {
      'user-agent': 'fake-github-test',
      accept: 'application/vnd.github+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

type JobList = { total_count: number; jobs: Job[] };
const runJobs = (repo: string, runId: number, query = '') => `/repos/${repo}/actions/runs/${runId}/jobs${query}`;
const header = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join(', ') : value ?? '');

describe('the job objects', () => {
  it('serves every job of every run and attempt in the shape of the official OpenAPI `job` schema', async () => {
    const validate = jobSchemaValidator();
    const served: Job[] = [];
    for (const run of h.github.dataset.runs) {
      for (let page = 1; ; page++) {
        const response = await get(runJobs(run.repo.fullName, run.id, `?filter=all&per_page=100&page=${page}`));
        expect(response.status).toBe(200);
        const body = response.json() as JobList;
        served.push(...body.jobs);
        if (body.jobs.length < 100) break;
      }
    }
    expect(served).toHaveLength(h.github.dataset.allJobs().length);
    let pendingSteps = 0;
    for (const job of served) {
      validate(job);
      const errors = (validate.errors ?? []).filter((error) => {
        if (!isPendingStepStatus(error, job)) return true;
        pendingSteps += 1;
        return false;
      });
      expect(errors, `job ${job.id}`).toEqual([]);
      expect(Object.keys(job).sort()).toHaveLength(23);
      expect(job.id).toBeGreaterThan(2 ** 31);
      expect(job.run_id).toBeGreaterThan(3e10);
      expect(job.url).toBe(`${h.github.apiUrl}${new URL(job.url).pathname}`);
    }
    // The one documented deviation from the spec really occurs in the data.
    expect(pendingSteps).toBeGreaterThan(0);
  });

  it('uses a schema validator that really rejects jobs GitHub would not send', () => {
    const validate = jobSchemaValidator();
    const job = h.github.renderJob(KNOWN.jobId);
    expect(validate(job)).toBe(true);
    expect(validate({ ...job, status: 'bogus' })).toBe(false);
    expect(validate({ ...job, runner_id: 'one' })).toBe(false);
    const { created_at: _omitted, ...withoutCreatedAt } = job;
    expect(validate(withoutCreatedAt)).toBe(false);
    expect(validate({ ...job, html_url: null, completed_at: null, conclusion: null })).toBe(true);
  });

  it('makes the well-known job 111495700026 a failed job of a completed public-app run', async () => {
    const response = await get(`/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`);
    const job = response.json() as Job;
    expect(job).toMatchObject({ id: 111495700026, run_id: KNOWN.jobRunId, status: 'completed', conclusion: 'failure' });
    expect(job.html_url).toBe(`${h.github.apiUrl}/octo-org/public-app/actions/runs/${KNOWN.jobRunId}/job/${KNOWN.jobId}`);
    expect(job.check_run_url).toBe(`${h.github.apiUrl}/repos/octo-org/public-app/check-runs/${KNOWN.jobId}`);
    const steps = job.steps ?? [];
    expect(steps[0]?.name).toBe('Set up job');
    expect(steps.at(-1)?.name).toBe('Complete job');
    expect(steps.map((step) => step.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 61, 62, 63]);
    expect(steps.find((step) => step.name === 'Post Run actions/checkout@v4')?.conclusion).toBe('success');
    const skipped = steps.find((step) => step.conclusion === 'skipped');
    expect(skipped?.started_at).toBe(skipped?.completed_at);
    expect(job).toMatchObject({ runner_group_id: 0, runner_group_name: 'GitHub Actions' });
  });

  it('has a run in progress with running, pending, queued and waiting work', async () => {
    const body = (await get(runJobs('octo-org/public-app', KNOWN.inProgressRunId))).json() as JobList;
    const byId = new Map(body.jobs.map((job) => [job.id, job]));
    const running = byId.get(KNOWN.inProgressJobId);
    expect(running?.status).toBe('in_progress');
    expect(running?.steps?.some((step) => step.status === 'in_progress' && step.conclusion === null)).toBe(true);
    expect(running?.steps?.some((step) => (step.status as string) === 'pending')).toBe(true);
    for (const id of [KNOWN.queuedJobId, KNOWN.waitingJobId]) {
      const job = byId.get(id);
      expect(job).toMatchObject({ runner_id: null, runner_name: null, runner_group_id: null, runner_group_name: null, completed_at: null });
      expect(job?.started_at).toBe(job?.created_at);
    }
    expect(byId.get(KNOWN.queuedJobId)?.status).toBe('queued');
    expect(byId.get(KNOWN.waitingJobId)?.status).toBe('waiting');
  });

  it('generates the same data from the same seed, with 25+ public runs of 1..30 jobs for dashboards', () => {
    const a = createDataset();
    const b = createDataset();
    expect(JSON.stringify(a.allJobs())).toBe(JSON.stringify(b.allJobs()));
    const runIds = a.publicRunIds();
    expect(runIds.length).toBeGreaterThanOrEqual(25);
    for (const runId of runIds) {
      const count = a.jobsOfRun(runId, 'latest')?.length ?? 0;
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(30);
    }
  });
});

describe('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', () => {
  const big = (query: string) => runJobs('octo-org/monorepo', KNOWN.bigRunId, query);

  it('serves 30 jobs per page by default and 100 at most, with the real total_count', async () => {
    const first = (await get(big(''))).json() as JobList;
    expect(first.total_count).toBe(260);
    expect(first.jobs).toHaveLength(30);
    const clamped = (await get(big('?per_page=500'))).json() as JobList;
    expect(clamped.jobs).toHaveLength(100);
    const third = (await get(big('?per_page=100&page=3'))).json() as JobList;
    expect(third.jobs).toHaveLength(60);
    expect(third.jobs.at(-1)?.id).toBe(111_495_710_260);
  });

  it('answers a page past the end with 200, no jobs and the real total_count', async () => {
    const response = await get(big('?per_page=100&page=9'));
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ total_count: 260, jobs: [] });
  });

  it('builds the Link header like GitHub, and omits it when everything fits on one page', async () => {
    const middle = await get(big('?per_page=100&page=2'));
    const url = (page: number) => `<${h.github.apiUrl}${big(`?per_page=100&page=${page}`)}>`;
    expect(middle.headers.link).toBe(
      `${url(1)}; rel="prev", ${url(3)}; rel="next", ${url(3)}; rel="last", ${url(1)}; rel="first"`,
    );
    const first = await get(big('?per_page=100'));
    expect(first.headers.link).toBe(`${url(2)}; rel="next", ${url(3)}; rel="last"`);
    const single = await get(runJobs('octo-org/public-app', KNOWN.jobRunId, '?per_page=100'));
    expect(single.headers.link).toBeUndefined();
  });

  it('lists the latest attempt by default and every attempt with filter=all', async () => {
    const path = (query: string) => runJobs('octo-org/public-app', KNOWN.rerunRunId, query);
    const latest = (await get(path(''))).json() as JobList;
    expect(latest.total_count).toBe(KNOWN.rerunJobsPerAttempt);
    expect(new Set(latest.jobs.map((job) => job.run_attempt))).toEqual(new Set([3]));
    expect(((await get(path('?filter=latest'))).json() as JobList).jobs).toEqual(latest.jobs);
    const all = (await get(path('?filter=all'))).json() as JobList;
    expect(all.total_count).toBe(3 * KNOWN.rerunJobsPerAttempt);
    expect(new Set(all.jobs.map((job) => job.run_attempt))).toEqual(new Set([1, 2, 3]));
  });

  it('treats owner and repo case-insensitively', async () => {
    const response = await get(runJobs('OCTO-ORG/Public-App', KNOWN.jobRunId));
    expect(response.status).toBe(200);
    expect((response.json() as JobList).jobs[0]?.url).toContain('/repos/octo-org/public-app/');
  });

  it('answers 404 for a run of another repository', async () => {
    expect((await get(runJobs('acme/website', KNOWN.jobRunId))).status).toBe(404);
  });
});

describe('GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs', () => {
  const attempt = (n: number | string) => `/repos/octo-org/public-app/actions/runs/${KNOWN.rerunRunId}/attempts/${n}/jobs`;

  it("lists one attempt's jobs", async () => {
    const body = (await get(attempt(1))).json() as JobList;
    expect(body.total_count).toBe(KNOWN.rerunJobsPerAttempt);
    expect(body.jobs.every((job) => job.run_attempt === 1)).toBe(true);
    expect(body.jobs.some((job) => job.conclusion === 'failure')).toBe(true);
  });

  it('answers 404 for an attempt that does not exist', async () => {
    for (const n of [0, 4, 'x']) expect((await get(attempt(n))).status).toBe(404);
  });
});

describe('paths', () => {
  it.each([
    [`/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}/`],
    [`/repos/octo-org%2Fpublic-app/actions/jobs/${KNOWN.jobId}`],
    [`/repos/octo-org/public-app/actions/jobs/abc`],
    [`/repos/octo-org/public-app/actions/jobs/999`],
    ['/repos/octo-org/public-app/actions/runs/'],
    ['/repos/octo-org/public-app/actions/workflows/ci.yml/runs/'],
  ])('answers 404 JSON for %s', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.json()).toMatchObject({ message: 'Not Found', documentation_url: expect.any(String) });
    expect(h.github.requests.at(-1)?.url).toBe(path);
  });

  it('answers 404 for a path with `..` (sent raw: URL parsers in clients would normalise it)', async () => {
    const raw = `/repos/octo-org/x/../public-app/actions/jobs/${KNOWN.jobId}`;
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const { port } = new URL(h.github.apiUrl);
      httpGet({ host: '127.0.0.1', port, path: raw, headers: { 'user-agent': 'fake-github-test' } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      }).on('error', reject);
    });
    expect(status).toBe(404);
    expect(h.github.requests.at(-1)?.url).toBe(raw);
  });

  it('serves the same API under the GHES prefix /api/v3, with URLs on that base', async () => {
    const response = await get(`/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`, { base: h.github.ghesApiUrl });
    expect(response.status).toBe(200);
    const job = response.json() as Job;
    expect(job.url).toBe(`${h.github.ghesApiUrl}/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`);
    expect(job).toEqual(h.github.renderJob(KNOWN.jobId, 'ghes'));
    const list = await get(runJobs('octo-org/monorepo', KNOWN.bigRunId), { base: h.github.ghesApiUrl });
    expect(list.headers.link).toContain(`<${h.github.ghesApiUrl}/repos/octo-org/monorepo/`);
  });
});

describe('authentication', () => {
  const privateJob = `/repos/octo-org/private-api/actions/jobs/${KNOWN.privateJobId}`;

  it('answers 404 (not 403) for a private repository without access', async () => {
    expect((await get(privateJob, { token: TOKENS.full })).status).toBe(200);
    expect((await get(privateJob, { token: TOKENS.publicOnly })).status).toBe(404);
    expect((await get(privateJob, { token: null })).status).toBe(404);
    expect((await get(runJobs('octo-org/private-api', KNOWN.privateRunId), { token: TOKENS.other })).status).toBe(404);
  });

  it('answers 401 Bad credentials for an unknown token, in either scheme', async () => {
    const bearer = await get(privateJob, { token: 'ghp_nope' });
    expect(bearer.status).toBe(401);
    expect(bearer.json()).toMatchObject({ message: 'Bad credentials' });
    const scheme = await get(privateJob, { token: null, headers: { authorization: 'token ghp_nope' } });
    expect(scheme.status).toBe(401);
    expect(h.github.requests.at(-1)?.token).toBe('ghp_nope');
  });

  it('accepts the `token` scheme for a known token', async () => {
    expect((await get(privateJob, { token: null, headers: { authorization: `token ${TOKENS.full}` } })).status).toBe(200);
  });

  it('answers 403 without a User-Agent', async () => {
    const response = await request(`${h.github.apiUrl}/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`, { dispatcher: agent });
    expect(response.statusCode).toBe(403);
    expect(await response.body.text()).toContain('User-Agent');
  });

  it('answers 400 for an unknown X-GitHub-Api-Version and accepts both known ones', async () => {
    const path = `/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`;
    expect((await get(path, { headers: { 'x-github-api-version': '2021-01-01' } })).status).toBe(400);
    for (const version of ['2022-11-28', '2026-03-10']) {
      const response = await get(path, { headers: { 'x-github-api-version': version } });
      expect(response.status).toBe(200);
      expect(response.headers['x-github-api-version-selected']).toBe(version);
    }
  });
});

describe('caching and rate limits', () => {
  const path = `/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`;

  it('answers If-None-Match with 304 and no body, without spending a point for a token', async () => {
    const first = await get(path, { token: TOKENS.other });
    const etag = header(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(first.headers['cache-control']).toBe('private, max-age=60, s-maxage=60');
    expect(first.headers.vary).toBe('Accept, Authorization, Cookie, X-GitHub-OTP');
    const before = h.github.rateLimit(TOKENS.other).remaining;
    const second = await get(path, { token: TOKENS.other, headers: { 'if-none-match': etag } });
    expect(second.status).toBe(304);
    expect(second.text).toBe('');
    expect(second.headers['x-ratelimit-remaining']).toBe(String(before));
    expect(h.github.rateLimit(TOKENS.other).remaining).toBe(before);
  });

  it('marks anonymous answers public', async () => {
    expect((await get(path, { token: null })).headers['cache-control']).toBe('public, max-age=60, s-maxage=60');
  });

  it('changes the ETag when a job changes', async () => {
    const local = await startFakeGitHub({ cacheMaxAge: 0 });
    try {
      const first = await get(path, { base: local.apiUrl });
      expect(first.headers['cache-control']).toBe('private, max-age=0, s-maxage=0');
      local.dataset.updateJob(KNOWN.jobId, { name: 'renamed' });
      const second = await get(path, { base: local.apiUrl, headers: { 'if-none-match': header(first.headers.etag) } });
      expect(second.status).toBe(200);
      expect(second.headers.etag).not.toBe(first.headers.etag);
      expect((second.json() as Job).name).toBe('renamed');
    } finally {
      await local.close();
    }
  });

  it('sends rate-limit headers, spends one point per request, and answers 403 when none is left', async () => {
    const local = await startFakeGitHub({ now: () => Date.parse('2026-07-26T16:00:00Z') });
    try {
      const first = await get(path, { base: local.apiUrl });
      expect(first.headers['x-ratelimit-limit']).toBe('5000');
      expect(first.headers['x-ratelimit-remaining']).toBe('4999');
      expect(first.headers['x-ratelimit-used']).toBe('1');
      expect(first.headers['x-ratelimit-resource']).toBe('core');
      expect(first.headers['x-ratelimit-reset']).toBe(String(Date.parse('2026-07-26T17:00:00Z') / 1000));
      const anonymous = await get(path, { base: local.apiUrl, token: null });
      expect(anonymous.headers['x-ratelimit-limit']).toBe('60');

      local.setRateLimit(TOKENS.full, { remaining: 1 });
      expect((await get(path, { base: local.apiUrl })).status).toBe(200);
      const limited = await get(path, { base: local.apiUrl });
      expect(limited.status).toBe(403);
      expect(limited.json()).toMatchObject({ message: expect.stringContaining('API rate limit exceeded') });
      expect(limited.headers['x-ratelimit-remaining']).toBe('0');
      // /rate_limit is free and still answers.
      const status = await get('/rate_limit', { base: local.apiUrl });
      expect(status.status).toBe(200);
      expect(status.json()).toMatchObject({ resources: { core: { remaining: 0, limit: 5000 } } });

      local.clock.advance(3600_000);
      expect((await get(path, { base: local.apiUrl })).headers['x-ratelimit-remaining']).toBe('4999');
    } finally {
      await local.close();
    }
  });

  it('injects a secondary rate limit with retry-after', async () => {
    h.github.injectSecondaryLimit({ status: 429, retryAfter: 7 });
    const limited = await get(path);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expect(Number(limited.headers['x-ratelimit-remaining'])).toBeGreaterThan(0);
    expect((await get(path)).status).toBe(200);
  });

  it('records concurrency: maxInFlight counts requests handled at once', async () => {
    h.github.setLatency(40);
    try {
      await Promise.all(Array.from({ length: 8 }, () => get(path)));
    } finally {
      h.github.setLatency(0);
    }
    expect(h.github.maxInFlight).toBeGreaterThanOrEqual(4);
    expect(h.github.requests).toHaveLength(8);
    expect(h.github.requests.every((recorded) => recorded.status === 200 && recorded.token === TOKENS.full)).toBe(true);
  });
});

describe('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs and the storage host', () => {
  const logs = (jobId: number, repo = 'octo-org/public-app') => `/repos/${repo}/actions/jobs/${jobId}/logs`;
  const download = async (url: string, headers: Record<string, string> = {}) => {
    const response = await request(url, { dispatcher: agent, headers });
    const body = Buffer.from(await response.body.arrayBuffer());
    return { status: response.statusCode, headers: response.headers, body };
  };

  it('redirects (302) to a signed storage URL that serves the log without credentials', async () => {
    const redirect = await get(logs(KNOWN.jobId));
    expect(redirect.status).toBe(302);
    const location = header(redirect.headers.location);
    expect(location.startsWith(`${h.github.storageUrl}/logs/${KNOWN.jobId}?`)).toBe(true);
    const log = await download(location);
    expect(log.status).toBe(200);
    expect(log.headers['content-length']).toBe(String(log.body.length));
    const text = log.body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toBe(renderJobLog(h.github.dataset.getJob(KNOWN.jobId) as Job));
    expect(text).toMatch(/^\uFEFF\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z Current runner version/);
    expect(text).toContain('##[error]Process completed with exit code 1.');
    expect(h.github.storageBytesSent).toBe(log.body.length);
  });

  it('answers 403 from storage once the signed URL has expired (60 s by the fake clock), or with a bad signature', async () => {
    const location = header((await get(logs(KNOWN.jobId))).headers.location);
    expect((await download(location.replace(/sig=[^&]+/, 'sig=forged'))).status).toBe(403);
    h.github.clock.advance(61_000);
    const expired = await download(location);
    expect(expired.status).toBe(403);
    expect(expired.body.toString()).toContain('AuthenticationFailed');
  });

  it('answers 404 for running and unknown jobs, 410 for expired logs, 403 without a token', async () => {
    expect((await get(logs(KNOWN.inProgressJobId))).status).toBe(404);
    expect((await get(logs(KNOWN.queuedJobId))).status).toBe(404);
    expect((await get(logs(123))).status).toBe(404);
    expect((await get(logs(KNOWN.expiredLogJobId))).status).toBe(410);
    expect((await get(logs(KNOWN.jobId), { token: null })).status).toBe(403);
    expect((await get(logs(KNOWN.privateJobId, 'octo-org/private-api'), { token: TOKENS.publicOnly })).status).toBe(404);
  });

  it('serves Range requests with 206 and Content-Range, and the whole log with 200 when Range is off', async () => {
    const location = header((await get(logs(KNOWN.jobId))).headers.location);
    const whole = (await download(location)).body;
    const slice = await download(location, { range: 'bytes=10-19' });
    expect(slice.status).toBe(206);
    expect(slice.headers['content-range']).toBe(`bytes 10-19/${whole.length}`);
    expect(slice.body).toEqual(whole.subarray(10, 20));
    const tail = await download(location, { range: 'bytes=-100' });
    expect(tail.body).toEqual(whole.subarray(whole.length - 100));
    expect((await download(location, { range: `bytes=${whole.length}-` })).status).toBe(416);
    h.github.setRangeSupport(false);
    try {
      const full = await download(location, { range: 'bytes=-100' });
      expect(full.status).toBe(200);
      expect(full.headers['content-range']).toBeUndefined();
      expect(full.body).toEqual(whole);
    } finally {
      h.github.setRangeSupport(true);
    }
  });

  it('serves one job with CRLF line endings', async () => {
    const location = header((await get(logs(KNOWN.crlfLogJobId))).headers.location);
    const text = (await download(location)).body.toString('utf8');
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('streams the ~50 MB log with a Content-Length equal to the bytes streamed, and its tail by Range', async () => {
    const location = header((await get(logs(KNOWN.hugeLogJobId, 'octo-org/monorepo'))).headers.location);
    const response = await request(location, { dispatcher: agent });
    expect(response.headers['content-length']).toBe(String(hugeLogSize));
    let bytes = 0;
    for await (const chunk of response.body) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(hugeLogSize);
    expect(hugeLogSize).toBeGreaterThan(50_000_000);
    const tail = await download(location, { range: 'bytes=-4096' });
    expect(tail.status).toBe(206);
    expect(tail.body).toHaveLength(4096);
    expect(tail.body.toString('utf8')).toMatch(/##\[section\]Finishing: stress \(verbose\)\n$/);
  });

  it('rejects storage requests that carry Authorization, and latches authorizationSeenByStorage', async () => {
    const local = await startFakeGitHub();
    exemptFromStorageGuard(local); // leaks on purpose; the suite-wide guard (vitest setupFiles) must not fail for it
    try {
      const location = header((await get(logs(KNOWN.jobId), { base: local.apiUrl })).headers.location);
      expect(local.authorizationSeenByStorage).toBe(false);
      const leaked = await download(location, { authorization: `Bearer ${TOKENS.full}` });
      expect(leaked.status).toBe(403);
      expect(local.authorizationSeenByStorage).toBe(true);
      local.resetRecords();
      expect(local.authorizationSeenByStorage).toBe(true);
    } finally {
      await local.close();
    }
  });
});

describe('log text', () => {
  const stamp = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.\d{7}Z (.*)$/;

  it("puts each step's lines inside that step's started_at..completed_at window, in order", () => {
    // A step's lines start at its first line: the preamble, `##[group]Run …`, `Post job cleanup.` or
    // `Cleaning up orphan processes`; the k-th such segment must belong to the k-th step that ran.
    const opensStep = /^(Current runner version|##\[group\]Run |Post job cleanup\.$|Cleaning up orphan processes$)/;
    const problems: string[] = [];
    // Every job but the huge one (its own test streams it), including acme/website's `-07:00` step timestamps.
    for (const job of createDataset().allJobs().filter((candidate) => candidate.id !== KNOWN.hugeLogJobId)) {
      const steps = (job.steps ?? []).filter((step) => step.status === 'completed' && step.conclusion !== 'skipped');
      let stepIndex = -1;
      let previous = '';
      for (const line of renderJobLog(job).replace(/^\uFEFF/, '').split('\n')) {
        const match = stamp.exec(line);
        if (!match) continue; // a continuation line of a multi-line message (or the final empty line)
        const [, seconds = '', message = ''] = match;
        if (opensStep.test(message)) stepIndex += 1;
        const step = steps[stepIndex];
        const at = Date.parse(`${seconds}Z`);
        if (line.slice(0, 28) < previous) problems.push(`${job.id}: out of order: ${line}`);
        if (!step || at < Date.parse(step.started_at ?? '') || at > Date.parse(step.completed_at ?? '')) {
          problems.push(`${job.id}: outside ${step?.name ?? 'any step'}: ${line}`);
        }
        previous = line.slice(0, 28);
      }
      if (stepIndex + 1 !== steps.length) problems.push(`${job.id}: ${stepIndex + 1} segments for ${steps.length} steps`);
    }
    expect(problems).toEqual([]);
  });

  it('writes multi-line messages with a timestamp on the first line only', () => {
    const text = renderJobLog(createDataset().getJob(KNOWN.jobId) as Job);
    expect(text).toMatch(/Z ##\[error\]AssertionError: [^\n]*\n\n- Expected\n/);
    expect(text).toContain('\u001b[36;1m');
    expect(text).toMatch(/Z ##\[group\]Operating System\n/);
  });
});

describe('fault injection', () => {
  const path = `/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`;

  it.each([500, 502, 503, 504] as const)('answers %i once, then normally', async (status) => {
    h.github.injectFault({ path: '/actions/jobs/' }, { status });
    expect((await get(path)).status).toBe(status);
    expect((await get(path)).status).toBe(200);
  });

  it('consumes faults in order and honours `times`', async () => {
    h.github.injectFault({ path: /\/jobs\/\d+$/, times: 2 }, { status: 502 });
    h.github.injectFault({}, { status: 503 });
    expect((await get(path)).status).toBe(502);
    expect((await get(path)).status).toBe(502);
    expect((await get(path)).status).toBe(503);
    expect((await get(path)).status).toBe(200);
  });

  it('leaves non-matching paths alone', async () => {
    h.github.injectFault({ path: '/attempts/' }, { status: 500 });
    expect((await get(path)).status).toBe(200);
    expect((await get(`/repos/octo-org/public-app/actions/runs/${KNOWN.rerunRunId}/attempts/1/jobs`)).status).toBe(500);
  });

  it('resets the connection without an answer', async () => {
    h.github.injectFault({}, { kind: 'reset' });
    await expect(get(path)).rejects.toThrow();
    expect(h.github.requests.at(-1)?.status).toBe(0);
    expect((await get(path)).status).toBe(200);
  });

  it('delays an answer', async () => {
    h.github.injectFault({}, { kind: 'delay', ms: 150 });
    const started = performance.now();
    expect((await get(path)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('holds an answer until the test releases it', async () => {
    let release!: () => void;
    const arrived = new Promise<void>((onHold) => h.github.injectFault({}, { kind: 'hold', onHold, release: new Promise<void>((resolve) => (release = resolve)) }));
    let answered = false;
    const answer = get(path).then((response) => ((answered = true), response));
    await arrived;
    expect(h.github.inFlight).toBe(1);
    // Held: other requests come and go, this one stays unanswered.
    expect((await get(path)).status).toBe(200);
    expect(answered).toBe(false);
    release();
    expect((await answer).status).toBe(200);
  });

  it('answers 200 with malformed JSON', async () => {
    h.github.injectFault({}, { kind: 'malformedJson' });
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(() => response.json()).toThrow(SyntaxError);
  });

  it('truncates a body below its Content-Length', async () => {
    h.github.injectFault({}, { kind: 'truncatedBody' });
    await expect(get(path)).rejects.toThrow();
  });

  it('applies faults to the storage host when targeted there', async () => {
    const location = header((await get(`${path}/logs`)).headers.location);
    h.github.injectFault({ target: 'storage' }, { status: 503 });
    h.github.injectFault({ target: 'storage' }, { kind: 'truncatedBody' });
    expect((await request(location, { dispatcher: agent }).then(async (r) => (await r.body.dump(), r.statusCode)))).toBe(503);
    const truncated = await request(location, { dispatcher: agent });
    await expect(truncated.body.arrayBuffer()).rejects.toThrow();
    expect((await get(path)).status).toBe(200);
  });
});
