import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederation, type RunningFederation } from '../scripts/federation.ts';
import { startDemo, type RunningDemo } from '../src/demo.ts';
import { KNOWN } from '../fake-github/index.ts';
import { startRepositoriesSubgraph, type RunningSubgraph } from './support/repositories-subgraph.ts';
import { createDataset } from '../fake-github/dataset.ts';

/**
 * The README's federation quick start, as printed: `npm run demo`, then `npm run federation` (Hive Gateway
 * with its defaults, Authorization forwarded to this subgraph), here with a second subgraph named on the
 * command line. Also pins down what Hive Gateway does with this subgraph's errors by default.
 */
let demo: RunningDemo;
let repositories: RunningSubgraph;
let federation: RunningFederation;
beforeAll(async () => {
  demo = await startDemo({ port: 0 });
  repositories = await startRepositoriesSubgraph(createDataset());
  federation = await startFederation({ subgraphs: { 'actions-jobs': demo.graphqlUrl, repositories: repositories.url }, port: 0, supergraphPath: null });
});
afterAll(async () => {
  await federation?.close();
  await repositories?.close();
  await demo?.close();
});

async function ask(query: string, token: string | null = demo.token) {
  const response = await request(federation.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await response.body.json()) as { data?: any; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

describe('npm run federation (Hive Gateway over the demo)', () => {
  it('answers a query across both subgraphs with the caller’s token', async () => {
    const body = await ask(`{ repository(owner: "octo-org", name: "private-api") { fullName latestRun { databaseId jobs(first: 5) { totalCount nodes { name } } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.repository.latestRun).toMatchObject({ databaseId: KNOWN.privateRunId });
    expect(body.data.repository.latestRun.jobs.totalCount).toBeGreaterThan(0);
  });

  it('passes this subgraph’s errors through with their message and code by default (NOT_FOUND, BAD_USER_INPUT)', async () => {
    const body = await ask(`{ missing: job(owner: "octo-org", repo: "public-app", jobId: 1) { name } bad: workflowRun(owner: "-bad-", repo: "x", runId: 1) { databaseId } }`);
    expect(body.errors?.map(({ message, path, extensions }) => ({ message, path, code: extensions?.code, serviceName: extensions?.serviceName }))).toEqual([
      { message: 'Not found on GitHub (or not visible to this credential)', path: ['missing'], code: 'NOT_FOUND', serviceName: 'actions-jobs' },
      { message: '`owner` is not a valid GitHub account name', path: ['bad'], code: 'BAD_USER_INPUT', serviceName: 'actions-jobs' },
    ]);
  });

  it('without the caller’s token the private repository’s run is NOT_FOUND (nothing but Authorization is forwarded)', async () => {
    const body = await ask(`{ repository(owner: "octo-org", name: "private-api") { latestRun { jobs(first: 1) { totalCount } } } }`, null);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(body.data.repository.latestRun.jobs).toBeNull();
  });

  it('masks what fails inside the gateway itself: a subgraph it cannot reach (last: it stops the repositories subgraph)', async () => {
    await repositories.close();
    const body = await ask('{ repositories { fullName } }');
    expect(body.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code }))).toEqual([{ message: 'Unexpected error.', code: 'INTERNAL_SERVER_ERROR' }]);
    expect(JSON.stringify(body)).not.toContain(new URL(repositories.url).port);
  });
});
