// A fake GitHub for tests, the benchmark and the offline demo: a real HTTP server on 127.0.0.1
// (port 0) speaking the workflow-jobs REST API the way GitHub does (https://docs.github.com/en/rest/actions/workflow-jobs,
// and what GitHub was seen to do beyond the docs), plus a log
// storage host on its own port. Everything a gateway can get wrong on the wire is observable here:
// recorded requests, concurrency, rate-limit spending, credentials leaking to storage.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeApi, withBaseUrls, type RouteResult } from './api-routes.ts';
import { createDataset, type Dataset, type Job } from './dataset.ts';
import { createFakeClock, type FakeClock } from './fake-clock.ts';
import { createLogStorage, type StorageState } from './fake-storage.ts';
import { FaultInjector, type Fault, type FaultMatch } from './fault-injector.ts';
import { startLiveRun, type LiveRun, type LiveRunOptions } from './live-run.ts';
import { RateLimiter, type RateLimitOverride, type RateLimitState } from './rate-limiter.ts';
import type { RecordedRequest } from './recorded-request.ts';

export type { Fault, FaultMatch } from './fault-injector.ts';
export type { RecordedRequest } from './recorded-request.ts';
export type { LiveRun, LiveRunOptions } from './live-run.ts';
export { KNOWN, type Dataset, type Job } from './dataset.ts';

/** Tokens the fake accepts. Any other token answers 401 Bad credentials. */
export const TOKENS = {
  /** Sees every repository, including octo-org/private-api. */
  full: 'ghp_fakeFullAccess0000000000000000000000',
  /** Sees public repositories only (private ones answer 404). */
  publicOnly: 'ghp_fakePublicOnly0000000000000000000000',
  /** Another user with public access only and a rate-limit bucket of its own. */
  other: 'ghp_fakeOtherUser00000000000000000000000',
} as const;

/** `X-GitHub-Api-Version` values GitHub accepts; any other answers 400. */
export const API_VERSIONS = ['2022-11-28', '2026-03-10'] as const;

export interface FakeGitHubOptions {
  dataset?: Dataset;
  /** Seed for the generated dataset when none is given. */
  seed?: number;
  /** Milliseconds since the epoch; drives rate-limit resets and signed-URL expiry. */
  now?: () => number;
  /** Added to every API answer (benchmarks). Default 0. */
  latencyMs?: number;
  /** max-age and s-maxage of `Cache-Control` on 200 answers. Default 60, like GitHub. */
  cacheMaxAge?: number;
  /** Whether the storage host honours `Range`. Default true. */
  rangeSupport?: boolean;
  /** Primary rate limits; GHES ships with them off. Default true. */
  rateLimits?: boolean;
  /** Lifetime of a signed log URL. Default 60 s, like GitHub's. */
  logUrlTtlSeconds?: number;
}

export interface FakeGitHub {
  /** `http://127.0.0.1:PORT`: use as the api.github.com base URL. */
  readonly apiUrl: string;
  /** `http://127.0.0.1:PORT/api/v3`: the same API as a GitHub Enterprise Server base URL. */
  readonly ghesApiUrl: string;
  /** `http://127.0.0.1:PORT2`: the log storage host the logs endpoint redirects to. */
  readonly storageUrl: string;
  readonly dataset: Dataset;
  readonly clock: FakeClock;
  /** Every API request, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Every storage request, in arrival order. */
  readonly storageRequests: RecordedRequest[];
  readonly inFlight: number;
  /** Highest number of API requests handled at once since start or the last reset. */
  readonly maxInFlight: number;
  /** Log body bytes written by the storage host since start or the last resetRecords(). */
  readonly storageBytesSent: number;
  /** Latches true when any storage request carried Authorization or Cookie; resetRecords() keeps it. */
  readonly authorizationSeenByStorage: boolean;
  resetRecords(): void;
  resetMaxInFlight(): void;
  /**
   * A new run of queued jobs that progresses on `clock`: one change (a job starts, a step completes, a
   * job completes) every `stepMs`. Changes apply when a request arrives or `sync()` is called.
   */
  startLiveRun(options?: LiveRunOptions): LiveRun;
  /** The job JSON the API serves for `apiUrl` (or `ghesApiUrl` with base 'ghes'). */
  renderJob(jobId: number, base?: 'api' | 'ghes'): Job;
  rateLimit(token: string | null): RateLimitState;
  setRateLimit(token: string | null, state: RateLimitOverride): void;
  injectFault(match: FaultMatch, fault: Fault): void;
  /** Secondary rate limit: the next `times` matching requests answer `status` with `retry-after`. */
  injectSecondaryLimit(options?: { path?: RegExp | string; times?: number; status?: 403 | 429; retryAfter?: number }): void;
  clearFaults(): void;
  setRangeSupport(enabled: boolean): void;
  setCacheMaxAge(seconds: number): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

const DEFAULT_API_VERSION = '2022-11-28';
const GHES_PREFIX = '/api/v3';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const dataset = options.dataset ?? createDataset({ seed: options.seed });
  const clock = createFakeClock(options.now);
  const limiter = new RateLimiter(clock);
  const faults = new FaultInjector();
  const rateLimitsOn = options.rateLimits ?? true;
  const ttl = options.logUrlTtlSeconds ?? 60;
  let latencyMs = options.latencyMs ?? 0;
  let cacheMaxAge = options.cacheMaxAge ?? 60;
  let requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let requestCounter = 0;
  const storageState: StorageState = { requests: [], bytesSent: 0, authorizationSeen: false, rangeSupport: options.rangeSupport ?? true };
  const storage = createLogStorage({ dataset, clock, faults, state: storageState });
  const validTokens = new Set<string>(Object.values(TOKENS));
  let apiUrl = '';
  let storageUrl = '';
  const liveRuns: LiveRun[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse, record: RecordedRequest): Promise<void> => {
    for (const live of liveRuns) live.sync(clock.now());
    const rateHeaders = (token: string | null): Record<string, string> => (rateLimitsOn ? limiter.headers(token) : {});
    const send = (status: number, headers: Record<string, string>, body?: string, truncate = false): void => {
      record.status = status;
      const bytes = Buffer.from(body ?? '');
      const common = { 'x-github-request-id': `FAKE:${(++requestCounter).toString(16).toUpperCase()}` };
      res.writeHead(status, status === 304 ? { ...common, ...headers } : { ...common, ...headers, 'content-length': String(bytes.length) });
      if (!truncate) {
        res.end(bytes);
        return;
      }
      // Half of the announced body, then the connection closes.
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
    };
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void =>
      send(status, { 'content-type': 'application/json; charset=utf-8', ...headers }, JSON.stringify(body));

    const token = record.token !== null && validTokens.has(record.token) ? record.token : null;
    const fault = faults.take('api', record.url);
    if (fault && fault.kind === undefined) return json(fault.status, { message: 'Server Error' });
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'malformedJson') {
      return send(200, { 'content-type': 'application/json; charset=utf-8', ...rateHeaders(token) }, '{"total_count":3,"jobs":[{"id":1114957');
    }
    if (fault?.kind === 'secondaryLimit') {
      const status = fault.status ?? 403;
      return json(
        status,
        {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: String(status),
        },
        { 'retry-after': String(fault.retryAfter ?? 60), ...rateHeaders(token) },
      );
    }
    if (fault?.kind === 'forbidden') {
      return json(
        403,
        {
          message: 'Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.',
          documentation_url: 'https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/',
        },
        rateHeaders(token),
      );
    }
    if (fault?.kind === 'redirect') return send(302, { location: fault.location, ...rateHeaders(token) });
    if (fault?.kind === 'body') return json(200, fault.body, rateHeaders(token));
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (fault?.kind === 'hold') {
      fault.onHold?.();
      await fault.release.catch(() => undefined);
    }
    if (latencyMs > 0) await sleep(latencyMs);
    const truncate = fault?.kind === 'truncatedBody';

    // GitHub rejects requests without a User-Agent before looking at anything else.
    if (!req.headers['user-agent']) {
      return send(
        403,
        { 'content-type': 'text/plain; charset=utf-8' },
        'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.\n',
      );
    }
    if (req.headers.authorization !== undefined && token === null) {
      return json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' }, rateHeaders(null));
    }
    const requestedVersion = req.headers['x-github-api-version'];
    const apiVersion = typeof requestedVersion === 'string' ? requestedVersion : DEFAULT_API_VERSION;
    if (!(API_VERSIONS as readonly string[]).includes(apiVersion)) {
      return json(400, {
        message: `API version ${apiVersion} is not supported.`,
        documentation_url: 'https://docs.github.com/rest/overview/api-versions',
        status: '400',
      });
    }

    const ghes = record.path.startsWith(`${GHES_PREFIX}/`);
    const apiHeaders = { 'x-github-api-version-selected': apiVersion, 'x-github-media-type': 'github.v3; format=json' };
    const result: RouteResult = routeApi({
      method: record.method,
      path: ghes ? record.path.slice(GHES_PREFIX.length) : record.path,
      query: new URLSearchParams(record.url.slice(record.path.length + 1)),
      apiBase: ghes ? apiUrl + GHES_PREFIX : apiUrl,
      webBase: apiUrl,
      token,
      canSeePrivate: token === TOKENS.full,
      dataset,
      logUrl: (jobId) => storage.signedUrl(storageUrl, jobId, ttl),
      rateLimit: () => limiter.state(token),
    });
    const free = result.status === 200 && result.free === true;

    if (rateLimitsOn && !free && limiter.state(token).remaining === 0) {
      const who = token === null ? `${req.socket.remoteAddress ?? '127.0.0.1'}` : `user ID ${[...validTokens].indexOf(token) + 1}`;
      return json(
        403,
        {
          message: `API rate limit exceeded for ${who}.`,
          documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
          status: '403',
        },
        { ...apiHeaders, ...rateHeaders(token) },
      );
    }

    if (result.status === 200) {
      const body = JSON.stringify(result.json);
      const etag = `"${createHash('sha256').update(body).digest('hex')}"`;
      const cacheHeaders = {
        etag,
        'cache-control': `${token === null ? 'public' : 'private'}, max-age=${cacheMaxAge}, s-maxage=${cacheMaxAge}`,
        vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
      };
      if (etagMatches(req.headers['if-none-match'], etag)) {
        // A 304 costs nothing when the request was authorized; GitHub only documents that case.
        if (token === null && !free && rateLimitsOn) limiter.spend(null);
        return send(304, { ...apiHeaders, ...cacheHeaders, ...rateHeaders(token) });
      }
      if (!free && rateLimitsOn) limiter.spend(token);
      const link: Record<string, string> = result.link ? { link: result.link } : {};
      return send(200, { 'content-type': 'application/json; charset=utf-8', ...apiHeaders, ...cacheHeaders, ...link, ...rateHeaders(token) }, body, truncate);
    }
    if (rateLimitsOn) limiter.spend(token);
    if (result.status === 302) return send(302, { location: result.location, ...apiHeaders, ...rateHeaders(token) });
    return json(result.status, result.json, { ...apiHeaders, ...rateHeaders(token) });
  };

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      url,
      path: url.split('?')[0] ?? '',
      headers: { ...req.headers },
      status: 0,
      token: tokenOf(req.headers.authorization),
    };
    requests.push(record);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    handle(req, res, record).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });

  apiUrl = `http://127.0.0.1:${await listen(server)}`;
  storageUrl = `http://127.0.0.1:${await listen(storage.server)}`;

  const fake: FakeGitHub = {
    apiUrl,
    ghesApiUrl: apiUrl + GHES_PREFIX,
    storageUrl,
    dataset,
    clock,
    get requests() {
      return requests;
    },
    get storageRequests() {
      return storageState.requests;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get storageBytesSent() {
      return storageState.bytesSent;
    },
    get authorizationSeenByStorage() {
      return storageState.authorizationSeen;
    },
    resetRecords: () => {
      requests = [];
      storageState.requests = [];
      storageState.bytesSent = 0;
      maxInFlight = inFlight;
    },
    resetMaxInFlight: () => {
      maxInFlight = inFlight;
    },
    startLiveRun: (liveOptions) => {
      const live = startLiveRun(dataset, clock.now(), liveOptions);
      liveRuns.push(live);
      return live;
    },
    renderJob: (jobId, base = 'api') => {
      const job = dataset.getJob(jobId);
      if (!job) throw new Error(`unknown job ${jobId}`);
      return withBaseUrls(job, base === 'ghes' ? apiUrl + GHES_PREFIX : apiUrl, apiUrl);
    },
    rateLimit: (token) => limiter.state(token),
    setRateLimit: (token, state) => limiter.set(token, state),
    injectFault: (match, fault) => faults.add(match, fault),
    injectSecondaryLimit: ({ path, times, status, retryAfter } = {}) =>
      faults.add({ path, times }, { kind: 'secondaryLimit', status, retryAfter }),
    clearFaults: () => faults.clear(),
    setRangeSupport: (enabled) => {
      storageState.rangeSupport = enabled;
    },
    setCacheMaxAge: (seconds) => {
      cacheMaxAge = seconds;
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    close: async () => {
      await Promise.all([server, storage.server].map(close));
    },
  };
  started.add(fake);
  return fake;
}

/**
 * Every fake started in this process (a test worker, shared by several test files), newest first: the
 * suite-wide storage guard checks them, and a lookup by URL finds the live fake even when a closed one
 * had the same port before.
 */
const started = new Set<FakeGitHub>();
export function startedFakeGitHubs(): FakeGitHub[] {
  return [...started].reverse();
}

/** `Bearer X` or `token X`; anything else in Authorization counts as an unknown credential. */
function tokenOf(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? header;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
