import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';

/**
 * Apollo's own composition and query planner (what Rover, GraphOS and Apollo Router run) over
 * schema/subgraph.graphql and a second Relay-style subgraph with its own Node and shareable PageInfo,
 * as almost every Relay subgraph has.
 */
const ours = readFileSync(new URL('../schema/subgraph.graphql', import.meta.url), 'utf8');

const DEPLOYMENTS = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])

  scalar BigInt

  interface Node { id: ID! }

  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type Query {
    deployments(first: Int, after: String): DeploymentConnection!
  }

  type DeploymentConnection { pageInfo: PageInfo! edges: [DeploymentEdge!]! }
  type DeploymentEdge { cursor: String! node: Deployment! }

  type Deployment implements Node @key(fields: "id") {
    id: ID!
    environment: String!
    "The run that deployed it: a reference the actions-jobs subgraph resolves."
    run: WorkflowRun!
  }

  type WorkflowRun @key(fields: "owner repo databaseId", resolvable: false) {
    owner: String!
    repo: String!
    databaseId: BigInt!
  }
`;

function compose(actionsJobsSdl: string) {
  return composeServices([
    { name: 'actions-jobs', url: 'http://actions-jobs.test/graphql', typeDefs: parse(actionsJobsSdl) },
    { name: 'deployments', url: 'http://deployments.test/graphql', typeDefs: parse(DEPLOYMENTS) },
  ]);
}

/** Every fetch of a plan, in order. */
function fetches(node: PlanNode | undefined, out: FetchNode[] = []): FetchNode[] {
  if (!node) return out;
  if (node.kind === 'Fetch') out.push(node);
  else if (node.kind === 'Flatten') fetches(node.node, out);
  else if (node.kind === 'Sequence' || node.kind === 'Parallel') for (const child of node.nodes) fetches(child, out);
  return out;
}

describe('Apollo composition and query planning beside another Relay subgraph', () => {
  it('composes schema/subgraph.graphql with a subgraph that has its own Node and @shareable PageInfo', () => {
    const result = compose(ours);
    expect(result.errors?.map((error) => error.message)).toBeUndefined();
    expect(result.supergraphSdl).toMatch(/type PageInfo\s+@join__type\(graph: ACTIONS_JOBS\)\s+@join__type\(graph: DEPLOYMENTS\)/);
  });

  it('fails with INVALID_FIELD_SHARING when our PageInfo is not @shareable (what this guards)', () => {
    const unshared = ours.replace(/type PageInfo\s+@shareable\s*\{/, 'type PageInfo {');
    expect(unshared).not.toBe(ours);
    const result = compose(unshared);
    expect(result.errors?.map((error) => (error.extensions as { code?: string }).code)).toContain('INVALID_FIELD_SHARING');
  });

  it('plans a query across both: deployments first, then their runs’ jobs from actions-jobs through _entities', () => {
    const { supergraphSdl } = compose(ours);
    const supergraph = Supergraph.build(supergraphSdl!);
    const planner = new QueryPlanner(supergraph);
    const operation = operationFromDocument(
      supergraph.schema,
      parse(/* GraphQL */ `
        query DeploysWithJobs {
          deployments(first: 5) {
            pageInfo { hasNextPage endCursor }
            edges { node { environment run { databaseId jobs(first: 10) { pageInfo { hasNextPage endCursor } edges { node { name conclusion } } } } } }
          }
        }
      `),
      { validate: true },
    );
    const plan = planner.buildQueryPlan(operation);
    const [first, second, ...rest] = fetches(plan.node as PlanNode | undefined);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ serviceName: 'deployments' });
    // The planner prints compactly; graphql's printer makes the operations readable for the matchers.
    const [deployments, entities] = [first!, second!].map((fetch) => print(parse(fetch.operation)));
    expect(deployments).toMatch(/deployments\(first: 5\)[^]*run \{\s+__typename\s+owner\s+repo\s+databaseId\s+\}/);
    expect(second).toMatchObject({ serviceName: 'actions-jobs' });
    expect(entities).toMatch(/_entities\(representations: \$representations\)/);
    expect(entities).toMatch(/\.\.\. on WorkflowRun \{\s+jobs\(first: 10\) \{[^]*edges \{\s+node \{\s+name\s+conclusion/);
    // The reference carries the key the deployments subgraph knows.
    expect(JSON.stringify(second!.requires)).toMatch(/"owner".*"repo".*"databaseId"/);
  });
});
