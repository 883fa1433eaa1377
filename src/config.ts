import { GITHUB_LOG_STORAGE_HOSTS, parseStorageHost, type StorageHostRule } from './github/storage-hosts.ts';

/**
 * The gateway's settings, read and validated once. Only src/server.ts passes `process.env` here;
 * everything else receives a `Config`. A bad value stops the process with one line naming the variable.
 */
export interface Config {
  port: number;
  host: string;
  /** Normalised: no trailing slash. `https://api.github.com` or a GHES `https://HOST/api/v3`. */
  githubApiUrl: string;
  githubApiVersion: string;
  /**
   * Operator credential for callers without an Authorization header. Set only when the operator also set
   * ANONYMOUS_USES_GITHUB_TOKEN=true: otherwise any anonymous caller would read what the token can read
   * and spend its rate limit.
   */
  githubToken: string | undefined;
  userAgent: string;
  /** Largest `first`/`last` a connection accepts. */
  maxConnectionSize: number;
  /** Hosts a log redirect may lead to: GitHub's log storage plus LOG_STORAGE_HOSTS. */
  logStorageHosts: StorageHostRule[];
  /** Bytes of one job's log text (and of its kept lines) held per request; the rest is cut (`truncated`). */
  maxLogBytes: number;
  graphiql: boolean;
  /** Per-request DataLoaders on (the default); off is the naive baseline the bench compares against. */
  dataloader: boolean;
  /** The conditional-request (ETag) cache shared across requests; off with DATALOADER=false is the naive baseline. */
  cache: boolean;
  cacheMaxBytes: number;
  /** 'honour': serve while GitHub's Cache-Control max-age lasts; 'off': revalidate every time. */
  cacheMaxAge: 'honour' | 'off';
  /** Upstream requests in flight per credential; the rest queue. */
  githubMaxConcurrency: number;
  githubConnectTimeoutMs: number;
  githubHeadersTimeoutMs: number;
  githubBodyTimeoutMs: number;
  /** One upstream call, queueing and retries included. */
  githubRequestDeadlineMs: number;
  githubRetries: number;
  /** Identical GETs in flight at once (same credential and URL) share one exchange with GitHub (github/shared-flight.ts). */
  githubShareInFlight: boolean;
  /** Add `extensions.github { requests, cacheHits, notModified, rateLimit }` to every response. */
  githubStatsExtension: boolean;
  /** GRAPHQL_JIT: queries run as compiled code (plugins/jit-execution.ts); off, graphql-js executes them. */
  graphqlJit: boolean;
  // Production hardening: see the README's "Production" section.
  /** Static estimate of REST calls one request may cause; over it: QUERY_TOO_COSTLY, nothing called. */
  maxUpstreamCallsPerQuery: number;
  /** Worst-case response size (static estimate) and actual size (at run time); over it: RESPONSE_TOO_LARGE. */
  maxResponseBytes: number;
  /** Log bytes one request may hold at once (its share of LOG_MEMORY_BYTES). */
  maxRequestLogBytes: number;
  /** Log bytes all requests together may hold; further downloads wait, then LOG_BUDGET_EXHAUSTED. */
  logMemoryBytes: number;
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Largest request body (JSON) accepted; larger: 413. */
  maxBodyBytes: number;
  /** Operations per batched HTTP request (a JSON array); 0 turns batching off. */
  maxBatchSize: number;
  /** 'off': any operation; 'allow': hashes of schema/generated/persisted-documents.json too; 'only': nothing else. */
  persistedOperations: 'off' | 'allow' | 'only';
  /** Origins allowed by CORS; empty: no CORS headers (same origin only). */
  corsOrigins: string[];
  metrics: boolean;
  /** Operation names counted under their own label in /metrics, beside the shipped operations; others are `(other)`. */
  metricsOperations: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** A client connection must finish sending its request headers within this time (slow-header clients). */
  clientHeadersTimeoutMs: number;
  /** A client connection must finish sending its whole request within this time. */
  clientRequestTimeoutMs: number;
  /** Open client connections; more are refused at accept. */
  maxConnections: number;
  /** On SIGTERM/SIGINT: how long in-flight requests may take before the process exits anyway. */
  shutdownGraceMs: number;
  // Several replicas (README "Running several replicas"): src/replicas/.
  /** Shared conditional cache and rate-limit stops; unset: each process keeps its own. Holds a password maybe: never logged. */
  redisUrl: string | undefined;
  /** Secret behind credential fingerprints, Redis key names and entry encryption; unset: a random one per process. */
  credentialKey: string | undefined;
  /** Bound on every Redis command; past it the replica answers from its own memory. */
  redisCommandTimeoutMs: number;
  redisKeyPrefix: string;
  /** Lifetime of a shared cache entry (ETag and body) without being refreshed by a 200 or 304. */
  redisEntryTtlSeconds: number;
  // Live updates (subscriptions over SSE): see src/live/.
  /** How often a subscription re-reads its resource from GitHub (conditionally: a 304 costs no point). */
  subscriptionPollIntervalMs: number;
  /** Concurrent subscriptions per credential; more are refused at subscribe time. */
  maxSubscriptionsPerCredential: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface SettingDoc {
  name: string;
  default: string;
  description: string;
}

/** Every setting with its default, for `--help` and the README. */
export const SETTINGS: SettingDoc[] = [
  { name: 'PORT', default: '4000', description: 'HTTP port (0 picks a free one)' },
  { name: 'HOST', default: '0.0.0.0', description: 'interface to bind' },
  { name: 'GITHUB_API_URL', default: 'https://api.github.com', description: 'GitHub REST base; GHES: `https://HOST/api/v3` (trailing slash tolerated)' },
  { name: 'GITHUB_API_VERSION', default: '2026-03-10', description: 'sent as `X-GitHub-Api-Version`' },
  { name: 'GITHUB_TOKEN', default: '(unset)', description: 'token for requests without an `Authorization` header; refused at start unless `ANONYMOUS_USES_GITHUB_TOKEN=true`' },
  { name: 'ANONYMOUS_USES_GITHUB_TOKEN', default: 'false', description: '`true`: callers without `Authorization` act with `GITHUB_TOKEN` (its private repositories and its rate limit); `false`: they call GitHub anonymously' },
  { name: 'USER_AGENT', default: 'actions-jobs-gateway', description: '`User-Agent` sent to GitHub (GitHub requires one)' },
  { name: 'MAX_CONNECTION_SIZE', default: '500', description: 'largest `first`/`last`' },
  { name: 'LOG_STORAGE_HOSTS', default: '(none)', description: 'hosts a job log redirect may lead to beside GitHub\'s own (`*.blob.core.windows.net`, `*.actions.githubusercontent.com`): comma-separated `host`, `host:port`, `*.domain` or `http://host:port`; any other redirect is refused (`UPSTREAM_ERROR`)' },
  { name: 'MAX_LOG_BYTES', default: '10485760', description: 'bytes of one job\'s log held per request: `JobLog.text` is cut there (`truncated: true`); lines and step logs cover about that much' },
  { name: 'GRAPHIQL', default: 'true', description: 'serve GraphiQL (bundled, works offline) and allow introspection; `false` in production turns both off' },
  { name: 'DATALOADER', default: 'true', description: 'per-request batching and dedupe; `false` is the naive baseline the bench measures' },
  { name: 'CACHE', default: 'true', description: 'the conditional-request (ETag) cache across requests; `DATALOADER=false CACHE=false GITHUB_SHARE_IN_FLIGHT=false` is the naive baseline' },
  { name: 'CACHE_MAX_BYTES', default: '67108864', description: 'in-memory cache budget in bytes (bodies, keys, stored headers); least recently used go first' },
  { name: 'CACHE_MAX_AGE', default: 'honour', description: '`honour` GitHub\'s `Cache-Control: max-age` (serve without asking while fresh) or `off` (revalidate every time)' },
  { name: 'GITHUB_MAX_CONCURRENCY', default: '10', description: 'upstream requests in flight per credential; more wait in line (GitHub\'s secondary limit is 100)' },
  { name: 'GITHUB_CONNECT_TIMEOUT_MS', default: '5000', description: 'connect timeout of a new pooled connection' },
  { name: 'GITHUB_HEADERS_TIMEOUT_MS', default: '10000', description: 'time to response headers, per attempt (undici\'s timers: about 1 s granularity)' },
  { name: 'GITHUB_BODY_TIMEOUT_MS', default: '10000', description: 'longest pause while a body streams, per attempt' },
  { name: 'GITHUB_REQUEST_DEADLINE_MS', default: '30000', description: 'one upstream call including queueing, retries and backoff; then `UPSTREAM_TIMEOUT`' },
  { name: 'GITHUB_RETRIES', default: '2', description: 'retries (0–2) of a GET after 502/503/504, a reset, a cut body or a timeout; never a 4xx' },
  { name: 'GITHUB_SHARE_IN_FLIGHT', default: 'true', description: 'identical GETs in flight at once (same token, same URL) share one call to GitHub; `false` sends each (the naive baseline)' },
  { name: 'GITHUB_STATS_EXTENSION', default: 'true', description: 'add `extensions.github { requests, cacheHits, notModified, rateLimit }` to responses' },
  { name: 'GRAPHQL_JIT', default: 'true', description: 'run queries as code compiled once per document (graphql-jit); `false`: graphql-js executes them, as before' },
  { name: 'MAX_UPSTREAM_CALLS_PER_QUERY', default: '50', description: 'static estimate of REST calls one request (a whole batch) may cause; over it: `QUERY_TOO_COSTLY`, nothing called' },
  { name: 'MAX_RESPONSE_BYTES', default: '104857600', description: 'worst-case size of one response (a whole batch): estimated before execution (`RESPONSE_TOO_LARGE`, nothing called) and enforced while it runs' },
  { name: 'MAX_REQUEST_LOG_BYTES', default: '33554432', description: 'log bytes one request may hold at once, over all its jobs; a log that cannot fit fails its field with `RESPONSE_TOO_LARGE`' },
  { name: 'LOG_MEMORY_BYTES', default: '134217728', description: 'log bytes all requests together may hold; further downloads wait their turn, up to `GITHUB_REQUEST_DEADLINE_MS`, then `LOG_BUDGET_EXHAUSTED`' },
  { name: 'MAX_DEPTH', default: '10', description: 'deepest selection (graphql-armor; armor\'s default 6 is too low for `… steps { log { lines { content } } }`)' },
  { name: 'MAX_ALIASES', default: '250', description: 'aliases per operation (graphql-armor); aliases that call GitHub are bounded by the cost limit first' },
  { name: 'MAX_TOKENS', default: '5000', description: 'lexical tokens per document, counted while parsing (graphql-armor)' },
  { name: 'MAX_DIRECTIVES', default: '50', description: 'directives per operation (graphql-armor)' },
  { name: 'MAX_BODY_BYTES', default: '102400', description: 'largest request body: larger answers 413, a body without `Content-Length` 411' },
  { name: 'MAX_BATCH_SIZE', default: '0', description: 'operations per batched request (a JSON array); `0` turns batching off' },
  { name: 'PERSISTED_OPERATIONS', default: 'off', description: '`allow`: hashes of `schema/generated/persisted-documents.json` accepted too; `only`: nothing else' },
  { name: 'CORS_ORIGINS', default: '(none)', description: 'comma-separated origins allowed cross-origin; none: no CORS headers (same origin only)' },
  { name: 'METRICS', default: 'true', description: 'Prometheus metrics at `GET /metrics`' },
  { name: 'METRICS_OPERATIONS', default: '(none)', description: 'comma-separated operation names with a metrics series of their own, beside the shipped operations; any other name is `(other)`' },
  { name: 'LOG_LEVEL', default: 'info', description: 'pino level (`fatal` … `trace`, `silent`)' },
  { name: 'CLIENT_HEADERS_TIMEOUT_MS', default: '20000', description: 'a client\'s request headers must arrive within this time; then 408 and the connection is closed' },
  { name: 'CLIENT_REQUEST_TIMEOUT_MS', default: '60000', description: 'a client\'s whole request must arrive within this time (at least 60000); then 408' },
  { name: 'MAX_CONNECTIONS', default: '1000', description: 'open client connections; further ones are closed at accept' },
  { name: 'SHUTDOWN_GRACE_MS', default: '10000', description: 'on SIGTERM/SIGINT, time in-flight requests get to finish' },
  // Several replicas (README "Running several replicas").
  { name: 'REDIS_URL', default: '(unset)', description: '`redis://host:6379/0` (or `rediss://`; Valkey works the same): share the conditional cache and rate-limit stops with every replica that has the same `REDIS_URL` and `CREDENTIAL_KEY` ([Running several replicas](#running-several-replicas))' },
  { name: 'CREDENTIAL_KEY', default: '(random per process)', description: 'secret of 32+ characters (`openssl rand -hex 32`) behind credential fingerprints, Redis key names and entry encryption; required with `REDIS_URL`, the same on every replica' },
  { name: 'REDIS_COMMAND_TIMEOUT_MS', default: '500', description: 'bound on every Redis command; past it (or with Redis down) the replica answers from its own memory and checks Redis every second' },
  { name: 'REDIS_KEY_PREFIX', default: 'ajg:', description: 'prefix of every Redis key the gateway writes' },
  { name: 'REDIS_ENTRY_TTL_SECONDS', default: '86400', description: 'a shared cache entry not refreshed by a 200 or 304 for this long expires from Redis' },
  { name: 'SUBSCRIPTION_POLL_INTERVAL_MS', default: '5000', description: 'how often a subscription re-reads GitHub (`If-None-Match`: an unchanged answer costs no rate-limit point); one poll per credential and resource' },
  { name: 'MAX_SUBSCRIPTIONS_PER_CREDENTIAL', default: '20', description: 'concurrent subscriptions one credential may hold; more are refused with `TOO_MANY_SUBSCRIPTIONS`' },
];

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = {}): Config {
  return {
    port: readInt(env, 'PORT', 0, 65535),
    host: readString(env, 'HOST'),
    githubApiUrl: readBaseUrl(env, 'GITHUB_API_URL'),
    githubApiVersion: readApiVersion(env, 'GITHUB_API_VERSION'),
    githubToken: readOperatorToken(env),
    userAgent: readString(env, 'USER_AGENT'),
    maxConnectionSize: readInt(env, 'MAX_CONNECTION_SIZE', 1, 100_000),
    logStorageHosts: readStorageHosts(env, 'LOG_STORAGE_HOSTS'),
    maxLogBytes: readInt(env, 'MAX_LOG_BYTES', 1024, 1024 * 1024 * 1024),
    graphiql: readBool(env, 'GRAPHIQL'),
    dataloader: readBool(env, 'DATALOADER'),
    cache: readBool(env, 'CACHE'),
    cacheMaxBytes: readInt(env, 'CACHE_MAX_BYTES', 1024, Number.MAX_SAFE_INTEGER),
    cacheMaxAge: readChoice(env, 'CACHE_MAX_AGE', ['honour', 'off'] as const),
    githubMaxConcurrency: readInt(env, 'GITHUB_MAX_CONCURRENCY', 1, 100),
    githubConnectTimeoutMs: readInt(env, 'GITHUB_CONNECT_TIMEOUT_MS', 1, 600_000),
    githubHeadersTimeoutMs: readInt(env, 'GITHUB_HEADERS_TIMEOUT_MS', 1, 600_000),
    githubBodyTimeoutMs: readInt(env, 'GITHUB_BODY_TIMEOUT_MS', 1, 600_000),
    githubRequestDeadlineMs: readInt(env, 'GITHUB_REQUEST_DEADLINE_MS', 1, 600_000),
    githubRetries: readInt(env, 'GITHUB_RETRIES', 0, 2),
    githubShareInFlight: readBool(env, 'GITHUB_SHARE_IN_FLIGHT'),
    githubStatsExtension: readBool(env, 'GITHUB_STATS_EXTENSION'),
    graphqlJit: readBool(env, 'GRAPHQL_JIT'),
    maxUpstreamCallsPerQuery: readInt(env, 'MAX_UPSTREAM_CALLS_PER_QUERY', 1, 100_000),
    maxResponseBytes: readInt(env, 'MAX_RESPONSE_BYTES', 1024, 1024 * 1024 * 1024),
    maxRequestLogBytes: readInt(env, 'MAX_REQUEST_LOG_BYTES', 1024, 1024 * 1024 * 1024),
    logMemoryBytes: readInt(env, 'LOG_MEMORY_BYTES', 1024, 16 * 1024 * 1024 * 1024),
    maxDepth: readInt(env, 'MAX_DEPTH', 1, 1_000),
    maxAliases: readInt(env, 'MAX_ALIASES', 0, 10_000),
    maxTokens: readInt(env, 'MAX_TOKENS', 10, 1_000_000),
    maxDirectives: readInt(env, 'MAX_DIRECTIVES', 0, 10_000),
    maxBodyBytes: readInt(env, 'MAX_BODY_BYTES', 1024, 64 * 1024 * 1024),
    maxBatchSize: readInt(env, 'MAX_BATCH_SIZE', 0, 100),
    persistedOperations: readChoice(env, 'PERSISTED_OPERATIONS', ['off', 'allow', 'only'] as const),
    corsOrigins: readOrigins(env, 'CORS_ORIGINS'),
    metrics: readBool(env, 'METRICS'),
    metricsOperations: readNames(env, 'METRICS_OPERATIONS'),
    logLevel: readChoice(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    clientHeadersTimeoutMs: readInt(env, 'CLIENT_HEADERS_TIMEOUT_MS', 100, 60_000),
    // Node requires headers to be complete before the request as a whole is: 60 s and up, never below the headers' bound.
    clientRequestTimeoutMs: readInt(env, 'CLIENT_REQUEST_TIMEOUT_MS', 60_000, 600_000),
    maxConnections: readInt(env, 'MAX_CONNECTIONS', 1, 1_000_000),
    shutdownGraceMs: readInt(env, 'SHUTDOWN_GRACE_MS', 0, 600_000),
    subscriptionPollIntervalMs: readInt(env, 'SUBSCRIPTION_POLL_INTERVAL_MS', 10, 3_600_000),
    maxSubscriptionsPerCredential: readInt(env, 'MAX_SUBSCRIPTIONS_PER_CREDENTIAL', 1, 10_000),
    ...readReplicaSettings(env),
  };
}

/** REDIS_URL without a CREDENTIAL_KEY would share nothing (each process draws its own): stop instead. */
function readReplicaSettings(env: Env): Pick<Config, 'redisUrl' | 'credentialKey' | 'redisCommandTimeoutMs' | 'redisKeyPrefix' | 'redisEntryTtlSeconds'> {
  const redisUrl = readOptional(env, 'REDIS_URL');
  if (redisUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(redisUrl);
    } catch {
      // reported below
    }
    // The value may carry a password: the message never repeats it.
    if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname) throw new ConfigError('REDIS_URL must look like redis://host:6379/0 (or rediss:// for TLS)');
  }
  const credentialKey = readOptional(env, 'CREDENTIAL_KEY');
  if (credentialKey !== undefined && credentialKey.length < 32) throw new ConfigError(`CREDENTIAL_KEY must be at least 32 characters (openssl rand -hex 32), got ${credentialKey.length}`);
  if (redisUrl && !credentialKey) throw new ConfigError('REDIS_URL needs CREDENTIAL_KEY, the same secret on every replica (openssl rand -hex 32)');
  const redisKeyPrefix = readString(env, 'REDIS_KEY_PREFIX');
  if (!/^[\x21-\x7e]{1,64}$/.test(redisKeyPrefix)) throw new ConfigError(`REDIS_KEY_PREFIX must be 1 to 64 printable characters without spaces, got "${redisKeyPrefix}"`);
  return {
    redisUrl,
    credentialKey,
    redisCommandTimeoutMs: readInt(env, 'REDIS_COMMAND_TIMEOUT_MS', 10, 60_000),
    redisKeyPrefix,
    redisEntryTtlSeconds: readInt(env, 'REDIS_ENTRY_TTL_SECONDS', 60, 30 * 86_400),
  };
}

/** GITHUB_TOKEN without the setting that says who may use it is a mistake worth stopping for. */
function readOperatorToken(env: Env): string | undefined {
  const token = readOptional(env, 'GITHUB_TOKEN');
  const anonymousUsesIt = readBool(env, 'ANONYMOUS_USES_GITHUB_TOKEN');
  if (token && !anonymousUsesIt) {
    throw new ConfigError('GITHUB_TOKEN would act for every caller without an Authorization header; set ANONYMOUS_USES_GITHUB_TOKEN=true to allow that, or unset GITHUB_TOKEN');
  }
  if (anonymousUsesIt && !token) throw new ConfigError('ANONYMOUS_USES_GITHUB_TOKEN=true needs GITHUB_TOKEN');
  return token;
}

function readOptional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function readString(env: Env, name: string): string {
  return readOptional(env, name) ?? defaultOf(name);
}

function readInt(env: Env, name: string, min: number, max: number): number {
  const raw = readOptional(env, name) ?? defaultOf(name);
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${raw}`);
  return value;
}

function readBool(env: Env, name: string): boolean {
  const raw = (readOptional(env, name) ?? defaultOf(name)).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function readChoice<T extends string>(env: Env, name: string, choices: readonly T[]): T {
  const raw = (readOptional(env, name) ?? defaultOf(name)).toLowerCase();
  if (!(choices as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  return raw as T;
}

function readBaseUrl(env: Env, name: string): string {
  const raw = readString(env, name);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`${name} must not carry a query, fragment or credentials`);
  }
  // GHES bases end in /api/v3; a trailing slash is tolerated and removed so paths join cleanly.
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** `https://a.example, http://localhost:3000`: each an origin (scheme, host, port), nothing else. */
function readOrigins(env: Env, name: string): string[] {
  const raw = readOptional(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((part) => {
    const value = part.trim();
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value.replace(/\/$/, '')) {
      throw new ConfigError(`${name} must be a comma-separated list of origins like https://app.example.com, got "${value}"`);
    }
    return url.origin;
  });
}

function readStorageHosts(env: Env, name: string): StorageHostRule[] {
  const extra = readOptional(env, name)?.split(',') ?? [];
  return [...GITHUB_LOG_STORAGE_HOSTS, ...extra].map((entry) => {
    const rule = parseStorageHost(entry);
    if (!rule) throw new ConfigError(`${name} must be a comma-separated list of hosts like storage.example.com, *.example.com or http://127.0.0.1:4001, got "${entry.trim()}"`);
    return rule;
  });
}

function readNames(env: Env, name: string): string[] {
  const raw = readOptional(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((part) => {
    const value = part.trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(value)) throw new ConfigError(`${name} must be a comma-separated list of GraphQL operation names, got "${value}"`);
    return value;
  });
}

function readApiVersion(env: Env, name: string): string {
  const value = readString(env, name);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new ConfigError(`${name} must look like 2026-03-10, got "${value}"`);
  return value;
}

/** A setting's default, as SETTINGS states it: the one place it is written (help, README and parsing read it). */
function defaultOf(name: string): string {
  const setting = SETTINGS.find((candidate) => candidate.name === name);
  if (!setting) throw new Error(`config.ts: no SETTINGS entry for ${name}`);
  return setting.default;
}
