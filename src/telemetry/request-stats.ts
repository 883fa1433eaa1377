import type { UpstreamEvent } from '../github/client.ts';
import type { RateLimitSnapshot } from '../github/rate-limit.ts';

/**
 * What one GraphQL request cost upstream, and the latest rate limit GitHub reported. Fed by the client's
 * `onUpstream` hook; read by `Query.rateLimit` and the `extensions.github` of the response.
 * - `requests`: HTTP exchanges with GitHub (retries and 304s included);
 * - `notModified`: those answered 304: the stored body was served and no rate-limit point was spent;
 * - `cacheHits`: answers served from the cache without calling GitHub (fresh max-age, or rate limited).
 */
export class RequestStats {
  requests = 0;
  cacheHits = 0;
  notModified = 0;
  rateLimit: RateLimitSnapshot | undefined;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  readonly record = (event: UpstreamEvent): void => {
    if (event.source === 'cache') {
      this.cacheHits += 1;
      return;
    }
    this.requests += 1;
    if (event.status === 304) this.notModified += 1;
    if (event.rateLimit && (!this.rateLimit || event.rateLimit.used >= this.rateLimit.used)) this.rateLimit = event.rateLimit;
  };

  /** Wraps an upstream call so `whenIdle` knows when this request has nothing left in flight. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) setImmediate(() => this.flushIdle());
    }
  }

  /**
   * Resolves once no upstream call of this request is in flight across two event-loop turns, so a
   * root field like `rateLimit` can report what its sibling fields' calls saw (DataLoader batches are
   * scheduled a tick after the resolvers that fill them).
   */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      setImmediate(() => setImmediate(() => (this.inFlight === 0 ? resolve() : this.idleWaiters.push(resolve))));
    });
  }

  private flushIdle(): void {
    if (this.inFlight !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) void this.whenIdle().then(resolve);
  }
}
