import { describe, expect, it } from 'vitest';
import { planPages } from '../src/plan/pages.ts';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { useAppOnFakeGitHub } from './support/harness.ts';

// Per-request behaviour: the cross-request cache is off so every call shows at the fake.
const h = useAppOnFakeGitHub({ CACHE: 'false' });

const jobQuery = (alias: string, jobId: number) => `${alias}: job(owner: "octo-org", repo: "public-app", jobId: ${jobId}) { databaseId name steps { name } }`;

describe('one GraphQL request never asks GitHub twice for the same thing', () => {
  it('makes exactly the planner\'s minimum of calls for 10 runs with several windows each, asked at once', async () => {
    const runIds = h.github.dataset.publicRunIds().slice(0, 9);
    const windows = [
      { args: 'first: 5', offset: 0, count: 5 },
      { args: 'first: 3, last: 2', offset: 1, count: 2 },
      { args: 'first: 20', offset: 0, count: 20 },
    ];
    const runField = (runId: number, owner: string, repo: string, i: number) =>
      `r${i}: workflowRun(owner: "${owner}", repo: "${repo}", runId: ${runId}) { ${windows.map((w, j) => `w${j}: jobs(${w.args}) { nodes { databaseId } }`).join(' ')} }`;
    const fields = runIds.map((runId, i) => {
      const run = h.github.dataset.getRun(runId)!;
      return runField(runId, run.repo.owner, run.repo.name, i);
    });
    // The 260-job run, with windows whose union needs two canonical pages.
    fields.push(`big: workflowRun(owner: "octo-org", repo: "monorepo", runId: ${KNOWN.bigRunId}) { a: jobs(first: 50) { nodes { databaseId } } b: jobs(first: 60) { nodes { databaseId } } }`);
    const { body } = await h.gateway.query(`{ ${fields.join('\n')} }`, { token: TOKENS.full });
    expect(body.errors).toBeUndefined();
    const minimum = runIds.length * planPages(windows)!.pages.length + planPages([{ offset: 0, count: 60 }])!.pages.length;
    expect(h.github.requests).toHaveLength(minimum);
    // And every window got the right jobs.
    runIds.forEach((runId, i) => {
      const ids = h.github.dataset.jobsOfRun(runId, 'latest')!.map((job) => job.id);
      windows.forEach((w, j) => {
        const got = body.data[`r${i}`][`w${j}`].nodes.map((n: { databaseId: number }) => n.databaseId);
        expect(got).toEqual(ids.slice(w.offset, w.offset + w.count));
      });
    });
  });

  it('asks for a job asked 5 times (aliases) once', async () => {
    const { body } = await h.gateway.query(`{ ${[1, 2, 3, 4, 5].map((i) => jobQuery(`j${i}`, KNOWN.jobId)).join(' ')} }`, { token: TOKENS.full });
    expect(body.errors).toBeUndefined();
    expect(body.data.j5.databaseId).toBe(KNOWN.jobId);
    expect(h.github.requests.map((r) => r.path)).toEqual([`/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`]);
  });

  it('costs at most two calls for a job asked 5 times beside its run\'s list', async () => {
    const { body } = await h.gateway.query(
      `{ ${[1, 2, 3, 4, 5].map((i) => jobQuery(`j${i}`, KNOWN.jobId)).join(' ')}
         run: workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { jobs { nodes { databaseId } } } }`,
      { token: TOKENS.full },
    );
    expect(body.errors).toBeUndefined();
    expect(h.github.requests.length).toBeLessThanOrEqual(2);
  });

  it('resolves nested windows of a listed run from the list already fetched, with no further call', async () => {
    const { body } = await h.gateway.query(
      `{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) {
           jobs { nodes { databaseId run { head: jobs(first: 3) { nodes { databaseId } } tail: jobs(last: 2) { nodes { name } } } } } } }`,
      { token: TOKENS.full },
    );
    expect(body.errors).toBeUndefined();
    expect(h.github.requests.map((r) => r.path)).toEqual([`/repos/octo-org/public-app/actions/runs/${KNOWN.jobRunId}/jobs`]);
  });

  it('never fetches by id a job that a list of the same request already delivered (the by-id loader is primed)', async () => {
    const { body } = await h.gateway.query(
      `{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { jobs { nodes { databaseId } } } }`,
      { token: TOKENS.full, headers: {} },
    );
    expect(body.errors).toBeUndefined();
    // Within one request the by-id loader is consulted after the list arrives when the lookup sits
    // deeper in the query: federation's _entities and node(id:) from a client's cache both do that.
    const ids = body.data.workflowRun.jobs.nodes.map((n: { databaseId: number }) => n.databaseId);
    h.github.resetRecords();
    const nested = await h.gateway.query(
      `{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) {
           jobs { nodes { run { jobs(first: 1) { nodes { databaseId } } } } } }
         ${ids.slice(0, 3).map((id: number, i: number) => jobQuery(`j${i}`, id)).join(' ')} }`,
      { token: TOKENS.full },
    );
    expect(nested.body.errors).toBeUndefined();
    // Siblings race the list once at most (the list is one call; the three by-id lookups batch before
    // it returns); nothing is asked twice.
    const paths = h.github.requests.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('serves a job reached through a list from that list when asked by id one level deeper', async () => {
    const { body } = await h.gateway.query(
      `{ workflowRun(owner: "octo-org", repo: "monorepo", runId: ${KNOWN.bigRunId}) {
           jobs(first: 100) { nodes { databaseId run { jobs(first: 10, after: null) { nodes { databaseId name } } } } } } }`,
      { token: TOKENS.full },
    );
    expect(body.errors).toBeUndefined();
    expect(h.github.requests).toHaveLength(1);
  });

  it('makes no call for workflowRun alone', async () => {
    const { body } = await h.gateway.query(`{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { id databaseId owner repo } }`, { token: TOKENS.full });
    expect(body.data.workflowRun.databaseId).toBe(KNOWN.jobRunId);
    expect(h.github.requests).toHaveLength(0);
  });
});
