// A second federation subgraph for the composition and gateway tests: a tiny "repositories" service
// that knows repositories and the id of each one's latest run, and hands our gateway a WorkflowRun
// reference by its `owner repo databaseId` key. Built the way most teams build one: typeDefs with
// @apollo/subgraph's buildSubgraphSchema, served by Yoga on 127.0.0.1 (port 0).
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KNOWN, type Dataset } from '../../fake-github/dataset.ts';

export const REPOSITORIES_TYPE_DEFS = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  scalar BigInt

  type Query {
    repository(owner: String!, name: String!): Repository
    repositories: [Repository!]!
  }

  type Repository @key(fields: "owner name") {
    owner: String!
    name: String!
    fullName: String!
    isPrivate: Boolean!
    "The repository's latest workflow run: a reference the actions-jobs subgraph resolves."
    latestRun: WorkflowRun
  }

  "Owned by the actions-jobs subgraph; this service only knows its key."
  type WorkflowRun @key(fields: "owner repo databaseId", resolvable: false) {
    owner: String!
    repo: String!
    databaseId: BigInt!
  }
`;

interface RepositoryModel {
  owner: string;
  name: string;
  fullName: string;
  isPrivate: boolean;
  latestRunId: number | null;
}

/** Which run counts as "latest" per repository: well-known runs, so tests can predict the jobs. */
const LATEST_RUN: Record<string, number> = {
  'octo-org/public-app': KNOWN.jobRunId,
  'octo-org/private-api': KNOWN.privateRunId,
  'octo-org/monorepo': KNOWN.bigRunId,
};

export function repositoriesSchema(dataset: Dataset) {
  const repositories: RepositoryModel[] = dataset.repos.map((repo) => ({
    owner: repo.owner,
    name: repo.name,
    fullName: repo.fullName,
    isPrivate: repo.private,
    latestRunId: LATEST_RUN[repo.fullName] ?? null,
  }));
  const find = (owner: string, name: string) => repositories.find((repo) => repo.fullName.toLowerCase() === `${owner}/${name}`.toLowerCase());
  return buildSubgraphSchema({
    typeDefs: parse(REPOSITORIES_TYPE_DEFS),
    resolvers: {
      Query: {
        repository: (_root: unknown, args: { owner: string; name: string }) => find(args.owner, args.name) ?? null,
        repositories: () => repositories,
      },
      Repository: {
        __resolveReference: (ref: { owner: string; name: string }) => find(ref.owner, ref.name) ?? null,
        latestRun: (repo: RepositoryModel) =>
          repo.latestRunId === null ? null : { __typename: 'WorkflowRun', owner: repo.owner, repo: repo.name, databaseId: repo.latestRunId },
      },
    } as never,
  });
}

export interface RunningSubgraph {
  /** `http://127.0.0.1:PORT/graphql` */
  url: string;
  close(): Promise<void>;
}

export async function startRepositoriesSubgraph(dataset: Dataset): Promise<RunningSubgraph> {
  const yoga = createYoga({ schema: repositoriesSchema(dataset), graphiql: false, landingPage: false, logging: false });
  const server: Server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
