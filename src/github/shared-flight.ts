import { cacheKey } from './conditional-cache.ts';
import { transportError } from './transport.ts';
import type { Step, UpstreamRequest, UpstreamResponse } from './upstream.ts';

interface Flight {
  key: string;
  response: Promise<UpstreamResponse>;
  /** Aborts the exchange; only once every caller waiting on it has left. */
  controller: AbortController;
  waiting: number;
}

/**
 * Identical GETs in flight at the same moment share one exchange with GitHub, the way Apollo Router
 * deduplicates identical subgraph requests: a dashboard open in ten tabs, or ten clients polling one
 * job, costs one call and one slot instead of ten. "Identical" is the cache key: the same credential
 * (never across callers: a token's answer is its own), URL, API version and Accept.
 *
 * The first caller's request goes upstream, through every step below this one (the failure log, the
 * deadline, the cache, the rate-limit gate, the retries). A caller arriving while it is in flight gets the
 * same answer, at most one round trip older than its own would have been, and is counted as served from
 * the cache (it spent no call). The exchange keeps the deadline it started with, so no caller waits longer
 * than GITHUB_REQUEST_DEADLINE_MS; each caller may still leave on its own abort. One leaving does not
 * cancel the exchange for the others; it is aborted only when every caller has left.
 */
export function sharedFlightStep(): Step {
  const flights = new Map<string, Flight>();
  const forget = (flight: Flight) => {
    if (flights.get(flight.key) === flight) flights.delete(flight.key);
  };
  return (next) => (request) => {
    if (request.signal?.aborted) return next(request);
    // A live view's revalidation must reach GitHub: it joins only another revalidation.
    const key = request.revalidate ? `${cacheKey(request)} revalidate` : cacheKey(request);
    const current = flights.get(key);
    if (current) return wait(current, request, forget, true);
    const controller = new AbortController();
    const flight: Flight = { key, controller, waiting: 0, response: next({ ...request, signal: controller.signal }) };
    flights.set(key, flight);
    flight.response.then(
      () => forget(flight),
      () => forget(flight),
    );
    return wait(flight, request, forget, false);
  };
}

function wait(flight: Flight, request: UpstreamRequest, forget: (flight: Flight) => void, joined: boolean): Promise<UpstreamResponse> {
  const { signal } = request;
  flight.waiting += 1;
  return new Promise((resolve, reject) => {
    // Settled once: by the exchange's answer, or by this caller leaving first (its answer is then ignored).
    let settled = false;
    const settle = () => {
      settled = true;
      flight.waiting -= 1;
      signal?.removeEventListener('abort', leave);
    };
    const leave = () => {
      settle();
      if (flight.waiting === 0) {
        // Nobody is left to answer: a new caller must not join an exchange that is being cancelled.
        forget(flight);
        flight.controller.abort(signal?.reason);
      }
      // What the deadline step makes of an abort for a caller alone: an UPSTREAM error, not a raw reason.
      reject(transportError(signal?.reason, request.target));
    };
    signal?.addEventListener('abort', leave, { once: true });
    flight.response.then(
      (response) => {
        if (settled) return;
        settle();
        if (!joined) return resolve(response);
        request.onUpstream?.({ method: request.method, path: request.target, status: response.status, rateLimit: undefined, source: 'cache' });
        // Each caller gets headers of its own: nothing downstream may change another caller's answer.
        resolve({ ...response, headers: { ...response.headers } });
      },
      (error: unknown) => {
        if (settled) return;
        settle();
        reject(error);
      },
    );
  });
}
