import type { UpstreamEvent } from './github/client.ts';
import type { RateLimitSnapshot } from './github/rate-limit.ts';

/**
 * What one GraphQL request cost upstream: how many calls, and the latest rate limit GitHub reported.
 * Fed by the client's `onUpstream` hook; read by `Query.rateLimit` and the response extensions.
 */
export class RequestStats {
  requests = 0;
  rateLimit: RateLimitSnapshot | undefined;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  readonly record = (event: UpstreamEvent): void => {
    this.requests += 1;
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
