// The cost limit counts the REST calls of workflowRuns, WorkflowRun's own fields and subscriptions:
// each estimate is checked against the calls the gateway really makes (CACHE_MAX_AGE=off: every call
// reaches the fake GitHub).
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { estimateCost } from '../src/plugins/cost-estimate.ts';
import { subgraphSchema } from '../src/schema/index.ts';
import { useGatewayOnFakeGitHub } from './support/harness.ts';

const estimate = (query: string) => estimateCost({ schema: subgraphSchema, document: parse(query), limits: { maxConnectionSize: 500, maxLogBytes: 10 * 1024 * 1024, maxRequestLogBytes: 32 * 1024 * 1024 } }).calls;

const RUN = `workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.rerunRunId})`;
const RUNS = (args: string) => `workflowRuns(owner: "octo-org", repo: "monorepo"${args})`;
const JOB = (jobId: number) => `job(owner: "octo-org", repo: "public-app", jobId: ${jobId})`;

const h = useGatewayOnFakeGitHub({ CACHE_MAX_AGE: 'off' });

describe('estimated REST calls of runs, equal to the calls made', () => {
  it.each([
    ['a run handle and its jobs: no run object', `{ ${RUN} { databaseId jobs { totalCount } } }`, 1],
    ['run fields: one GET …/runs/{run_id}, however many', `{ ${RUN} { name status actor { login } conclusion } }`, 1],
    ['run fields and jobs', `{ ${RUN} { name jobs { totalCount } } }`, 2],
    ['the same run twice (aliases) is one GET', `{ a: ${RUN} { name } b: ${RUN} { status } }`, 1],
    ['Job.run fields: the job, then its run', `{ ${JOB(KNOWN.jobId)} { run { name status } } }`, 2],
    ['a list of 30: one page, fields free', `{ ${RUNS('')} { nodes { name status actor { login } } } }`, 1],
    ['first: 150: two pages', `{ ${RUNS(', first: 150')} { totalCount } }`, 2],
    ['last: 10: page 1 for the total, then the tail', `{ ${RUNS(', last: 10')} { totalCount } }`, 2],
    ['two windows of one filtered list are planned together', `{ a: ${RUNS(', branch: "main", first: 10')} { totalCount } b: ${RUNS(', branch: "main", first: 20')} { totalCount } }`, 1],
    ['two filters are two lists', `{ a: ${RUNS(', branch: "main"')} { totalCount } b: ${RUNS(', event: "push"')} { totalCount } }`, 2],
    ['listed runs with their jobs: one page per run', `{ ${RUNS(', first: 3')} { nodes { jobs { totalCount } } } }`, 4],
  ])('%s: %i', async (_name, query, calls) => {
    expect(estimate(query)).toBe(calls);
    const { body } = await h.gateway.query(query, { token: TOKENS.full });
    expect(body.errors).toBeUndefined();
    expect(h.github.requests.filter((request) => request.path !== '/rate_limit')).toHaveLength(calls);
  });

  it('counts one poll of a subscription: the run (always read), then what the selection adds', () => {
    const subscription = (selection: string) => `subscription { workflowRun(owner: "octo-org", repo: "public-app", runId: 1) { ${selection} } }`;
    expect(estimate(subscription('databaseId'))).toBe(1);
    expect(estimate(subscription('status name'))).toBe(1);
    expect(estimate(subscription('status jobs(first: 500) { totalCount }'))).toBe(6);
    expect(estimate(`subscription { job(owner: "o", repo: "r", jobId: 1) { status run { name } } }`)).toBe(2);
    expect(estimate(subscription('jobs(first: 100) { nodes { logs { sizeBytes } } }'))).toBe(102);
  });
});
