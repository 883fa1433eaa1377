import { LRUCache } from 'lru-cache';
import type { Credential } from './credentials.ts';
import { isRateLimitAnswer, parseRateLimitHeaders, retryAtFor, type RateLimitSnapshot } from './rate-limit.ts';
import { GitHubRequestError } from './request-error.ts';
import { logFields, type Step, type UpstreamLogger, type UpstreamRequest } from './upstream.ts';

export interface RateLimitGateOptions {
  now: () => number;
  logger: UpstreamLogger;
  /** Credentials remembered (latest snapshot, open window); the least recently seen are forgotten. */
  maxCredentials?: number;
  /** Stops shared with other replicas (src/replicas/shared-stops.ts); each replica's own stops apply without it. */
  shared?: SharedRateLimitStops;
}

/**
 * Where replicas tell each other "GitHub said stop for this credential until then". Implementations never
 * throw and answer within a bounded time: a store that is away means "no shared stop known".
 */
export interface SharedRateLimitStops {
  /** Epoch ms before which this credential must not call GitHub, as any replica learnt it. */
  closedUntil(credential: Credential): Promise<number | undefined>;
  close(credential: Credential, until: number): Promise<void>;
}

export interface RateLimitGate {
  step: Step;
  /** The latest `x-ratelimit-*` GitHub reported for this credential, across requests. */
  latest(credential: Credential): RateLimitSnapshot | undefined;
}

// GET /rate_limit is free and answers even when the limit is spent: never hold it back.
const FREE_PATH = /^\/rate_limit(?:\?|$)/;

/**
 * Per-credential rate-limit awareness: remembers what GitHub last reported, and once GitHub says stop
 * (403/429 with `retry-after` or a spent limit, or any answer with remaining 0) refuses every call for
 * that credential until the window ends, without touching the network. GitHub's docs warn that calling
 * on while limited can get an integration banned. The cache step above answers from storage where it can.
 */
export function createRateLimitGate({ now, logger, maxCredentials = 10_000, shared }: RateLimitGateOptions): RateLimitGate {
  const snapshots = new LRUCache<string, RateLimitSnapshot>({ max: maxCredentials });
  const closedUntil = new LRUCache<string, number>({ max: maxCredentials });

  const remember = (fingerprint: string, snapshot: RateLimitSnapshot) => {
    const known = snapshots.get(fingerprint);
    // Answers can arrive out of order: within one window, more used is later.
    if (known && (known.resetAt > snapshot.resetAt || (+known.resetAt === +snapshot.resetAt && known.used > snapshot.used))) return;
    snapshots.set(fingerprint, snapshot);
  };

  const close = async (request: UpstreamRequest, until: number, reason: string) => {
    const fingerprint = request.credential.fingerprint;
    if ((closedUntil.get(fingerprint) ?? 0) >= until) return;
    closedUntil.set(fingerprint, until);
    logger.warn({ ...logFields(request), until: new Date(until).toISOString(), reason }, 'rate limited: no calls to GitHub for this credential until the window ends');
    // Awaited: the next request, on any replica, must already see the stop.
    await shared?.close(request.credential, until);
  };

  const refusal = (request: UpstreamRequest, until: number) =>
    new GitHubRequestError({
      kind: 'rate_limited',
      method: request.method,
      path: request.target,
      resetAt: new Date(until),
      retryAfterSeconds: Math.ceil((until - now()) / 1000),
      message: `rate limited: ${request.method} ${request.target} not sent`,
    });

  const step: Step = (next) => async (request) => {
    const fingerprint = request.credential.fingerprint;
    const free = FREE_PATH.test(request.target);
    const until = closedUntil.get(fingerprint);
    if (until !== undefined && !free) {
      if (until > now()) throw refusal(request, until);
      closedUntil.delete(fingerprint);
    }
    if (shared && !free) {
      const sharedUntil = await shared.closedUntil(request.credential);
      if (sharedUntil !== undefined && sharedUntil > now()) {
        closedUntil.set(fingerprint, sharedUntil);
        throw refusal(request, sharedUntil);
      }
    }

    const response = await next(request);
    const snapshot = parseRateLimitHeaders(response.headers);
    if (snapshot) remember(fingerprint, snapshot);

    if (response.status === 403 || response.status === 429) {
      if (isRateLimitAnswer(response.status, response.headers, parseMessage(response.body))) {
        const { resetAt, retryAfterSeconds } = retryAtFor(response.headers, now());
        await close(request, +resetAt, `GitHub answered ${response.status}`);
        return Promise.reject(
          new GitHubRequestError({ kind: 'rate_limited', status: response.status, method: request.method, path: request.target, headers: response.headers, resetAt, retryAfterSeconds }),
        );
      }
    } else if (snapshot && snapshot.remaining === 0 && !free) {
      // This answer spent the last point: the next call would be refused, so do not make it.
      await close(request, +snapshot.resetAt, 'remaining 0');
    }
    return response;
  };

  return { step, latest: (credential) => snapshots.get(credential.fingerprint) };
}

function parseMessage(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
