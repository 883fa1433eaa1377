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
  /** Add `extensions.github { requests, cacheHits, notModified, rateLimit }` to every response. */
  githubStatsExtension: boolean;
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
  { name: 'PORT', default: '4000', description: 'HTTP port to listen on (0 picks a free port)' },
  { name: 'HOST', default: '0.0.0.0', description: 'interface to bind' },
  { name: 'GITHUB_API_URL', default: 'https://api.github.com', description: 'GitHub REST base; GHES: https://HOST/api/v3' },
  { name: 'GITHUB_API_VERSION', default: '2026-03-10', description: 'sent as X-GitHub-Api-Version' },
  { name: 'GITHUB_TOKEN', default: '(unset)', description: 'token for requests without an Authorization header; needs ANONYMOUS_USES_GITHUB_TOKEN=true' },
  { name: 'ANONYMOUS_USES_GITHUB_TOKEN', default: 'false', description: 'true: callers without Authorization act with GITHUB_TOKEN (its private data and its rate limit); false: they call GitHub anonymously' },
  { name: 'USER_AGENT', default: 'actions-jobs-gateway', description: 'User-Agent sent to GitHub (required by GitHub)' },
  { name: 'MAX_CONNECTION_SIZE', default: '500', description: 'largest first/last a connection accepts' },
  { name: 'LOG_STORAGE_HOSTS', default: '(none)', description: `hosts a job log redirect may lead to, beside GitHub's own (${GITHUB_LOG_STORAGE_HOSTS.join(', ')}): comma-separated host, host:port, *.domain or http://host:port (plain http only when written so); any other redirect is refused` },
  { name: 'MAX_LOG_BYTES', default: '10485760', description: "bytes of a job's log text held per request (JobLog.text is cut there, truncated: true)" },
  { name: 'GRAPHIQL', default: 'true', description: 'serve GraphiQL and allow introspection' },
  { name: 'DATALOADER', default: 'true', description: 'per-request batching and dedupe; false is the naive baseline' },
  { name: 'CACHE', default: 'true', description: 'conditional-request (ETag) cache across requests; false (with DATALOADER=false) is the naive baseline' },
  { name: 'CACHE_MAX_BYTES', default: '67108864', description: 'in-memory cache budget in bytes (bodies and keys); least recently used go first' },
  { name: 'CACHE_MAX_AGE', default: 'honour', description: "honour GitHub's Cache-Control max-age (serve without asking while fresh) or off (revalidate every time)" },
  { name: 'GITHUB_MAX_CONCURRENCY', default: '10', description: 'upstream requests in flight per credential; more wait in line (GitHub allows 100)' },
  { name: 'GITHUB_CONNECT_TIMEOUT_MS', default: '5000', description: 'connect (TCP + TLS) timeout for a new pooled connection' },
  { name: 'GITHUB_HEADERS_TIMEOUT_MS', default: '10000', description: 'time to response headers, per attempt' },
  { name: 'GITHUB_BODY_TIMEOUT_MS', default: '10000', description: 'longest pause while a body streams, per attempt' },
  { name: 'GITHUB_REQUEST_DEADLINE_MS', default: '30000', description: 'one upstream call with queueing and retries; then UPSTREAM_TIMEOUT' },
  { name: 'GITHUB_RETRIES', default: '2', description: 'retries of a GET after 502/503/504, a reset or a timeout (0 to 2)' },
  { name: 'GITHUB_STATS_EXTENSION', default: 'true', description: 'add extensions.github { requests, cacheHits, notModified, rateLimit } to responses' },
  { name: 'MAX_UPSTREAM_CALLS_PER_QUERY', default: '50', description: 'static estimate of GitHub REST calls one request (a whole batch) may cause; over it: QUERY_TOO_COSTLY, nothing called' },
  { name: 'MAX_RESPONSE_BYTES', default: '104857600', description: 'worst-case response size one request (a whole batch) may have, estimated before execution and enforced while it runs; over it: RESPONSE_TOO_LARGE' },
  { name: 'MAX_REQUEST_LOG_BYTES', default: '33554432', description: 'log bytes one request may hold at once (all its jobs); a log that does not fit fails with RESPONSE_TOO_LARGE' },
  { name: 'LOG_MEMORY_BYTES', default: '134217728', description: 'log bytes all requests together may hold; further downloads wait up to GITHUB_REQUEST_DEADLINE_MS, then LOG_BUDGET_EXHAUSTED' },
  { name: 'MAX_DEPTH', default: '10', description: 'deepest selection (graphql-armor; fragments flattened, introspection ignored)' },
  { name: 'MAX_ALIASES', default: '250', description: 'aliases per operation (graphql-armor); costly aliases are bounded by MAX_UPSTREAM_CALLS_PER_QUERY first' },
  { name: 'MAX_TOKENS', default: '5000', description: 'lexical tokens per document, counted while parsing (graphql-armor)' },
  { name: 'MAX_DIRECTIVES', default: '50', description: 'directives per operation (graphql-armor)' },
  { name: 'MAX_BODY_BYTES', default: '102400', description: 'largest request body; larger answers 413' },
  { name: 'MAX_BATCH_SIZE', default: '0', description: 'operations per batched request (JSON array); 0: batching off. A batch shares one cost limit' },
  { name: 'PERSISTED_OPERATIONS', default: 'off', description: 'off, allow (hashes of schema/generated/persisted-documents.json accepted too) or only (nothing else)' },
  { name: 'CORS_ORIGINS', default: '(none)', description: 'comma-separated origins allowed cross-origin (https://app.example.com); none: same origin only' },
  { name: 'METRICS', default: 'true', description: 'serve Prometheus metrics at /metrics' },
  { name: 'METRICS_OPERATIONS', default: '(none)', description: 'comma-separated operation names with a metrics series of their own, beside the shipped operations; any other name counts as (other)' },
  { name: 'LOG_LEVEL', default: 'info', description: 'pino level: fatal, error, warn, info, debug, trace or silent' },
  { name: 'CLIENT_HEADERS_TIMEOUT_MS', default: '20000', description: "a client's request headers must arrive within this time; then 408 and the connection is closed" },
  { name: 'CLIENT_REQUEST_TIMEOUT_MS', default: '60000', description: "a client's whole request must arrive within this time; then 408 and the connection is closed" },
  { name: 'MAX_CONNECTIONS', default: '1000', description: 'open client connections; further ones are closed at accept' },
  { name: 'SHUTDOWN_GRACE_MS', default: '10000', description: 'on SIGTERM/SIGINT: time in-flight requests get to finish' },
  // Several replicas (README "Running several replicas").
  { name: 'REDIS_URL', default: '(unset)', description: 'redis:// or rediss:// URL (Valkey works too): replicas with the same REDIS_URL and CREDENTIAL_KEY share the conditional cache and rate-limit stops; unset: each process keeps its own' },
  { name: 'CREDENTIAL_KEY', default: '(random per process)', description: 'secret (32+ characters, e.g. openssl rand -hex 32) behind credential fingerprints and Redis entry encryption; required with REDIS_URL, the same on every replica' },
  { name: 'REDIS_COMMAND_TIMEOUT_MS', default: '500', description: 'bound on every Redis command; past it (or Redis down) the replica answers from its own memory and retries Redis every second' },
  { name: 'REDIS_KEY_PREFIX', default: 'ajg:', description: 'prefix of every Redis key this gateway writes' },
  { name: 'REDIS_ENTRY_TTL_SECONDS', default: '86400', description: 'a shared cache entry not refreshed (200 or 304) for this long expires from Redis' },
];

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = {}): Config {
  return {
    port: readInt(env, 'PORT', 4000, 0, 65535),
    host: readString(env, 'HOST', '0.0.0.0'),
    githubApiUrl: readBaseUrl(env, 'GITHUB_API_URL', 'https://api.github.com'),
    githubApiVersion: readApiVersion(env, 'GITHUB_API_VERSION', '2026-03-10'),
    githubToken: readOperatorToken(env),
    userAgent: readString(env, 'USER_AGENT', 'actions-jobs-gateway'),
    maxConnectionSize: readInt(env, 'MAX_CONNECTION_SIZE', 500, 1, 100_000),
    logStorageHosts: readStorageHosts(env, 'LOG_STORAGE_HOSTS'),
    maxLogBytes: readInt(env, 'MAX_LOG_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    graphiql: readBool(env, 'GRAPHIQL', true),
    dataloader: readBool(env, 'DATALOADER', true),
    cache: readBool(env, 'CACHE', true),
    cacheMaxBytes: readInt(env, 'CACHE_MAX_BYTES', 64 * 1024 * 1024, 1024, Number.MAX_SAFE_INTEGER),
    cacheMaxAge: readChoice(env, 'CACHE_MAX_AGE', ['honour', 'off'] as const, 'honour'),
    githubMaxConcurrency: readInt(env, 'GITHUB_MAX_CONCURRENCY', 10, 1, 100),
    githubConnectTimeoutMs: readInt(env, 'GITHUB_CONNECT_TIMEOUT_MS', 5_000, 1, 600_000),
    githubHeadersTimeoutMs: readInt(env, 'GITHUB_HEADERS_TIMEOUT_MS', 10_000, 1, 600_000),
    githubBodyTimeoutMs: readInt(env, 'GITHUB_BODY_TIMEOUT_MS', 10_000, 1, 600_000),
    githubRequestDeadlineMs: readInt(env, 'GITHUB_REQUEST_DEADLINE_MS', 30_000, 1, 600_000),
    githubRetries: readInt(env, 'GITHUB_RETRIES', 2, 0, 2),
    githubStatsExtension: readBool(env, 'GITHUB_STATS_EXTENSION', true),
    maxUpstreamCallsPerQuery: readInt(env, 'MAX_UPSTREAM_CALLS_PER_QUERY', 50, 1, 100_000),
    maxResponseBytes: readInt(env, 'MAX_RESPONSE_BYTES', 100 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxRequestLogBytes: readInt(env, 'MAX_REQUEST_LOG_BYTES', 32 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    logMemoryBytes: readInt(env, 'LOG_MEMORY_BYTES', 128 * 1024 * 1024, 1024, 16 * 1024 * 1024 * 1024),
    maxDepth: readInt(env, 'MAX_DEPTH', 10, 1, 1_000),
    maxAliases: readInt(env, 'MAX_ALIASES', 250, 0, 10_000),
    maxTokens: readInt(env, 'MAX_TOKENS', 5_000, 10, 1_000_000),
    maxDirectives: readInt(env, 'MAX_DIRECTIVES', 50, 0, 10_000),
    maxBodyBytes: readInt(env, 'MAX_BODY_BYTES', 100 * 1024, 1024, 64 * 1024 * 1024),
    maxBatchSize: readInt(env, 'MAX_BATCH_SIZE', 0, 0, 100),
    persistedOperations: readChoice(env, 'PERSISTED_OPERATIONS', ['off', 'allow', 'only'] as const, 'off'),
    corsOrigins: readOrigins(env, 'CORS_ORIGINS'),
    metrics: readBool(env, 'METRICS', true),
    metricsOperations: readNames(env, 'METRICS_OPERATIONS'),
    logLevel: readChoice(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    clientHeadersTimeoutMs: readInt(env, 'CLIENT_HEADERS_TIMEOUT_MS', 20_000, 100, 60_000),
    // Node requires headers to be complete before the request as a whole is: 60 s and up, never below the headers' bound.
    clientRequestTimeoutMs: readInt(env, 'CLIENT_REQUEST_TIMEOUT_MS', 60_000, 60_000, 600_000),
    maxConnections: readInt(env, 'MAX_CONNECTIONS', 1_000, 1, 1_000_000),
    shutdownGraceMs: readInt(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
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
  const redisKeyPrefix = readString(env, 'REDIS_KEY_PREFIX', 'ajg:');
  if (!/^[\x21-\x7e]{1,64}$/.test(redisKeyPrefix)) throw new ConfigError(`REDIS_KEY_PREFIX must be 1 to 64 printable characters without spaces, got "${redisKeyPrefix}"`);
  return {
    redisUrl,
    credentialKey,
    redisCommandTimeoutMs: readInt(env, 'REDIS_COMMAND_TIMEOUT_MS', 500, 10, 60_000),
    redisKeyPrefix,
    redisEntryTtlSeconds: readInt(env, 'REDIS_ENTRY_TTL_SECONDS', 86_400, 60, 30 * 86_400),
  };
}

/** GITHUB_TOKEN without the setting that says who may use it is a mistake worth stopping for. */
function readOperatorToken(env: Env): string | undefined {
  const token = readOptional(env, 'GITHUB_TOKEN');
  const anonymousUsesIt = readBool(env, 'ANONYMOUS_USES_GITHUB_TOKEN', false);
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

function readString(env: Env, name: string, fallback: string): string {
  return readOptional(env, name) ?? fallback;
}

export function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = readOptional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${raw}`);
  return value;
}

export function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = readOptional(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function readChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = readOptional(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (!(choices as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  return raw as T;
}

function readBaseUrl(env: Env, name: string, fallback: string): string {
  const raw = readString(env, name, fallback);
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

function readApiVersion(env: Env, name: string, fallback: string): string {
  const value = readString(env, name, fallback);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new ConfigError(`${name} must look like 2026-03-10, got "${value}"`);
  return value;
}
