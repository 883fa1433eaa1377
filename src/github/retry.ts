import { sleep } from './deadline.ts';
import { GitHubRequestError } from './request-error.ts';
import { logFields, type Step, type UpstreamLogger } from './upstream.ts';

export interface RetryOptions {
  /** Retries after the first attempt; the issue caps it at 2. */
  retries: number;
  /** First pause; doubles per retry, with full jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  logger: UpstreamLogger;
}

// Gateway and proxy failures GitHub's own docs say to retry; 500 is a bug upstream, so it is not retried.
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/**
 * Retries idempotent GETs that failed in a way another attempt can fix: 502/503/504, a connection that
 * broke (reset, body cut short) or an attempt that timed out. Never a 4xx: a 403/429 rate limit is the
 * gate's business, and anything else would fail again. Stops when the deadline (the request's signal)
 * leaves no room for the pause.
 */
export function retryStep({ retries, baseDelayMs = 100, maxDelayMs = 2_000, random = Math.random, logger }: RetryOptions): Step {
  return (next) => async (request) => {
    for (let attempt = 0; ; attempt++) {
      let failure: unknown;
      try {
        const response = await next(request);
        if (request.method !== 'GET' || attempt >= retries || !RETRYABLE_STATUSES.has(response.status)) return response;
        failure = response.status;
      } catch (error) {
        if (request.method !== 'GET' || attempt >= retries || !isTransient(error) || request.signal?.aborted) throw error;
        failure = error.kind;
      }
      // Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): spreads retries of many callers.
      const pause = Math.round(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
      logger.debug({ ...logFields(request), attempt: attempt + 1, failure, pauseMs: pause }, 'retrying GitHub request');
      await sleep(pause, request.signal);
    }
  };
}

function isTransient(error: unknown): error is GitHubRequestError {
  // bad_body here can only come from reading the stream (JSON is parsed above the pipeline): a cut connection.
  return error instanceof GitHubRequestError && (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'bad_body');
}
