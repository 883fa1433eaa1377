import type { Credential } from './credentials.ts';
import type { Step, UpstreamEvent, UpstreamRequest } from './upstream.ts';

/**
 * A process-wide view of the upstream layer for metrics: every exchange with GitHub (retries and 304s
 * included), every answer served from the cache, every retry. Per-request accounting stays with
 * `CallOptions.onUpstream`; this seam sees all requests of the process.
 */
export interface UpstreamObserver {
  upstream(event: UpstreamEvent, credential: Credential): void;
  retry(request: UpstreamRequest): void;
}

/**
 * Sits just inside the retry step, so it sees each attempt: the retry step sends the same request
 * object again, so a second sighting of an object is a retry.
 */
export function attemptObserverStep(observer: UpstreamObserver): Step {
  const seen = new WeakSet<UpstreamRequest>();
  return (next) => (request) => {
    if (seen.has(request)) observer.retry(request);
    else seen.add(request);
    return next(request);
  };
}

const ROUTES: Array<[RegExp, string]> = [
  [/^\/repos\/[^/]+\/[^/]+\/actions\/jobs\/\d+\/logs$/, '/repos/{owner}/{repo}/actions/jobs/{job_id}/logs'],
  [/^\/repos\/[^/]+\/[^/]+\/actions\/jobs\/\d+$/, '/repos/{owner}/{repo}/actions/jobs/{job_id}'],
  [/^\/repos\/[^/]+\/[^/]+\/actions\/runs\/\d+\/attempts\/\d+\/jobs$/, '/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs'],
  [/^\/repos\/[^/]+\/[^/]+\/actions\/runs\/\d+\/jobs$/, '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs'],
  [/^\/rate_limit$/, '/rate_limit'],
];

/** The REST route template of a request target: never owner, repo or ids (bounded label cardinality). */
export function routeOf(target: string): string {
  const path = target.split('?')[0] ?? '';
  for (const [pattern, route] of ROUTES) if (pattern.test(path)) return route;
  return 'other';
}
