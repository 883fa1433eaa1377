// The fake GitHub's workflow-run operations, over its real port: shape (the official OpenAPI
// `workflow-run` schema), consistency with the jobs, filters, paging, ETags, and the live run.
import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { KNOWN } from './dataset.ts';
import { TOKENS } from './index.ts';
import { useFakeGitHub } from '../test/support/harness.ts';
import { componentProperties, workflowRunSchemaValidator } from './openapi-job-schema.ts';
import { runState, type WorkflowRunJson } from './run-factory.ts';
import { parseDateRange } from './run-filters.ts';
import type { Job } from './dataset.ts';

const h = useFakeGitHub();
const agent = new Agent();

afterAll(async () => {
  await agent.close();
});

async function get(path: string, { token = TOKENS.full as string | null, etag }: { token?: string | null; etag?: string } = {}) {
  const response = await request(`${h.github.apiUrl}${path}`, {
    dispatcher: agent,
    headers: {
      'user-agent': 'fake-runs-test',
      accept: 'application/vnd.github+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(etag ? { 'if-none-match': etag } : {}),
    },
  });
  const text = await response.body.text();
  return { status: response.statusCode, etag: String(response.headers.etag ?? ''), link: String(response.headers.link ?? ''), json: () => JSON.parse(text) };
}

interface RunList {
  total_count: number;
  workflow_runs: WorkflowRunJson[];
}

async function allRuns(path: string): Promise<RunList> {
  const runs: WorkflowRunJson[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const response = await get(`${path}${path.includes('?') ? '&' : '?'}per_page=100&page=${page}`);
    expect(response.status).toBe(200);
    const body = response.json() as RunList;
    total = body.total_count;
    runs.push(...body.workflow_runs);
    if (body.workflow_runs.length < 100) break;
  }
  return { total_count: total, workflow_runs: runs };
}

const runsPath = (repo: string, query = '') => `/repos/${repo}/actions/runs${query}`;
const runPath = (repo: string, runId: number) => `/repos/${repo}/actions/runs/${runId}`;

describe('the run objects', () => {
  it('serves every run with every property of the official OpenAPI `workflow-run` schema, valid against it', async () => {
    const validate = workflowRunSchemaValidator();
    const properties = componentProperties('workflow-run');
    expect(properties.length).toBeGreaterThan(30);
    let served = 0;
    for (const repo of h.github.dataset.repos) {
      const list = await allRuns(runsPath(repo.fullName));
      expect(list.workflow_runs).toHaveLength(list.total_count);
      for (const run of list.workflow_runs) {
        validate(run);
        expect(validate.errors ?? [], `run ${run.id}`).toEqual([]);
        expect(Object.keys(run).sort()).toEqual(properties);
        served += 1;
      }
    }
    expect(served).toBe(h.github.dataset.runs.length);
  });

  it('uses a validator that really rejects runs GitHub would not send', async () => {
    const validate = workflowRunSchemaValidator();
    const run = (await get(runPath('octo-org/public-app', KNOWN.jobRunId))).json() as WorkflowRunJson;
    expect(validate(run)).toBe(true);
    expect(validate({ ...run, run_number: 'one' })).toBe(false);
    const { head_sha: _omitted, ...withoutSha } = run;
    expect(validate(withoutSha)).toBe(false);
  });

  it("takes status and conclusion from the latest attempt's jobs, and each attempt's from its own", async () => {
    const failed = (await get(runPath('octo-org/public-app', KNOWN.jobRunId))).json() as WorkflowRunJson;
    expect([failed.status, failed.conclusion, failed.run_attempt]).toEqual(['completed', 'failure', 1]);
    const running = (await get(runPath('octo-org/public-app', KNOWN.inProgressRunId))).json() as WorkflowRunJson;
    expect([running.status, running.conclusion]).toEqual(['in_progress', null]);
    const rerun = (await get(runPath('octo-org/public-app', KNOWN.rerunRunId))).json() as WorkflowRunJson;
    expect([rerun.conclusion, rerun.run_attempt, rerun.previous_attempt_url]).toEqual(['success', 3, `${h.github.apiUrl}${runPath('octo-org/public-app', KNOWN.rerunRunId)}/attempts/2`]);
    const first = (await get(`${runPath('octo-org/public-app', KNOWN.rerunRunId)}/attempts/1`)).json() as WorkflowRunJson;
    expect([first.conclusion, first.run_attempt, first.previous_attempt_url]).toEqual(['failure', 1, null]);
    expect((await get(`${runPath('octo-org/public-app', KNOWN.rerunRunId)}/attempts/4`)).status).toBe(404);
    for (const run of h.github.dataset.runs) {
      expect(runState(h.github.dataset.jobsOfRun(run.id, 'latest') as Job[]).status).toMatch(/^(completed|in_progress|queued|waiting)$/);
    }
  });

  it('answers 404 for a private run without access, an unknown run and a run of another repository', async () => {
    expect((await get(runPath('octo-org/private-api', KNOWN.privateRunId), { token: TOKENS.publicOnly })).status).toBe(404);
    expect((await get(runPath('octo-org/private-api', KNOWN.privateRunId))).status).toBe(200);
    expect((await get(runPath('octo-org/public-app', 999))).status).toBe(404);
    expect((await get(runPath('acme/website', KNOWN.jobRunId))).status).toBe(404);
    expect((await get(runsPath('octo-org/private-api'), { token: TOKENS.publicOnly })).status).toBe(404);
  });
});

describe('the run lists', () => {
  it('lists newest first, more than 300 runs in one repository, paged with Link', async () => {
    const list = await allRuns(runsPath(KNOWN.busyRepo));
    expect(list.total_count).toBeGreaterThan(300);
    const created = list.workflow_runs.map((run) => Date.parse(run.created_at));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const second = await get(runsPath(KNOWN.busyRepo, '?per_page=100&page=2'));
    expect(second.link).toContain('rel="next"');
    expect(second.link).toContain('rel="prev"');
    const beyond = (await get(runsPath(KNOWN.busyRepo, '?per_page=100&page=9'))).json() as RunList;
    expect([beyond.total_count, beyond.workflow_runs.length]).toEqual([list.total_count, 0]);
  });

  it.each([
    ['branch', 'main', (run: WorkflowRunJson) => run.head_branch === 'main'],
    ['event', 'pull_request', (run: WorkflowRunJson) => run.event === 'pull_request'],
    ['actor', 'dependabot[bot]', (run: WorkflowRunJson) => run.actor?.login === 'dependabot[bot]'],
    ['status', 'completed', (run: WorkflowRunJson) => run.status === 'completed'],
    ['status', 'failure', (run: WorkflowRunJson) => run.conclusion === 'failure'],
    ['created', '>=2026-07-26', (run: WorkflowRunJson) => run.created_at >= '2026-07-26'],
  ])('filters by %s=%s to a real subset', async (name, value, predicate) => {
    for (const repo of ['octo-org/public-app', KNOWN.busyRepo]) {
      const all = (await allRuns(runsPath(repo))).workflow_runs;
      const filtered = await allRuns(runsPath(repo, `?${new URLSearchParams({ [name]: value })}`));
      const expected = all.filter(predicate).map((run) => run.id);
      expect(filtered.workflow_runs.map((run) => run.id)).toEqual(expected);
      expect(filtered.total_count).toBe(expected.length);
      expect(expected.length, `${repo} ${name}=${value}`).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
    }
  });

  it('filters by head_sha to the run of that commit', async () => {
    const run = (await get(runPath('octo-org/public-app', KNOWN.jobRunId))).json() as WorkflowRunJson;
    const list = (await get(runsPath('octo-org/public-app', `?head_sha=${run.head_sha}`))).json() as RunList;
    expect(list.workflow_runs.map((r) => r.id)).toEqual([KNOWN.jobRunId]);
  });

  it('lists one workflow by id or by file name; an unknown workflow answers 404', async () => {
    const all = (await allRuns(runsPath(KNOWN.busyRepo))).workflow_runs;
    const nightly = h.github.dataset.workflowsOf(h.github.dataset.findRepo('octo-org', 'monorepo')!).find((w) => w.name === 'Nightly stress')!;
    const byFile = await allRuns(`/repos/${KNOWN.busyRepo}/actions/workflows/nightly.yml/runs`);
    const byId = await allRuns(`/repos/${KNOWN.busyRepo}/actions/workflows/${nightly.id}/runs`);
    const expected = all.filter((run) => run.workflow_id === nightly.id).map((run) => run.id);
    expect(byFile.workflow_runs.map((run) => run.id)).toEqual(expected);
    expect(byId.workflow_runs.map((run) => run.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    expect((await get(`/repos/${KNOWN.busyRepo}/actions/workflows/nope.yml/runs`)).status).toBe(404);
  });

  it("reads GitHub's date-range syntax", () => {
    const day = Date.parse('2026-02-01T00:00:00Z') / 1000;
    expect(parseDateRange('2026-02-01')).toEqual({ from: day, to: day + 86_400 });
    expect(parseDateRange('>=2026-02-01')).toEqual({ from: day, to: Infinity });
    expect(parseDateRange('<2026-02-01')).toEqual({ from: -Infinity, to: day });
    expect(parseDateRange('2026-02-01..2026-02-10')).toEqual({ from: day, to: day + 10 * 86_400 });
    expect(parseDateRange('2026-02-01..*')).toEqual({ from: day, to: Infinity });
    expect(parseDateRange('yesterday')).toBeNull();
  });
});

describe('a live run on the fake clock', () => {
  it('starts a job, completes its steps one by one, completes it; each change moves the ETags of what changed only', async () => {
    const live = h.github.startLiveRun({ stepMs: 60_000 });
    const repo = 'octo-org/public-app';
    const [buildId, testId] = live.jobIds as [number, number];
    const snapshot = async () => {
      const run = await get(runPath(repo, live.runId));
      const build = await get(`/repos/${repo}/actions/jobs/${buildId}`);
      const test = await get(`/repos/${repo}/actions/jobs/${testId}`);
      const other = await get(runPath(repo, KNOWN.jobRunId));
      return { run, build, test, other, status: (run.json() as WorkflowRunJson).status };
    };
    const before = await snapshot();
    expect(before.status).toBe('queued');
    const seen: string[] = [before.status ?? ''];
    let previous = before;
    for (let change = 0; change < live.changeTimes.length; change++) {
      // Unchanged between ticks: conditional requests answer 304.
      expect((await get(runPath(repo, live.runId), { etag: previous.run.etag })).status).toBe(304);
      h.github.clock.advance(60_000);
      const next = await snapshot();
      const jobChanged = change < live.changeTimes.length / 2 ? 'build' : 'test';
      const sibling = jobChanged === 'build' ? 'test' : 'build';
      expect(next[jobChanged].etag, `change ${change}`).not.toBe(previous[jobChanged].etag);
      expect(next[sibling].etag, `change ${change}`).toBe(previous[sibling].etag);
      expect(next.other.etag).toBe(previous.other.etag);
      if (next.status !== seen.at(-1)) seen.push(next.status ?? '');
      previous = next;
    }
    expect(seen).toEqual(['queued', 'in_progress', 'completed']);
    expect(live.completed).toBe(true);
    const run = previous.run.json() as WorkflowRunJson;
    expect(run.conclusion).toBe('success');
    const stepStates = (previous.test.json() as Job).steps?.map((step) => step.conclusion);
    expect(stepStates?.every((c) => c === 'success')).toBe(true);
  });

  it("moves the run's ETag when a job starts or completes, not when a step inside a job completes", async () => {
    const live = h.github.startLiveRun({ stepMs: 60_000 });
    const path = runPath('octo-org/public-app', live.runId);
    const etags = [(await get(path)).etag];
    for (let change = 0; change < live.changeTimes.length; change++) {
      h.github.clock.advance(60_000);
      etags.push((await get(path)).etag);
    }
    const moves = etags.slice(1).map((etag, index) => etag !== etags[index]);
    // Per job: it starts (moves), its steps complete (still), its last step completes the job (moves).
    const perJob = live.changeTimes.length / 2;
    const expected = Array.from({ length: live.changeTimes.length }, (_, index) => index % perJob === 0 || index % perJob === perJob - 1);
    expect(moves).toEqual(expected);
  });
});
