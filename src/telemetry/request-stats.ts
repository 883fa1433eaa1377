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

  /**
   * Counts `work` as this operation's upstream work until it settles, so `whenIdle` knows when nothing is
   * left in flight. Upstream calls are counted by the client view in context.ts; work that waits before
   * calling (the log loader gathers a job's fields for one turn) counts from the moment it is asked for.
   */
  readonly track = async <T>(work: () => Promise<T>): Promise<T> => {
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      // What settled may lead to more work (resolvers of the fields below it, the next page): that starts
      // in promise jobs and DataLoader's nextTick, all before the check phase, where flushIdle looks again.
      if (this.inFlight === 0) setImmediate(() => this.flushIdle());
    }
  };

  /**
   * Resolves once this operation has no upstream work in flight, so a root field like `rateLimit` can
   * report what its sibling fields' calls saw. Looked at first in the check phase: DataLoader dispatches
   * the batches the resolvers filled after the current turn's promise jobs, so by then they have started.
   */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      setImmediate(() => this.flushIdle());
    });
  }

  private flushIdle(): void {
    if (this.inFlight !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
