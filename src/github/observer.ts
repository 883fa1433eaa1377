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
