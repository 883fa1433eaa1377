import { useReadinessCheck, type Plugin } from 'graphql-yoga';
import type { Dispatcher } from 'undici';
import type { Config } from './config.ts';
import type { GitHubClient } from './github/client.ts';
import { githubClientFrom } from './github-client-from-config.ts';
import { ANONYMOUS } from './github/credentials.ts';
import { GitHubRequestError } from './github/request-error.ts';
import type { RedisStatus } from './replicas/redis-link.ts';
import { expandRoute } from './github/routes.ts';

/**
 * Kubernetes-style probes. `/healthz` (liveness) is Yoga's own health check: the process answers.
 * `/readyz` (readiness) asks whether the configured GitHub API base answers at all: `GET /rate_limit`,
 * which costs no rate limit ("Accessing this endpoint does not count against your REST API rate limit",
 * https://docs.github.com/en/rest/rate-limit/rate-limit), sent anonymously so the operator's token is never spent.
 * Any HTTP answer below 500 (even 401 or 403) proves the upstream is reachable; a network error, a
 * timeout or a 5xx is "not ready". The verdict is cached for `cacheMs` and concurrent probes share one
 * request, so a fleet of kubelets cannot turn into a load on GitHub. The probe has a bare client of its
 * own on the shared dispatcher: no response cache (a cached answer proves nothing about the wire), no
 * retries (the next probe is the retry).
 */
export const LIVENESS_PATH = '/healthz';
export const READINESS_PATH = '/readyz';

export interface Readiness {
  ready: boolean;
  /** The upstream's HTTP status, when it answered. */
  upstreamStatus: number | null;
  /** Why it is not ready; never contains credentials. */
  reason: string | null;
  checkedAt: string;
}

export interface ReadinessOptions {
  client: GitHubClient;
  cacheMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

/** One probe function with a short-lived cache and in-flight sharing. */
export function createReadinessProbe({ client, cacheMs = 5_000, timeoutMs = 3_000, now = Date.now }: ReadinessOptions) {
  let cached: { at: number; result: Readiness } | undefined;
  let inFlight: Promise<Readiness> | undefined;

  const probe = async (): Promise<Readiness> => {
    const checkedAt = new Date(now()).toISOString();
    try {
      const response = await client.getJson(expandRoute('getRateLimit', {}), undefined, { credential: ANONYMOUS, signal: AbortSignal.timeout(timeoutMs) });
      return { ready: true, upstreamStatus: response.status, reason: null, checkedAt };
    } catch (error) {
      // Rate limited (anonymous is 60/h per IP) still means GitHub is there and answering.
      const answered = error instanceof GitHubRequestError && (error.kind === 'rate_limited' || (error.kind === 'http' && (error.status ?? 500) < 500));
      if (answered) {
        return { ready: true, upstreamStatus: error.status ?? null, reason: null, checkedAt };
      }
      const status = error instanceof GitHubRequestError && error.status ? error.status : null;
      const kind = error instanceof GitHubRequestError ? error.kind : 'error';
      return { ready: false, upstreamStatus: status, reason: status ? `GitHub API answered ${status}` : `GitHub API unreachable (${kind})`, checkedAt };
    }
  };

  return async function check(): Promise<Readiness> {
    if (cached && now() - cached.at < cacheMs) return cached.result;
    inFlight ??= probe().then((result) => {
      cached = { at: now(), result };
      inFlight = undefined;
      return result;
    });
    return inFlight;
  };
}

export interface ReadinessPluginOptions {
  config: Config;
  dispatcher: Dispatcher;
  cacheMs?: number;
  timeoutMs?: number;
  /**
   * With REDIS_URL: reported as `redis: { state, since }`, never part of the verdict. Redis is an
   * optimisation; a replica without it still answers, so taking it out of rotation would only hurt.
   */
  redisStatus?: () => RedisStatus;
}

/** The `/readyz` Yoga plugin: 200 `{ "status": "ready" }` or 503 `{ "status": "unavailable", "reason" }`. */
export function useGitHubReadiness({ config, dispatcher, cacheMs, timeoutMs = 3_000, redisStatus }: ReadinessPluginOptions): Plugin {
  // Bare: no cache (a stored answer proves nothing about the wire), no retries (the next probe is the retry).
  const client = githubClientFrom(config, { dispatcher, cache: false, retries: 0, deadlineMs: timeoutMs, headersTimeoutMs: timeoutMs });
  const check = createReadinessProbe({ client, timeoutMs, ...(cacheMs !== undefined ? { cacheMs } : {}) });
  const readiness = useReadinessCheck({
    endpoint: READINESS_PATH,
    check: async ({ fetchAPI }) => {
      const result = await check();
      const body = { status: result.ready ? 'ready' : 'unavailable', upstream: client.baseUrl, ...result, ...(redisStatus ? { redis: redisStatus() } : {}) };
      return new fetchAPI.Response(JSON.stringify(body), {
        status: result.ready ? 200 : 503,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      });
    },
  });
  // Yoga's plugin tests every request's URL against a URLPattern (the polyfill: ~1% of a one-job request's
  // CPU) once its cheap checks fail, which they do for every /graphql request; the exact path is enough.
  return {
    ...readiness,
    onRequest: (payload) => (payload.url.pathname === READINESS_PATH ? readiness.onRequest?.(payload) : undefined),
  };
}
