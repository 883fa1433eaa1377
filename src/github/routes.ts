/**
 * Every GitHub REST route this gateway speaks, as data: `METHOD /path/{param}` templates keyed by
 * operationId, as Octokit keeps them (@octokit/endpoint). The request path (`expandRoute`), the metrics
 * label (`routeLabel`) and the fake GitHub's routing (`matchRoute`) all derive from this one table, so a
 * route cannot be spelled three ways.
 */
export const ROUTES = {
  getJobForWorkflowRun: 'GET /repos/{owner}/{repo}/actions/jobs/{job_id}',
  downloadJobLogsForWorkflowRun: 'GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs',
  listJobsForWorkflowRun: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
  listJobsForWorkflowRunAttempt: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs',
  listWorkflowRunsForRepo: 'GET /repos/{owner}/{repo}/actions/runs',
  listWorkflowRuns: 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
  getWorkflowRun: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
  getWorkflowRunAttempt: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}',
  getRateLimit: 'GET /rate_limit',
} as const;

export type OperationId = keyof typeof ROUTES;

/** The `{name}` parameters of a template, as a type: `'owner' | 'repo' | 'job_id'`. */
type ParamsOf<T extends string> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamsOf<Rest> : never;
export type RouteParams<O extends OperationId> = Record<ParamsOf<(typeof ROUTES)[O]>, string | number>;

/**
 * What each parameter may look like on the wire. Names follow GitHub's rules (names.ts checks callers'
 * input the same way); `workflow_id` is an id or a workflow file name such as `ci.yml`.
 */
const NAME = '[A-Za-z0-9_.-]+';
const PARAM_PATTERNS: Record<string, string> = { owner: NAME, repo: NAME, workflow_id: NAME };
const DIGITS = '[0-9]+';

interface CompiledRoute {
  operation: OperationId;
  method: string;
  /** The path template, which is also the metrics label. */
  path: string;
  names: string[];
  pattern: RegExp;
}

const COMPILED: CompiledRoute[] = (Object.entries(ROUTES) as Array<[OperationId, string]>).map(([operation, route]) => {
  const [method = 'GET', path = ''] = route.split(' ');
  const names: string[] = [];
  // Template paths hold only letters, `_`, `/` and `{param}`: nothing else needs escaping.
  const source = path.replace(/\{(\w+)\}/g, (_all, name: string) => {
    names.push(name);
    return `(${PARAM_PATTERNS[name] ?? DIGITS})`;
  });
  return { operation, method, path, names, pattern: new RegExp(`^${source}$`) };
});

/** The request path of an operation: every parameter percent-encoded, none left unfilled. */
export function expandRoute<O extends OperationId>(operation: O, params: RouteParams<O>): string {
  const path = (ROUTES[operation] as string).split(' ')[1] ?? '';
  return path.replace(/\{(\w+)\}/g, (_all, name: string) => {
    const value = (params as Record<string, string | number | undefined>)[name];
    if (value === undefined) throw new Error(`route ${operation}: missing {${name}}`);
    return encodeURIComponent(String(value));
  });
}

export interface RouteMatch {
  operation: OperationId;
  params: Record<string, string>;
}

/**
 * The operation a raw request path names, with its parameters (undecoded: a `%2F` in a segment does not
 * match, as on GitHub). Undefined for any path outside the table.
 */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const route of COMPILED) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, index) => {
      params[name] = match[index + 1] as string;
    });
    return { operation: route.operation, params };
  }
  return undefined;
}

/** The route template of a request target, for metrics: never owner, repo or ids (bounded label cardinality). */
export function routeLabel(target: string): string {
  const path = target.split('?')[0] ?? '';
  return COMPILED.find((route) => route.pattern.test(path))?.path ?? 'other';
}
