import { GitHubRequestError } from './request-error.ts';
import { transportError } from './transport.ts';
import type { Step } from './upstream.ts';

/**
 * One deadline for a whole upstream call: queueing for a slot, every attempt and every backoff pause.
 * Per-attempt timeouts alone would let two retries triple the wait a caller sees.
 */
export function deadlineStep(deadlineMs: number): Step {
  return (next) => async (request) => {
    // A plain controller and one timer, not AbortSignal.timeout + AbortSignal.any: on Node 20 those
    // allocate a DOMException per call and keep listeners on the long-lived request signal (a measurable
    // share of the gateway's CPU per request in the bench profile).
    const controller = new AbortController();
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      controller.abort(new GitHubRequestError({ kind: 'timeout', method: request.method, path: request.target, message: `deadline of ${deadlineMs} ms passed on ${request.method} ${request.target}` }));
    }, deadlineMs);
    const parent = request.signal;
    const forward = () => controller.abort(parent?.reason);
    if (parent?.aborted) forward();
    else parent?.addEventListener('abort', forward, { once: true });
    try {
      return await next({ ...request, signal: controller.signal });
    } catch (error) {
      if (expired && !parent?.aborted) {
        throw new GitHubRequestError({ kind: 'timeout', method: request.method, path: request.target, message: `deadline of ${deadlineMs} ms passed on ${request.method} ${request.target}`, cause: error });
      }
      throw transportError(error, request.target);
    } finally {
      clearTimeout(timer);
      parent?.removeEventListener('abort', forward);
    }
  };
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts (backoff pauses, queue waits). */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
