import { GitHubRequestError } from './request-error.ts';
import { transportError } from './transport.ts';
import type { Step } from './upstream.ts';

/**
 * One deadline for a whole upstream call: queueing for a slot, every attempt and every backoff pause.
 * Per-attempt timeouts alone would let two retries triple the wait a caller sees.
 */
export function deadlineStep(deadlineMs: number): Step {
  return (next) => async (request) => {
    const deadline = AbortSignal.timeout(deadlineMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
    try {
      return await next({ ...request, signal });
    } catch (error) {
      if (deadline.aborted && !request.signal?.aborted) {
        throw new GitHubRequestError({ kind: 'timeout', method: request.method, path: request.target, message: `deadline of ${deadlineMs} ms passed on ${request.method} ${request.target}`, cause: error });
      }
      throw transportError(error, request.target);
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
