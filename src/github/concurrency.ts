import type { Step } from './upstream.ts';

interface Lane {
  active: number;
  waiting: Array<() => void>;
}

/**
 * At most `limit` requests in flight per credential, the rest queued in arrival order. GitHub's
 * secondary limit allows 100 concurrent requests per token; staying far below it keeps one busy caller
 * from tripping it (and from taking every pooled connection from the others).
 */
export function concurrencyStep(limit: number): Step {
  const lanes = new Map<string, Lane>();

  const acquire = (key: string, signal: AbortSignal | undefined): Promise<void> => {
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { active: 0, waiting: [] }));
    if (lane.active < limit) {
      lane.active += 1;
      return Promise.resolve();
    }
    const current = lane;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        current.waiting = current.waiting.filter((waiter) => waiter !== grant);
        reject(signal?.reason);
      };
      // The slot is handed over by `release`, so `active` already counts this request.
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      current.waiting.push(grant);
    });
  };

  const release = (key: string): void => {
    const lane = lanes.get(key);
    if (!lane) return;
    const nextWaiter = lane.waiting.shift();
    if (nextWaiter) return nextWaiter();
    lane.active -= 1;
    // Forget idle credentials so the map does not grow with every token ever seen.
    if (lane.active === 0) lanes.delete(key);
  };

  return (next) => async (request) => {
    const key = request.credential.fingerprint;
    await acquire(key, request.signal);
    try {
      return await next(request);
    } finally {
      release(key);
    }
  };
}
