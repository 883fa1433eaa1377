import { KNOWN } from '../../fake-github/index.ts';

/**
 * Variables that make each shipped query in schema/operations/ run against the fake GitHub's data (the
 * 260-job run, the failed job, the repository with 300+ runs). A new operation is added here; the client
 * and cost tests fail until it is.
 */
export const SHIPPED_QUERY_VARIABLES: Record<string, Record<string, unknown>> = {
  RunJobsPage: { owner: 'octo-org', repo: 'monorepo', runId: KNOWN.bigRunId, first: 100 },
  JobDetails: { owner: 'octo-org', repo: 'public-app', jobId: KNOWN.jobId },
  JobFailures: { owner: 'octo-org', repo: 'public-app', jobId: KNOWN.jobId },
  RateLimit: {},
  RecentRuns: { owner: 'octo-org', repo: 'monorepo', first: 20 },
};
