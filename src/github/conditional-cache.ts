import { parseCacheControl } from './cache-control.ts';
import type { CacheEntry, CacheStore } from './cache-store.ts';
import { GitHubRequestError } from './request-error.ts';
import { logFields, type Send, type Step, type UpstreamLogger, type UpstreamRequest, type UpstreamResponse } from './upstream.ts';

export interface ConditionalCacheOptions {
  store: CacheStore;
  /** 'honour': serve without asking while GitHub's `max-age` lasts; 'off': revalidate every time. */
  maxAge: 'honour' | 'off';
  now: () => number;
  logger: UpstreamLogger;
}

// GET /rate_limit is free and its whole point is the current count: a stored copy would only mislead.
const UNCACHED = /^\/rate_limit(?:\?|$)/;

// Answer headers a replay needs; rate-limit and date headers are per exchange and come from the 304 itself.
const STORED_HEADERS = ['content-type', 'etag', 'last-modified', 'link', 'cache-control', 'vary'];

/**
 * The key names who asked as well as what: one caller's private data never reaches another, and the
 * anonymous fingerprint ('anonymous') can never equal a token's ('cred_…', a keyed HMAC).
 */
export function cacheKey(request: UpstreamRequest): string {
  const { fingerprint } = request.credential;
  return [fingerprint, request.method, request.url, request.headers['x-github-api-version'] ?? '', request.headers.accept ?? ''].join(' ');
}

/**
 * GitHub's conditional requests, shared across GraphQL requests: store ETag and body of each 200,
 * revalidate with `If-None-Match`, serve the stored body on 304, which spends no rate-limit point when
 * authorized (docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api). While a
 * credential is rate limited, a stored answer (even stale) beats an error.
 */
export function conditionalCacheStep({ store, maxAge, now, logger }: ConditionalCacheOptions): Step {
  const read = async (key: string, request: UpstreamRequest): Promise<CacheEntry | undefined> => {
    try {
      return await store.get(key, request.credential);
    } catch (error) {
      // A shared store that is down makes the gateway slower, not broken.
      logger.warn({ ...logFields(request), err: describe(error) }, 'cache store read failed');
      return undefined;
    }
  };
  const write = async (request: UpstreamRequest, action: () => void | Promise<void>): Promise<void> => {
    try {
      await action();
    } catch (error) {
      logger.warn({ ...logFields(request), err: describe(error) }, 'cache store write failed');
    }
  };

  return (next: Send): Send =>
    async (request) => {
      if (request.method !== 'GET' || UNCACHED.test(request.target)) return next(request);
      const key = cacheKey(request);
      const entry = await read(key, request);
      if (entry && maxAge === 'honour' && entry.storedAt + entry.maxAge * 1000 > now()) return served(request, entry);

      const conditional = entry?.etag ? { ...request, headers: { ...request.headers, 'if-none-match': entry.etag } } : request;
      let response: UpstreamResponse;
      try {
        response = await next(conditional);
      } catch (error) {
        if (entry && error instanceof GitHubRequestError && error.kind === 'rate_limited') {
          logger.debug(logFields(request), 'rate limited: serving the stored answer');
          return served(request, entry);
        }
        throw error;
      }

      if (response.status === 304 && entry) {
        const refreshed = { ...entry, headers: { ...entry.headers, ...pick(response.headers) }, storedAt: now(), maxAge: parseCacheControl(response.headers['cache-control']).maxAge ?? entry.maxAge };
        await write(request, () => store.set(key, refreshed, request.credential));
        return { status: entry.status, headers: { ...entry.headers, ...response.headers }, body: entry.body };
      }
      if (response.status === 200) {
        const directives = parseCacheControl(response.headers['cache-control']);
        const etag = response.headers.etag;
        if (!directives.noStore && (etag || (directives.maxAge ?? 0) > 0)) {
          const stored: CacheEntry = { etag, status: 200, headers: pick(response.headers), body: response.body, storedAt: now(), maxAge: directives.maxAge ?? 0 };
          await write(request, () => store.set(key, stored, request.credential));
        }
      } else if (entry && response.status >= 400 && response.status < 500 && response.status !== 403 && response.status !== 429) {
        // Gone, moved out of reach or no longer authorized: the stored copy must not outlive that.
        await write(request, () => store.delete(key, request.credential));
      }
      return response;
    };
}

function served(request: UpstreamRequest, entry: CacheEntry): UpstreamResponse {
  request.onUpstream?.({ method: request.method, path: request.target, status: entry.status, rateLimit: undefined, source: 'cache' });
  return { status: entry.status, headers: { ...entry.headers }, body: entry.body };
}

function pick(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of STORED_HEADERS) if (headers[name] !== undefined) kept[name] = headers[name] as string;
  return kept;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
