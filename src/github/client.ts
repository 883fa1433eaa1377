import type { Dispatcher } from 'undici';
import { createMemoryCacheStore, type CacheStore } from './cache-store.ts';
import { concurrencyStep } from './concurrency.ts';
import { conditionalCacheStep } from './conditional-cache.ts';
import type { Credential } from './credentials.ts';
import { deadlineStep } from './deadline.ts';
import { failureLogStep } from './failure-log.ts';
import { attemptObserverStep, type UpstreamObserver } from './observer.ts';
import { createRateLimitGate, type SharedRateLimitStops } from './rate-limit-gate.ts';
import { createParsedBodyMemo } from './parsed-body-memo.ts';
import { isRateLimitAnswer, retryAtFor, type RateLimitSnapshot } from './rate-limit.ts';
import { GitHubRequestError } from './request-error.ts';
import { retryStep } from './retry.ts';
import { sharedFlightStep } from './shared-flight.ts';
import { createTransport } from './transport.ts';
import { compose, silentLogger, type Step, type UpstreamEvent, type UpstreamLogger } from './upstream.ts';

export type { UpstreamEvent } from './upstream.ts';
export { flattenHeaders, transportError } from './transport.ts';

export type Query = Record<string, string | number | undefined>;

export interface CallOptions {
  credential: Credential;
  signal?: AbortSignal;
  onUpstream?: (event: UpstreamEvent) => void;
  /** The gateway's request id: sent as `X-Request-Id` and in the User-Agent, so GitHub-side traces can be matched. */
  requestId?: string;
  /**
   * Revalidate with GitHub (If-None-Match) even while the stored answer is fresh by max-age, and fail
   * rather than fall back to it: a live view must see changes and rate limits when they happen.
   */
  revalidate?: boolean;
}

export interface GitHubResponse<T> {
  status: number;
  headers: Record<string, string>;
  data: T;
}

export interface GitHubClient {
  readonly baseUrl: string;
  getJson<T>(path: string, query: Query | undefined, options: CallOptions): Promise<GitHubResponse<T>>;
  /** A GET whose answer must be a redirect to an absolute URL; returns that `Location`. Never follows it. */
  getRedirect(path: string, options: CallOptions): Promise<URL>;
  /** The latest rate limit GitHub reported for this credential in any request of this process. */
  latestRateLimit?(credential: Credential): RateLimitSnapshot | undefined;
}

export interface GitHubClientOptions {
  baseUrl?: string;
  apiVersion: string;
  userAgent?: string;
  dispatcher: Dispatcher;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  now?: () => number;
  /** One upstream call, queueing and retries included, ends with UPSTREAM_TIMEOUT after this long. */
  deadlineMs?: number;
  /** Retries of an idempotent GET after a 502/503/504, a broken connection or a timeout (at most 2). */
  retries?: number;
  /** First backoff pause; doubles per retry, jittered. */
  retryBaseDelayMs?: number;
  /** Requests in flight per credential; more wait in line. */
  maxConcurrency?: number;
  /** The conditional-request store; false turns caching off (the naive baseline). */
  cache?: CacheStore | false;
  /** 'honour' GitHub's Cache-Control max-age, or 'off' to revalidate every time. */
  cacheMaxAge?: 'honour' | 'off';
  logger?: UpstreamLogger;
  /** Rate-limit stops shared with other replicas (src/replicas/); without it, this process's own. */
  sharedStops?: SharedRateLimitStops;
  /** Process-wide metrics seam (observer.ts): every exchange, cache answer and retry. */
  observer?: UpstreamObserver;
  /** Identical GETs in flight at once share one exchange (shared-flight.ts); false for the naive baseline. */
  shareInFlight?: boolean;
}

export function createGitHubClient({
  baseUrl = 'https://api.github.com',
  apiVersion,
  userAgent = 'actions-jobs-gateway',
  dispatcher,
  headersTimeoutMs = 10_000,
  bodyTimeoutMs = 10_000,
  now = Date.now,
  deadlineMs = 30_000,
  retries = 2,
  retryBaseDelayMs = 100,
  maxConcurrency = 10,
  cache = createMemoryCacheStore({ maxBytes: 64 * 1024 * 1024 }),
  cacheMaxAge = 'honour',
  logger = silentLogger,
  sharedStops,
  observer,
  shareInFlight = true,
}: GitHubClientOptions): GitHubClient {
  const base = baseUrl.replace(/\/+$/, '');
  const gate = createRateLimitGate({ now, logger, ...(sharedStops ? { shared: sharedStops } : {}) });
  // Outermost first. The cache sits above the gate so a limited credential is still served what is stored;
  // the slot is taken per attempt, so a backoff pause does not hold one.
  const steps: Step[] = [
    // First: a caller that joins a call in flight (most callers, under load) pays for nothing below.
    ...(shareInFlight ? [sharedFlightStep()] : []),
    failureLogStep(logger),
    deadlineStep(deadlineMs),
    ...(cache ? [conditionalCacheStep({ store: cache, maxAge: cacheMaxAge, now, logger })] : []),
    gate.step,
    retryStep({ retries, baseDelayMs: retryBaseDelayMs, logger }),
    ...(observer ? [attemptObserverStep(observer)] : []),
    concurrencyStep(maxConcurrency),
  ];
  const pipeline = compose(...steps)(createTransport({ dispatcher, headersTimeoutMs, bodyTimeoutMs }));
  // With the cache on, a stored body comes back again and again: parse it once per ETag (the naive
  // baseline, cache off, parses every answer).
  const parsed = cache ? createParsedBodyMemo() : undefined;
  const parse = (credential: Credential, target: string, etag: string | undefined, body: string): unknown =>
    parsed && etag ? parsed.parse(`${credential.fingerprint} ${target} ${etag}`, body) : JSON.parse(body);

  function send(path: string, query: Query | undefined, options: CallOptions) {
    const target = path + toSearch(query);
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      'user-agent': userAgent,
      'x-github-api-version': apiVersion,
    };
    if (options.credential.authorization) headers.authorization = options.credential.authorization;
    if (options.requestId) {
      headers['x-request-id'] = options.requestId;
      headers['user-agent'] = `${userAgent} (request ${options.requestId})`;
    }
    const onUpstream = observer
      ? (event: UpstreamEvent) => {
          observer.upstream(event, options.credential);
          options.onUpstream?.(event);
        }
      : options.onUpstream;
    const request = { method: 'GET' as const, url: base + target, target, headers, credential: options.credential, signal: options.signal, onUpstream };
    return pipeline(options.revalidate ? { ...request, revalidate: true } : request).then(
      (response) => ({ target, ...response }),
    );
  }

  function failure(status: number, target: string, headers: Record<string, string>, body: unknown) {
    if (isRateLimitAnswer(status, headers, body)) {
      const { resetAt, retryAfterSeconds } = retryAtFor(headers, now());
      return new GitHubRequestError({ kind: 'rate_limited', status, method: 'GET', path: target, headers, resetAt, retryAfterSeconds });
    }
    return new GitHubRequestError({ kind: 'http', status, method: 'GET', path: target, headers });
  }

  return {
    baseUrl: base,

    async getJson<T>(path: string, query: Query | undefined, options: CallOptions) {
      const { target, status, headers, body } = await send(path, query, options);
      let data: unknown;
      try {
        data = body === '' ? undefined : status === 200 ? parse(options.credential, target, headers.etag, body) : JSON.parse(body);
      } catch (cause) {
        if (status < 300) throw new GitHubRequestError({ kind: 'bad_body', status, method: 'GET', path: target, cause });
      }
      if (status >= 300) throw failure(status, target, headers, data);
      if (data === undefined) throw new GitHubRequestError({ kind: 'bad_body', status, method: 'GET', path: target });
      return { status, headers, data: data as T };
    },

    async getRedirect(path: string, options: CallOptions) {
      const { target, status, headers, body } = await send(path, undefined, options);
      if (status < 300 || status >= 400) {
        let data: unknown;
        try { data = JSON.parse(body); } catch { /* error bodies need not be JSON */ }
        throw failure(status, target, headers, data);
      }
      const location = headers.location;
      if (!location) throw new GitHubRequestError({ kind: 'bad_redirect', status, method: 'GET', path: target, message: 'redirect without Location' });
      // No base URL: a relative or scheme-relative Location (`/x`, `//host/x`) would lead back to the API
      // host or wherever the upstream likes; GitHub always sends an absolute one, so anything else is refused.
      try {
        return new URL(location);
      } catch (cause) {
        throw new GitHubRequestError({ kind: 'bad_redirect', status, method: 'GET', path: target, message: 'Location is not an absolute URL', cause });
      }
    },

    latestRateLimit: gate.latest,
  };
}

function toSearch(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
