/** A snapshot of GitHub's primary rate limit, from the `x-ratelimit-*` headers of one answer. */
export interface RateLimitSnapshot {
  limit: number;
  remaining: number;
  used: number;
  resetAt: Date;
  resource: string;
}

export function parseRateLimitHeaders(headers: Record<string, string>): RateLimitSnapshot | undefined {
  const limit = toInt(headers['x-ratelimit-limit']);
  const remaining = toInt(headers['x-ratelimit-remaining']);
  const reset = toInt(headers['x-ratelimit-reset']);
  // GHES has rate limits off by default and sends none of these headers.
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  return {
    limit,
    remaining,
    used: toInt(headers['x-ratelimit-used']) ?? limit - remaining,
    resetAt: new Date(reset * 1000),
    resource: headers['x-ratelimit-resource'] ?? 'core',
  };
}

/**
 * GitHub signals both primary and secondary limits with 403 or 429; a plain 403 (no access) must not be
 * mistaken for one. https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
export function isRateLimitAnswer(status: number, headers: Record<string, string>, body: unknown): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  if (headers['retry-after'] !== undefined) return true;
  if (headers['x-ratelimit-remaining'] === '0') return true;
  const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
  return typeof message === 'string' && /rate limit/i.test(message);
}

/** When the caller may try again: `retry-after` wins, then the reset of an exhausted window, else one minute. */
export function retryAtFor(headers: Record<string, string>, now: number): { resetAt: Date; retryAfterSeconds: number } {
  const retryAfter = toInt(headers['retry-after']);
  if (retryAfter !== undefined) return { resetAt: new Date(now + retryAfter * 1000), retryAfterSeconds: retryAfter };
  const reset = toInt(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-remaining'] === '0' && reset !== undefined) {
    const seconds = Math.max(0, Math.ceil(reset - now / 1000));
    return { resetAt: new Date(reset * 1000), retryAfterSeconds: seconds };
  }
  return { resetAt: new Date(now + 60_000), retryAfterSeconds: 60 };
}

function toInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}
