import { describe, expect, it } from 'vitest';
import { routeLabel } from '../src/github/routes.ts';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { useAppOnFakeGitHub } from './support/harness.ts';

const h = useAppOnFakeGitHub({ METRICS_OPERATIONS: 'RunJobs,Missing,TooMany' });

/** `name{labels} value` lines of one metric, as { labels, value }. */
function samples(text: string, name: string): Array<{ labels: Record<string, string>; value: number }> {
  const out: Array<{ labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${name}\\{(.*)\\} (\\S+)$`).exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...(match[1] as string).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    out.push({ labels: labels as Record<string, string>, value: Number(match[2]) });
  }
  return out;
}

async function scrape(): Promise<string> {
  const response = await h.gateway.fetch(h.gateway.url.replace(/\/graphql$/, '/metrics'));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/plain/);
  return response.text();
}

describe('GET /metrics', () => {
  it('counts the upstream calls the fake GitHub counted in a scripted session, by route template and status', async () => {
    const before = samples(await scrape(), 'github_requests_total');
    const run = `workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId})`;
    h.github.injectFault({ path: `/repos/octo-org/public-app/actions/jobs/${KNOWN.crlfLogJobId}`, times: 1 }, { status: 502 });
    const session = [
      `query RunJobs { ${run} { jobs(first: 100) { totalCount nodes { name steps { name } } } } }`,
      `query OneJob { job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.crlfLogJobId}) { name } }`,
      `query Logs { job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { logs { sizeBytes } } }`,
      `query Missing { job(owner: "octo-org", repo: "public-app", jobId: 999999999) { name } }`,
      `query Attempt { workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.rerunRunId}) { jobs(attempt: 2) { totalCount } } }`,
      `query RunJobs { ${run} { jobs(first: 100) { totalCount } } }`,
    ];
    for (const query of session) await h.gateway.query(query, { token: TOKENS.full });

    const text = await scrape();
    const after = samples(text, 'github_requests_total');
    const delta = new Map<string, number>();
    for (const sample of after) {
      const key = `${sample.labels.route} ${sample.labels.status}`;
      const previous = before.find((b) => b.labels.route === sample.labels.route && b.labels.status === sample.labels.status)?.value ?? 0;
      if (sample.value - previous > 0) delta.set(key, sample.value - previous);
    }
    const counted = new Map<string, number>();
    for (const request of h.github.requests) {
      const key = `${routeLabel(request.path)} ${request.status}`;
      counted.set(key, (counted.get(key) ?? 0) + 1);
    }
    expect(h.github.requests.length).toBeGreaterThanOrEqual(6);
    expect(Object.fromEntries(delta)).toEqual(Object.fromEntries(counted));
    // The 502 was retried once; the repeated list was served from the cache (max-age) or revalidated (304).
    expect(samples(text, 'github_retries_total').find((s) => s.labels.route === '/repos/{owner}/{repo}/actions/jobs/{job_id}')?.value).toBeGreaterThanOrEqual(1);
    expect(samples(text, 'github_cache_total').reduce((sum, s) => sum + s.value, 0)).toBeGreaterThanOrEqual(1);
    // Requests by operation name and outcome, with durations.
    const requests = samples(text, 'graphql_requests_total');
    expect(requests.find((s) => s.labels.operation === 'RunJobs' && s.labels.outcome === 'ok')?.value).toBeGreaterThanOrEqual(2);
    expect(requests.find((s) => s.labels.operation === 'Missing' && s.labels.outcome === 'NOT_FOUND')?.value).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/graphql_request_duration_seconds_bucket\{le="0.1",operation="RunJobs"\}/);
    // Rate limit remaining per credential fingerprint.
    expect(samples(text, 'github_rate_limit_remaining').some((s) => /^cred_[0-9a-f]{24}$/.test(s.labels.credential ?? ''))).toBe(true);
  });

  it('keeps labels bounded: no owner, repo, id, token or raw operation text in any label', async () => {
    await h.gateway.query(`query ${'x'.repeat(100)} { job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name } }`, { token: TOKENS.full });
    const text = await scrape();
    for (const line of text.split('\n').filter((l) => /^(graphql|github)_/.test(l))) {
      // A credential fingerprint is random hex and may hold a run of digits; it is checked above.
      const labels = (/\{(.*)\}/.exec(line)?.[1] ?? '').replace(/credential="cred_[0-9a-f]{24}"/, '');
      expect(labels).not.toMatch(/octo-org|public-app|\d{9,}|ghp_/);
    }
    expect(text).toMatch(/operation="\(other\)"/);
  });

  it('keeps a real operation\'s series however many junk names callers send', async () => {
    for (let i = 0; i < 250; i++) await h.gateway.query(`query Junk${i} { __typename }`);
    await h.gateway.query(`query JobDetails { __typename }`);
    const text = await scrape();
    const operations = new Set(samples(text, 'graphql_requests_total').map((s) => s.labels.operation));
    // JobDetails ships in schema/operations/, so it keeps its own series without any setting.
    expect(operations.has('JobDetails')).toBe(true);
    expect([...operations].some((name) => name?.startsWith('Junk'))).toBe(false);
    expect(operations.has('(other)')).toBe(true);
  });

  it('counts refused queries', async () => {
    const fields = Array.from({ length: 60 }, (_, i) => `j${i}: job(owner: "octo-org", repo: "public-app", jobId: ${i + 1}) { name }`).join(' ');
    const { body } = await h.gateway.query(`query TooMany { ${fields} }`, { token: TOKENS.full });
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    const text = await scrape();
    expect(samples(text, 'graphql_refused_total').find((s) => s.labels.reason === 'cost')?.value).toBeGreaterThanOrEqual(1);
    expect(samples(text, 'graphql_requests_total').find((s) => s.labels.operation === 'TooMany')?.labels.outcome).toBe('QUERY_TOO_COSTLY');
  });
});
