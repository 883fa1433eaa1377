import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { startAppOnFakeGitHub, type AppOnFakeGitHub } from './support/app-fetch.ts';

/**
 * Relay's compiler (the binary its npm package ships) against schema/schema.graphql: a @refetchable fragment
 * on Job (refetched through Query.node) and a @connection fragment on WorkflowRun.jobs (paged through
 * node(id:) with first/after). The queries it generates then run against the gateway.
 */
const schemaPath = fileURLToPath(new URL('../schema/schema.graphql', import.meta.url));
const relayBinary = createRequire(import.meta.url)('relay-compiler') as string | null;

const FRAGMENTS = /* TypeScript */ `
import { graphql } from 'relay-runtime';

export const jobCard = graphql\`
  fragment JobCard_job on Job @refetchable(queryName: "JobCardRefetchQuery") {
    id
    name
    status
    conclusion
  }
\`;

export const runJobs = graphql\`
  fragment RunJobs_run on WorkflowRun
  @refetchable(queryName: "RunJobsPaginationQuery")
  @argumentDefinitions(first: { type: "Int", defaultValue: 100 }, after: { type: "String" }) {
    jobs(first: $first, after: $after) @connection(key: "RunJobs_jobs") {
      totalCount
      edges { node { id ...JobCard_job } }
    }
  }
\`;
`;

let project: string;
let app: AppOnFakeGitHub;
beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'relay-'));
  mkdirSync(join(project, 'src', '__generated__'), { recursive: true });
  writeFileSync(join(project, 'relay.config.json'), JSON.stringify({ src: './src', schema: schemaPath, language: 'typescript', artifactDirectory: './src/__generated__' }));
  writeFileSync(join(project, 'src', 'Jobs.ts'), FRAGMENTS);
  app = await startAppOnFakeGitHub();
});
afterAll(async () => {
  rmSync(project, { recursive: true, force: true });
  await app.close();
});

/** The operation text of a generated query artifact. */
const operationText = (name: string) => {
  const artifact = readFileSync(join(project, 'src', '__generated__', `${name}.graphql.ts`), 'utf8');
  return JSON.parse(/"text": ("(?:[^"\\]|\\.)*")/.exec(artifact)![1]!) as string;
};

async function run(query: string, variables: Record<string, unknown>) {
  const response = await app.fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('relay-compiler against schema/schema.graphql', () => {
  it('compiles a @refetchable fragment on Job and a @connection fragment on WorkflowRun.jobs', () => {
    expect(relayBinary).toBeTruthy();
    const output = execFileSync(relayBinary!, [], { cwd: project, encoding: 'utf8' });
    expect(output).toMatch(/Compilation completed/);
    expect(operationText('JobCardRefetchQuery')).toMatch(/node\(id: \$id\)/);
    expect(operationText('RunJobsPaginationQuery')).toMatch(/jobs\(first: \$first, after: \$after\)/);
  });

  it('runs the generated refetch query for a job through Query.node', async () => {
    const { job } = await run(`{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { id name } }`, {});
    const data = await run(operationText('JobCardRefetchQuery'), { id: job.id });
    expect(data.node).toMatchObject({ __typename: 'Job', id: job.id, name: job.name, conclusion: 'FAILURE' });
  });

  it('pages the 260-job run to the end with the generated pagination query', async () => {
    const { workflowRun } = await run(`{ workflowRun(owner: "octo-org", repo: "monorepo", runId: ${KNOWN.bigRunId}) { id } }`, {});
    const ids: number[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const data = await run(operationText('RunJobsPaginationQuery'), { id: workflowRun.id, first: 100, after });
      const jobs = data.node.jobs;
      expect(jobs.totalCount).toBe(KNOWN.bigRunJobCount);
      ids.push(...jobs.edges.map((edge: { node: { id: string } }) => edge.node.id));
      after = jobs.pageInfo.hasNextPage ? jobs.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(KNOWN.bigRunJobCount);
  });
});
