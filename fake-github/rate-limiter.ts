// GitHub's primary rate limit, one bucket per credential (per token; anonymous callers share one,
// as they would behind one IP). A window of one hour starts with a bucket's first request.
// https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
import type { FakeClock } from './fake-clock.ts';

export interface RateLimitState {
  limit: number;
  remaining: number;
  used: number;
  /** Epoch seconds, like `x-ratelimit-reset`. */
  reset: number;
}

export interface RateLimitOverride {
  remaining: number;
  /** Epoch seconds, like `x-ratelimit-reset`; defaults to one hour from the fake clock's now. */
  resetAt?: number;
  limit?: number;
}

export const AUTHENTICATED_LIMIT = 5000;
export const ANONYMOUS_LIMIT = 60;
const WINDOW_SECONDS = 3600;

export class RateLimiter {
  readonly #buckets = new Map<string | null, { limit: number; used: number; reset: number }>();

  constructor(private readonly clock: FakeClock) {}

  /** The bucket's state now, starting a fresh window if the last one has passed. */
  state(token: string | null): RateLimitState {
    const nowSeconds = Math.floor(this.clock.now() / 1000);
    let bucket = this.#buckets.get(token);
    if (!bucket || nowSeconds >= bucket.reset) {
      bucket = {
        limit: bucket?.limit ?? (token === null ? ANONYMOUS_LIMIT : AUTHENTICATED_LIMIT),
        used: 0,
        reset: nowSeconds + WINDOW_SECONDS,
      };
      this.#buckets.set(token, bucket);
    }
    return { limit: bucket.limit, used: bucket.used, remaining: Math.max(0, bucket.limit - bucket.used), reset: bucket.reset };
  }

  /** Spends one point; false (and nothing spent) when the bucket is empty. */
  spend(token: string | null): boolean {
    if (this.state(token).remaining === 0) return false;
    const bucket = this.#buckets.get(token);
    if (bucket) bucket.used += 1;
    return true;
  }

  set(token: string | null, override: RateLimitOverride): void {
    const limit = override.limit ?? (token === null ? ANONYMOUS_LIMIT : AUTHENTICATED_LIMIT);
    this.#buckets.set(token, {
      limit,
      used: limit - override.remaining,
      reset: override.resetAt ?? Math.floor(this.clock.now() / 1000) + WINDOW_SECONDS,
    });
  }

  headers(token: string | null): Record<string, string> {
    const state = this.state(token);
    return {
      'x-ratelimit-limit': String(state.limit),
      'x-ratelimit-remaining': String(state.remaining),
      'x-ratelimit-used': String(state.used),
      'x-ratelimit-reset': String(state.reset),
      'x-ratelimit-resource': 'core',
    };
  }
}
