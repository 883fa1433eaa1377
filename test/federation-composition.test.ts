import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { REPOSITORIES_TYPE_DEFS } from './support/repositories-subgraph.ts';
import { composeSupergraph } from './support/supergraph.ts';

const committedSubgraphSdl = readFileSync(new URL('../schema/subgraph.graphql', import.meta.url), 'utf8');

describe('federation composition (@theguild/federation-composition)', () => {
  it('composes schema/subgraph.graphql with a repositories subgraph that references WorkflowRun by owner/repo/databaseId', () => {
    const { supergraphSdl, publicSdl } = composeSupergraph([
      { name: 'actions-jobs', url: 'http://127.0.0.1:1/graphql', sdl: committedSubgraphSdl },
      { name: 'repositories', url: 'http://127.0.0.1:2/graphql', sdl: REPOSITORIES_TYPE_DEFS },
    ]);

    // Both keys of both entities are in the supergraph, owned by our subgraph.
    expect(supergraphSdl).toMatch(/type Job implements Node[^{]*@join__type\(graph: ACTIONS_JOBS, key: "id"\)/);
    expect(supergraphSdl).toMatch(/type Job implements Node[^{]*@join__type\(graph: ACTIONS_JOBS, key: "owner repo databaseId"\)/);
    expect(supergraphSdl).toMatch(/type WorkflowRun[^{]*@join__type\(graph: REPOSITORIES, key: "owner repo databaseId", resolvable: false\)/);

    // A client of the composed graph can walk from a repository to its latest run's jobs and steps.
    const api = buildSchema(publicSdl);
    const run = api.getType('WorkflowRun') as import('graphql').GraphQLObjectType;
    expect(Object.keys(run.getFields())).toEqual(expect.arrayContaining(['databaseId', 'owner', 'repo', 'jobs']));
    const repository = api.getType('Repository') as import('graphql').GraphQLObjectType;
    expect(String(repository.getFields().latestRun?.type)).toBe('WorkflowRun');
    expect(Object.keys(api.getQueryType()!.getFields())).toEqual(
      expect.arrayContaining(['repository', 'repositories', 'workflowRun', 'job', 'node', 'rateLimit']),
    );
    // Federation internals stay out of the public API.
    expect(publicSdl).not.toMatch(/_entities|_service|@key/);
  });

  it('fails on a composition error (a conflicting field type in the other subgraph)', () => {
    const conflicting = REPOSITORIES_TYPE_DEFS.replace('databaseId: BigInt!', 'databaseId: String!');
    expect(() =>
      composeSupergraph([
        { name: 'actions-jobs', url: 'http://127.0.0.1:1/graphql', sdl: committedSubgraphSdl },
        { name: 'repositories', url: 'http://127.0.0.1:2/graphql', sdl: conflicting },
      ]),
    ).toThrow(/composition failed/);
  });
});
