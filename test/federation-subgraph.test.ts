import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { useAppOnFakeGitHub } from './support/harness.ts';

const committed = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const globalId = (typename: string, owner: string, repo: string, id: number) => Buffer.from(`${typename}:${owner}/${repo}/${id}`).toString('base64url');

const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Job { id databaseId name owner repo }
      ... on WorkflowRun { id databaseId owner repo }
    }
  }
`;

const h = useAppOnFakeGitHub();


const jobCalls = () => h.github.requests.filter((r) => r.path.includes('/actions/'));

describe('the federation subgraph served at /graphql', () => {
  it('answers _service { sdl } with exactly the committed schema/subgraph.graphql (both @keys on Job and WorkflowRun)', async () => {
    const { body } = await h.gateway.query('{ _service { sdl } }');
    const sdl = body.data?._service.sdl as string;
    expect(sdl).toBe(committed('schema/subgraph.graphql'));
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])');
    for (const type of ['Job', 'WorkflowRun']) {
      expect(sdl).toMatch(new RegExp(`type ${type} implements Node\\s+@key\\(fields: "id"\\)\\s+@key\\(fields: "owner repo databaseId"\\)`));
    }
  });

  it('keeps schema/schema.graphql the clean client contract: no _service, _entities, _Any or @key', () => {
    expect(committed('schema/schema.graphql')).not.toMatch(/_service|_entities|_Any|@key|@link/);
  });

  it('resolves a WorkflowRun reference by owner/repo/databaseId and by id without any REST call', async () => {
    const representations = [
      { __typename: 'WorkflowRun', owner: 'octo-org', repo: 'public-app', databaseId: KNOWN.jobRunId },
      { __typename: 'WorkflowRun', owner: 'octo-org', repo: 'public-app', databaseId: String(KNOWN.rerunRunId) },
      { __typename: 'WorkflowRun', id: globalId('WorkflowRun', 'octo-org', 'monorepo', KNOWN.bigRunId) },
    ];
    const { body } = await h.gateway.query(ENTITIES, { variables: { representations } });

    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([
      { __typename: 'WorkflowRun', id: globalId('WorkflowRun', 'octo-org', 'public-app', KNOWN.jobRunId), databaseId: KNOWN.jobRunId, owner: 'octo-org', repo: 'public-app' },
      expect.objectContaining({ databaseId: KNOWN.rerunRunId }),
      expect.objectContaining({ databaseId: KNOWN.bigRunId, repo: 'monorepo' }),
    ]);
    expect(jobCalls()).toEqual([]);
  });

  it('resolves Job references by either key through the per-request loader: one GET …/actions/jobs/{job_id} per distinct job', async () => {
    const representations = [
      { __typename: 'Job', id: globalId('Job', 'octo-org', 'public-app', KNOWN.jobId) },
      { __typename: 'Job', owner: 'octo-org', repo: 'public-app', databaseId: KNOWN.jobId },
      { __typename: 'Job', owner: 'Octo-Org', repo: 'Public-App', databaseId: String(KNOWN.jobId) },
      { __typename: 'Job', owner: 'octo-org', repo: 'public-app', databaseId: KNOWN.crlfLogJobId },
    ];
    const { body } = await h.gateway.query(ENTITIES, { variables: { representations }, token: TOKENS.full });

    expect(body.errors).toBeUndefined();
    const entities = body.data?._entities as Array<{ databaseId: number; name: string }>;
    expect(entities.map((job) => job.databaseId)).toEqual([KNOWN.jobId, KNOWN.jobId, KNOWN.jobId, KNOWN.crlfLogJobId]);
    expect(entities[0]?.name).toBe(h.github.dataset.getJob(KNOWN.jobId)?.name);
    expect(jobCalls().map((r) => r.path).sort()).toEqual([
      `/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`,
      `/repos/octo-org/public-app/actions/jobs/${KNOWN.crlfLogJobId}`,
    ]);
    expect(jobCalls().every((r) => r.token === TOKENS.full)).toBe(true);
  });

  it('fails a bad representation in its own _entities entry with BAD_USER_INPUT, before any REST call', async () => {
    const representations = [
      { __typename: 'WorkflowRun', owner: 'octo-org', repo: 'public-app', databaseId: KNOWN.jobRunId },
      { __typename: 'Job', owner: '..', repo: 'public-app', databaseId: KNOWN.jobId },
      { __typename: 'Job', owner: 'octo-org', repo: 'public-app/../x', databaseId: KNOWN.jobId },
      { __typename: 'Job', owner: 'octo-org', repo: 'public-app', databaseId: -1 },
      { __typename: 'Job', owner: 'octo-org', repo: 'public-app', databaseId: '1e11' },
      { __typename: 'Job', id: globalId('WorkflowRun', 'octo-org', 'public-app', KNOWN.jobRunId) },
      { __typename: 'WorkflowRun', id: 'not-a-node-id' },
    ];
    const { body } = await h.gateway.query(ENTITIES, { variables: { representations } });

    const entities = body.data?._entities as unknown[];
    expect(entities[0]).toMatchObject({ databaseId: KNOWN.jobRunId });
    expect(entities.slice(1)).toEqual([null, null, null, null, null, null]);
    expect(body.errors?.map((error) => error.path?.[1]).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(body.errors?.every((error) => error.extensions?.code === 'BAD_USER_INPUT')).toBe(true);
    expect(jobCalls()).toEqual([]);
  });

  it('fails an entry whose __typename is not an entity (reserved names, other types, null) with BAD_USER_INPUT; the others resolve', async () => {
    const good = { __typename: 'WorkflowRun', owner: 'octo-org', repo: 'public-app', databaseId: KNOWN.jobRunId };
    const bad = ['__proto__', 'constructor', 'toString', null, 'Query', 'Node', 'Step'].map((__typename) => ({ __typename, owner: 'octo-org', repo: 'public-app', databaseId: KNOWN.jobId }));
    const { body } = await h.gateway.query(ENTITIES, { variables: { representations: [good, ...bad, good] } });

    const entities = body.data?._entities as unknown[];
    expect(entities[0]).toMatchObject({ databaseId: KNOWN.jobRunId });
    expect(entities[8]).toMatchObject({ databaseId: KNOWN.jobRunId });
    expect(entities.slice(1, 8)).toEqual(Array(7).fill(null));
    expect(body.errors?.map((error) => [error.path?.[1], error.extensions?.code])).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => [i, 'BAD_USER_INPUT']));
  });
});
