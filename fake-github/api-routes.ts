// The workflow-jobs and workflow-runs operations and /rate_limit, as pure functions of an already authenticated
// request. fake-github.ts handles the wire (auth, rate limits, ETags, faults) around them.
// Paths are matched on the raw request path: no decoding and no normalisation, so `%2F` in a
// segment, `..`, `//` and a trailing slash all fall through to 404, as on GitHub.
import { matchRoute } from '../src/github/routes.ts';
import type { Dataset, Job, Repo, Run } from './dataset.ts';
import { linkHeader } from './link-header.ts';
import { renderRun, runState } from './run-factory.ts';
import { FILTERED_RESULT_CAP, hasFilters, runFilter } from './run-filters.ts';

export interface RouteContext {
  method: string;
  /** Raw path with any GHES `/api/v3` prefix removed. */
  path: string;
  query: URLSearchParams;
  /** `http://127.0.0.1:PORT` or `http://127.0.0.1:PORT/api/v3`: the base the caller used. */
  apiBase: string;
  /** Where `html_url`s point (the web origin). */
  webBase: string;
  token: string | null;
  canSeePrivate: boolean;
  dataset: Dataset;
  logUrl(jobId: number): string;
  rateLimit(): { limit: number; remaining: number; used: number; reset: number };
}

export type RouteResult =
  | { status: 200; json: unknown; link?: string; free?: boolean }
  | { status: 302; location: string }
  | { status: 403 | 404 | 410; json: unknown };

const DOCS = 'https://docs.github.com/rest/actions/workflow-jobs';

export const notFound = (): RouteResult => ({
  status: 404,
  json: { message: 'Not Found', documentation_url: DOCS, status: '404' },
});

/** The job as the API serves it: URL fields made absolute against the caller's base. */
export function withBaseUrls(job: Job, apiBase: string, webBase: string): Job {
  return {
    ...job,
    run_url: apiBase + job.run_url,
    url: apiBase + job.url,
    html_url: job.html_url === null ? null : webBase + job.html_url,
    check_run_url: apiBase + job.check_run_url,
  };
}

export function routeApi(ctx: RouteContext): RouteResult {
  const { path, dataset } = ctx;
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return notFound();
  // The gateway's own route table (src/github/routes.ts) is the fake's routing too.
  const route = matchRoute(ctx.method, path);
  if (!route) return notFound();
  const { params } = route;

  const visibleRepo = (): Repo | undefined => {
    const repo = params.owner && params.repo ? dataset.findRepo(params.owner, params.repo) : undefined;
    // Private repositories answer 404, not 403, to callers without access.
    return repo && (!repo.private || ctx.canSeePrivate) ? repo : undefined;
  };
  const jobIn = (repo: Repo | undefined): Job | undefined => {
    const job = repo && dataset.getJob(Number(params.job_id));
    return job && dataset.runOfJob(job.id)?.repo === repo ? job : undefined;
  };
  const runIn = (repo: Repo | undefined) => {
    const run = repo && dataset.getRun(Number(params.run_id));
    return run && run.repo === repo ? run : undefined;
  };

  switch (route.operation) {
    case 'getRateLimit':
      return rateLimitBody(ctx);
    case 'getJobForWorkflowRun': {
      const job = jobIn(visibleRepo());
      return job ? { status: 200, json: withBaseUrls(job, ctx.apiBase, ctx.webBase) } : notFound();
    }
    case 'downloadJobLogsForWorkflowRun': {
      const job = jobIn(visibleRepo());
      if (!job) return notFound();
      // Observed: even public-repo logs need a token; GitHub answers anonymous callers like this.
      if (ctx.token === null) return { status: 403, json: { message: 'Must have admin rights to Repository.', documentation_url: DOCS, status: '403' } };
      // Running, queued and waiting jobs have no log yet; neither do jobs skipped before a runner picked them up.
      if (job.status !== 'completed' || job.runner_id === null) return notFound();
      // Observed: after the retention period (90 days by default) the endpoint answers 410.
      if (dataset.logFlavor(job.id) === 'expired') return { status: 410, json: { message: 'Gone', documentation_url: DOCS, status: '410' } };
      return { status: 302, location: ctx.logUrl(job.id) };
    }
    case 'listJobsForWorkflowRun': {
      const run = runIn(visibleRepo());
      if (!run) return notFound();
      // `filter` is `latest` (the default) or `all`; the fake treats any other value as the default.
      return page(ctx, dataset.jobsOfRun(run.id, ctx.query.get('filter') === 'all' ? 'all' : 'latest') ?? []);
    }
    case 'listJobsForWorkflowRunAttempt': {
      const run = runIn(visibleRepo());
      const jobs = run ? dataset.jobsOfRun(run.id, Number(params.attempt_number)) : undefined;
      return jobs ? page(ctx, jobs) : notFound();
    }
    case 'getWorkflowRun': {
      const run = runIn(visibleRepo());
      return run ? { status: 200, json: renderAttempt(ctx, run, run.latestAttempt) } : notFound();
    }
    case 'getWorkflowRunAttempt': {
      const run = runIn(visibleRepo());
      const attempt = Number(params.attempt_number);
      return run && run.jobIdsByAttempt.has(attempt) ? { status: 200, json: renderAttempt(ctx, run, attempt) } : notFound();
    }
    case 'listWorkflowRunsForRepo': {
      const repo = visibleRepo();
      return repo ? runPage(ctx, dataset.runsOf(repo)) : notFound();
    }
    case 'listWorkflowRuns': {
      const repo = visibleRepo();
      // `workflow_id` is the workflow's id or its file name (`ci.yml`).
      const id = params.workflow_id ?? '';
      const workflow = repo && dataset.workflowsOf(repo).find((w) => String(w.id) === id || w.path.split('/').at(-1) === id);
      return repo && workflow ? runPage(ctx, dataset.runsOf(repo).filter((run) => run.meta.workflow.id === workflow.id)) : notFound();
    }
  }
}

function renderAttempt(ctx: RouteContext, run: Run, attempt: number) {
  return renderRun(run, attempt, ctx.dataset.jobsOfRun(run.id, attempt) ?? [], ctx.apiBase, ctx.webBase);
}

/** Newest first, filtered; GitHub caps a filtered list at 1,000 runs. */
function runPage(ctx: RouteContext, runs: Run[]): RouteResult {
  const matches = runFilter(ctx.query);
  const filtered = runs.filter((run) =>
    matches({
      actorLogin: run.meta.actor.login,
      branch: run.headBranch,
      event: run.meta.event,
      headSha: run.headSha,
      checkSuiteId: run.meta.checkSuiteId,
      createdAt: run.createdAt,
      state: runState(ctx.dataset.jobsOfRun(run.id, 'latest') ?? []),
    }),
  );
  const listed = hasFilters(ctx.query) ? filtered.slice(0, FILTERED_RESULT_CAP) : filtered;
  // The `{ total_count, workflow_runs }` envelope of both list operations.
  return page(ctx, listed, 'workflow_runs', (run) => renderAttempt(ctx, run, run.latestAttempt));
}

/** per_page defaults to 30 and is served as 100 above 100; a page past the end is empty but keeps total_count. */
function page<T>(ctx: RouteContext, items: T[], key = 'jobs', render: (item: T) => unknown = (job) => withBaseUrls(job as Job, ctx.apiBase, ctx.webBase)): RouteResult {
  const perPage = Math.min(100, positiveInt(ctx.query.get('per_page')) ?? 30);
  const pageNumber = positiveInt(ctx.query.get('page')) ?? 1;
  const slice = items.slice((pageNumber - 1) * perPage, pageNumber * perPage);
  const lastPage = Math.ceil(items.length / perPage);
  // The `{ total_count, jobs }` (or `workflow_runs`) envelope of the list operations.
  const json = { total_count: items.length, [key]: slice.map(render) };
  const link = linkHeader(ctx.apiBase + ctx.path, ctx.query, pageNumber, lastPage);
  return link ? { status: 200, json, link } : { status: 200, json };
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}

function rateLimitBody(ctx: RouteContext): RouteResult {
  const core = { ...ctx.rateLimit(), resource: 'core' };
  const other = (resource: string, limit: number) => ({ limit, used: 0, remaining: limit, reset: core.reset, resource });
  return {
    status: 200,
    free: true,
    json: {
      resources: { core, search: other('search', 30), graphql: other('graphql', ctx.token ? 5000 : 0) },
      rate: core,
    },
  };
}
