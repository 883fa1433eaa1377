// DATALOADER=false: the baseline the bench compares the loaders with (loaders/naive-loaders.ts). Every field
// asks GitHub on its own: nothing batched, deduped or remembered between fields, but each answer is right.
import { describe, expect, it } from 'vitest';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { useAppOnFakeGitHub } from './support/harness.ts';

const h = useAppOnFakeGitHub({ CACHE: 'false', DATALOADER: 'false', GITHUB_SHARE_IN_FLIGHT: 'false' });

const job = `owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}`;
const apiCalls = () => h.github.requests.map((request) => request.path);

describe('DATALOADER=false', () => {
  it('asks for one job five times over when five fields name it, and again for a job its run’s list already held', async () => {
    const aliases = Array.from({ length: 5 }, (_, i) => `j${i}: job(${job}) { databaseId name }`).join(' ');
    const { body } = await h.gateway.query(`{ ${aliases} run: workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { jobs(first: 100) { totalCount nodes { databaseId } } } }`, { token: TOKENS.full });
    expect(body.errors).toBeUndefined();
    for (let i = 0; i < 5; i++) expect(body.data[`j${i}`].databaseId).toBe(KNOWN.jobId);
    const listed = h.github.dataset.jobsOfRun(KNOWN.jobRunId, 'latest')!.map((listedJob) => listedJob.id);
    expect(body.data.run.jobs).toEqual({ totalCount: listed.length, nodes: listed.map((databaseId) => ({ databaseId })) });
    const jobGets = apiCalls().filter((path) => path.endsWith(`/actions/jobs/${KNOWN.jobId}`));
    expect(jobGets).toHaveLength(5);
    expect(apiCalls()).toHaveLength(6);
  });

  it('still plans the pages of one window: the 260-job run in three pages of 100, and two windows of it fetched twice', async () => {
    h.github.resetRecords();
    const run = `workflowRun(owner: "octo-org", repo: "monorepo", runId: ${KNOWN.bigRunId})`;
    const { body } = await h.gateway.query(`{ a: ${run} { jobs(first: 260) { nodes { databaseId } } } b: ${run} { jobs(first: 10) { nodes { databaseId } } } }`, { token: TOKENS.full });
    expect(body.errors).toBeUndefined();
    const ids = h.github.dataset.jobsOfRun(KNOWN.bigRunId, 'latest')!.map((listedJob) => listedJob.id);
    expect(body.data.a.jobs.nodes.map((node: { databaseId: number }) => node.databaseId)).toEqual(ids);
    expect(body.data.b.jobs.nodes.map((node: { databaseId: number }) => node.databaseId)).toEqual(ids.slice(0, 10));
    // No run fields, so no run GET; the list: 3 pages for `a`, and `b` asks its page again.
    expect(apiCalls().filter((path) => path.includes('/jobs'))).toHaveLength(4);
  });
});
