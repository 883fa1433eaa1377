import { createYoga } from 'graphql-yoga';
import type { Dispatcher } from 'undici';
import type { Config } from './config.ts';
import { createContextFactory } from './context.ts';
import { maskError } from './errors.ts';
import { createGitHubClient, type GitHubClient } from './github/client.ts';
import { schema } from './schema/index.ts';

export interface AppOptions {
  config: Config;
  /** The one undici dispatcher for GitHub; injected, never set globally. */
  dispatcher: Dispatcher;
  /** Tests may hand in a client built their own way. */
  client?: GitHubClient;
}

export const DEFAULT_QUERY = /* GraphQL */ `# A run's jobs with their steps. Put your token in the Headers tab:
# { "Authorization": "Bearer <token>" }
query RunJobs {
  workflowRun(owner: "octo-org", repo: "public-app", runId: 30433642101) {
    jobs(first: 10) {
      totalCount
      nodes { name status conclusion duration steps { number name status conclusion } }
      pageInfo { hasNextPage endCursor }
    }
  }
  rateLimit { remaining resetAt }
}
`;

/** Builds the Yoga app; no side effects at import, nothing listens until server.ts says so. */
export function createApp({ config, dispatcher, client }: AppOptions) {
  const github =
    client ??
    createGitHubClient({
      baseUrl: config.githubApiUrl,
      apiVersion: config.githubApiVersion,
      userAgent: config.userAgent,
      dispatcher,
    });
  return createYoga({
    schema,
    context: createContextFactory({ config, client: github }),
    maskedErrors: { maskError },
    graphiql: config.graphiql ? { title: 'actions-jobs-gateway: GitHub Actions jobs as GraphQL', defaultQuery: DEFAULT_QUERY, isHeadersEditorEnabled: true, defaultEditorToolsVisibility: 'headers' } : false,
    landingPage: false,
  });
}
