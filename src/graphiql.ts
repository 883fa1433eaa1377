/**
 * What GraphiQL opens with. Under `npm start` it talks to a real GitHub the gateway knows nothing about, so it
 * opens on a template: a query with placeholders and a header with a placeholder token. The demo
 * (src/demo.ts) hands in a query over its own data and its sample token instead, so there Run just works.
 */
export const TEMPLATE_QUERY = /* GraphQL */ `# A workflow run's jobs with their steps. To run it:
# 1. Headers tab (below): put your GitHub token in place of <your GitHub token>.
# 2. Replace OWNER, REPO and 0: a repository your token can read and one of its runs (the
#    number in https://github.com/OWNER/REPO/actions/runs/<run id>).
query RunJobs {
  workflowRun(owner: "OWNER", repo: "REPO", runId: 0) {
    jobs(first: 10) {
      totalCount
      nodes { name status conclusion duration steps { number name status conclusion } }
      pageInfo { hasNextPage endCursor }
    }
  }
  rateLimit { remaining resetAt }
}
`;

export const TEMPLATE_HEADERS: Record<string, string> = { Authorization: 'Bearer <your GitHub token>' };

export interface GraphiQLStart {
  query?: string;
  headers?: Record<string, string>;
}

/** Yoga's `graphiql` options: our title, the start query and headers, the headers editor open and not persisted. */
export function graphiqlOptions({ query = TEMPLATE_QUERY, headers = TEMPLATE_HEADERS }: GraphiQLStart = {}) {
  return {
    title: 'actions-jobs-gateway: GitHub Actions jobs as GraphQL',
    defaultQuery: query,
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: 'headers' as const,
    headers: JSON.stringify(headers, null, 2),
    // A token typed into the headers editor must not outlive the tab in localStorage.
    shouldPersistHeaders: false,
  };
}
