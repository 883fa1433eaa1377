import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunJobsPageDocument, type RunJobsPageQuery } from '../schema/generated/graphql.ts';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { startAppOnFakeGitHub, type AppOnFakeGitHub } from './support/app-fetch.ts';

/**
 * Apollo Client as a frontend developer sets it up for a Relay-style API: InMemoryCache with the standard
 * relayStylePagination() type policy on WorkflowRun.jobs (the README's), the shipped RunJobsPage document,
 * "load more" with fetchMore until the end.
 */
let app: AppOnFakeGitHub;
beforeAll(async () => {
  app = await startAppOnFakeGitHub();
});
afterAll(() => app.close());

function apolloClient() {
  return new ApolloClient({
    link: new HttpLink({ uri: app.url, fetch: app.fetch, headers: { authorization: `Bearer ${TOKENS.full}` } }),
    cache: new InMemoryCache({
      // One list per run and filter/attempt; first/after only page through it.
      typePolicies: { WorkflowRun: { fields: { jobs: relayStylePagination(['filter', 'attempt']) } } },
    }),
  });
}

describe('Apollo Client InMemoryCache + relayStylePagination', () => {
  it('pages the 260-job run to the end with fetchMore and keeps all 260 jobs, in order', async () => {
    const client = apolloClient();
    const variables = { owner: 'octo-org', repo: 'monorepo', runId: KNOWN.bigRunId, first: 100 };
    const query = client.watchQuery({ query: RunJobsPageDocument, variables });
    const subscription = query.subscribe(() => undefined);
    try {
      let page = (await client.query({ query: RunJobsPageDocument, variables })).data as RunJobsPageQuery;
      let pages = 1;
      while (page.workflowRun.jobs!.pageInfo.hasNextPage && pages < 10) {
        page = (await query.fetchMore({ variables: { after: page.workflowRun.jobs!.pageInfo.endCursor } })).data as RunJobsPageQuery;
        pages++;
      }
      // What the list component renders: the cache's merged list for the original variables.
      const data = client.readQuery({ query: RunJobsPageDocument, variables })!;
      const jobs = data.workflowRun.jobs!;
      expect(pages).toBe(3);
      expect(jobs.totalCount).toBe(KNOWN.bigRunJobCount);
      expect(jobs.edges).toHaveLength(KNOWN.bigRunJobCount);
      expect(jobs.edges.map((edge) => edge.node.databaseId)).toEqual(app.github.dataset.jobsOfRun(KNOWN.bigRunId, 'latest')!.map((job) => job.id));
      expect(jobs.pageInfo.hasNextPage).toBe(false);
    } finally {
      subscription.unsubscribe();
      client.stop();
    }
  });
});
