import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../src/demo.ts';
import { KNOWN } from '../fake-github/index.ts';
import { createDataset } from '../fake-github/dataset.ts';
import { startRepositoriesSubgraph, type RunningSubgraph } from './support/repositories-subgraph.ts';

/**
 * The README's federation quick start, as printed: `npm run demo`, then `npm run federation` (the script,
 * spawned as npm runs it, with a second subgraph named on its command line): Hive Gateway with its
 * defaults, Authorization forwarded to this subgraph. Also pins down what Hive Gateway does with this
 * subgraph's errors by default.
 */
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const script = fileURLToPath(new URL('../scripts/federation.ts', import.meta.url));
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };

let demo: RunningDemo;
let repositories: RunningSubgraph;
let federation: ChildProcess;
let federationUrl: string;
let workdir: string;
beforeAll(async () => {
  expect(packageJson.scripts.federation).toBe('tsx scripts/federation.ts');
  demo = await startDemo({ port: 0 });
  repositories = await startRepositoriesSubgraph(createDataset());
  workdir = mkdtempSync(join(tmpdir(), 'federation-'));
  federation = spawn(tsx, [script, `repositories=${repositories.url}`], {
    cwd: workdir,
    env: { ...process.env, SUBGRAPH_URL: demo.graphqlUrl, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  federation.stdout?.on('data', (chunk: Buffer) => (output += String(chunk)));
  federation.stderr?.on('data', (chunk: Buffer) => (output += String(chunk)));
  federationUrl = await new Promise<string>((resolve, reject) => {
    federation.once('exit', (code) => reject(new Error(`npm run federation exited with ${code}:\n${output}`)));
    const timer = setInterval(() => {
      const match = /Hive Gateway on (http:\/\/\S+\/graphql)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 50);
  });
}, 60_000);
afterAll(async () => {
  if (federation && federation.exitCode === null) {
    const exited = new Promise((resolve) => federation.once('exit', resolve));
    federation.kill('SIGTERM');
    await exited;
  }
  await repositories?.close();
  await demo?.close();
  if (workdir) rmSync(workdir, { recursive: true, force: true });
});

async function ask(query: string, token: string | null = demo.token) {
  const response = await request(federationUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await response.body.json()) as { data?: any; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

describe('npm run federation (Hive Gateway over the demo)', () => {
  it('writes the composed supergraph to supergraph.graphql with both subgraphs', () => {
    const supergraph = readFileSync(join(workdir, 'supergraph.graphql'), 'utf8');
    expect(supergraph).toMatch(/join__graph\(name: "actions-jobs", url: "[^"]+"\)/);
    expect(supergraph).toMatch(/join__graph\(name: "repositories", url: "[^"]+"\)/);
  });

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
