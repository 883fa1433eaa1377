import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { pino, type Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { Config } from './config.ts';
import { createContextFactory } from './context.ts';
import { ByteBudget } from './logs/byte-budget.ts';
import { maskError } from './errors/translate.ts';
import { createMemoryCacheStore, type CacheStore, type MemoryCacheStore } from './github/cache-store.ts';
import { graphiqlOptions, type GraphiQLStart } from './graphiql.ts';
import type { GitHubClient } from './github/client.ts';
import { githubClientFrom } from './github-client-from-config.ts';
import type { UpstreamLogger } from './github/upstream.ts';
import { LIVENESS_PATH, useGitHubReadiness } from './health.ts';
import type { PollLeader } from './live/poll-leader.ts';
import { createLivePoller } from './live/poller.ts';
import { yogaLogger } from './telemetry/logging.ts';
import { createMetrics, type GatewayMetrics } from './telemetry/metrics.ts';
import { useClientIntrospection } from './plugins/client-introspection.ts';
import { corsOptions, hardeningPlugins } from './plugins/hardening.ts';
import { useFederationTrace } from './plugins/federation-trace.ts';
import { useGitHubStats } from './plugins/github-stats.ts';
import { useGraphiQLPage } from './plugins/graphiql-page.ts';
import { useJitExecution } from './plugins/jit-execution.ts';
import { useLiveDedupe } from './plugins/live-dedupe.ts';
import { useRequestAccount } from './plugins/request-account.ts';
import { persistedOperationNames } from './plugins/persisted-operations.ts';
import { createReplicaSharing, type ReplicaSharing } from './replicas/replica-sharing.ts';
import { sharedPollLeader } from './replicas/shared-poll-leader.ts';
import { schema, subgraphSchema } from './schema/index.ts';

export interface AppOptions {
  config: Config;
  /** The one undici dispatcher for GitHub; injected, never set globally. */
  dispatcher: Dispatcher;
  /** The dispatcher for the log storage host (the logs redirect's target); `dispatcher` unless given. No credentials ever go there. */
  storageDispatcher?: Dispatcher;
  /** Tests may hand in a client built their own way. */
  client?: GitHubClient;
  /** The query and headers GraphiQL opens with (src/graphiql.ts: a template unless the demo hands in its own). */
  graphiql?: GraphiQLStart;
  /** The conditional-request store; the in-memory LRU (CACHE_MAX_BYTES) unless a shared one is handed in. */
  cacheStore?: CacheStore;
  /** Upstream logging (retries, rate-limit windows); records name credentials by fingerprint only. */
  logger?: UpstreamLogger;
  /** Request log lines and Yoga's own messages (src/telemetry/logging.ts); silent unless given (server.ts gives one). */
  log?: Logger;
  /** Prometheus metrics; a registry of this app's own when METRICS is on, unless one is handed in. */
  metrics?: GatewayMetrics;
  /** The clock rate-limit windows and cache freshness are judged by (tests share the fake GitHub's). */
  now?: () => number;
  /** Which replica polls GitHub for a live subscription (src/live/poll-leader.ts); this process alone unless given. */
  pollLeader?: PollLeader;
}

/** Builds the Yoga app; no side effects at import, nothing listens until server.ts says so. */
export function createApp({ config, dispatcher, storageDispatcher = dispatcher, client, graphiql, cacheStore, logger, now, pollLeader, log = pino({ level: 'silent' }), metrics = config.metrics ? createMetrics({ operationNames: [...persistedOperationNames(), ...config.metricsOperations] }) : undefined }: AppOptions) {
  // Several replicas: REDIS_URL shares the conditional cache and rate-limit stops (src/replicas/); closed on dispose.
  const replicas = replicaSharing(config, logger ?? log, metrics, now);
  const github =
    client ??
    githubClientFrom(config, {
      dispatcher,
      cache: config.cache ? (cacheStore ?? sharedOrLocal(replicas, createMemoryCacheStore({ maxBytes: config.cacheMaxBytes }))) : false,
      ...(replicas ? { sharedStops: replicas.stops } : {}),
      ...(logger ? { logger } : {}),
      ...(metrics ? { observer: metrics.observer } : {}),
      ...(now ? { now } : {}),
    });
  const live = createLivePoller({ client: github, intervalMs: config.subscriptionPollIntervalMs, maxPerCredential: config.maxSubscriptionsPerCredential, ...(pollLeaderFor(pollLeader, replicas) ?? {}) });
  return createYoga({
    // The federation subgraph schema: the client-facing types plus `_service` and `_entities`, so a
    // federation gateway can compose and query this same deployment (src/schema/index.ts).
    schema: subgraphSchema,
    context: createContextFactory({
      config,
      // One per process: every request's log downloads share it (LOG_MEMORY_BYTES).
      logMemory: new ByteBudget(config.logMemoryBytes),
      client: github,
      storage: { dispatcher: storageDispatcher, allowedHosts: config.logStorageHosts, headersTimeoutMs: config.githubHeadersTimeoutMs, bodyTimeoutMs: config.githubBodyTimeoutMs },
      live,
    }),
    maskedErrors: { maskError },
    // GraphiQL is ours (plugins/graphiql-page.ts: bundled, compressed, revalidated), not Yoga's.
    graphiql: false,
    landingPage: false,
    // Liveness: the process answers. Readiness (/readyz) asks GitHub: src/health.ts.
    healthCheckEndpoint: LIVENESS_PATH,
    logging: yogaLogger(log),
    cors: corsOptions(config),
    // Off by default; when on, a batch's operations share one cost limit (plugins/cost-limit.ts).
    batching: config.maxBatchSize > 0 ? { limit: config.maxBatchSize } : false,
    // Yoga's own limit re-streams every body through a TransformStream (an AbortController and a
    // DOMException per request on Node 20). Ours (plugins/body-limit.ts) already refuses a POST without
    // Content-Length (411) or over MAX_BODY_BYTES (413), and Node holds a body to its Content-Length.
    maxRequestBodySize: false,
    plugins: [
      // First: every later hook, GraphiQL's page included, reaches the request's account (id, log line).
      useRequestAccount({ maxResponseBytes: config.maxResponseBytes }),
      ...(config.graphiql ? [useGraphiQLPage({ endpoint: '/graphql', options: graphiqlOptions(graphiql) })] : []),
      ...hardeningPlugins({ config, log, metrics }),
      useGitHubReadiness({ config, dispatcher, ...(replicas ? { redisStatus: replicas.status } : {}) }),
      ...(replicas ? [{ onDispose: () => replicas.close() }] : []),
      // Before the plugins that run a query on another schema (client introspection, federation traces):
      // they wrap the compiled execution, which compiles per schema.
      ...(config.graphqlJit ? [useJitExecution()] : []),
      useLiveDedupe(),
      // yoga.dispose() (server.ts on SIGTERM) ends every subscription, so open event streams do not hold the shutdown.
      { onDispose: () => live.close() },
      // GraphiQL's docs show the client contract, not the federation fields; off, there is no introspection.
      config.graphiql ? useClientIntrospection(schema) : disableIntrospection,
      ...(config.githubStatsExtension ? [useGitHubStats()] : []),
      useFederationTrace(subgraphSchema),
    ],
  });
}

function replicaSharing(config: Config, logger: UpstreamLogger, metrics: GatewayMetrics | undefined, now: (() => number) | undefined): ReplicaSharing | undefined {
  if (!config.redisUrl || !config.credentialKey) return undefined;
  return createReplicaSharing({
    redisUrl: config.redisUrl,
    credentialKey: config.credentialKey,
    commandTimeoutMs: config.redisCommandTimeoutMs,
    keyPrefix: config.redisKeyPrefix,
    entryTtlSeconds: config.redisEntryTtlSeconds,
    logger,
    now: now ?? Date.now,
    ...(metrics ? { registry: metrics.registry } : {}),
  });
}

function sharedOrLocal(replicas: ReplicaSharing | undefined, local: MemoryCacheStore): CacheStore {
  return replicas ? replicas.cacheStore(local) : local;
}

/**
 * GRAPHIQL=false is the production setting: no GraphiQL and no introspection. graphql-js' own rule,
 * added per operation the way @envelop/disable-introspection does it (that package is only a transitive
 * dev dependency here). `_service { sdl }` is not introspection: federation gateways still compose.
 */
const disableIntrospection: Plugin = {
  onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
};

/** Who polls a watched resource: the one given (tests), else one replica through Redis, else this process. */
function pollLeaderFor(given: PollLeader | undefined, replicas: ReplicaSharing | undefined): { leader: PollLeader } | undefined {
  if (given) return { leader: given };
  return replicas ? { leader: sharedPollLeader(replicas.pollers()) } : undefined;
}
