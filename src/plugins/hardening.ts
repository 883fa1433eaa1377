import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { Plugin, YogaServerOptions } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { GatewayMetrics } from '../metrics.ts';
import { armorPlugins } from './armor.ts';
import { useBodyLimit } from './body-limit.ts';
import { useCostLimit } from './cost-limit.ts';
import { useGetParamsCheck } from './get-params.ts';
import { useMetricsEndpoint } from './metrics-endpoint.ts';
import { loadPersistedDocuments, persistedIdOf, usePersistedOnly } from './persisted-operations.ts';
import { useRequestInfo } from './request-info.ts';
import { useRequestLog } from './request-log.ts';

/**
 * The production plugins, in the order they must see a request: request id and body bound first, the
 * scrape endpoint, the per-request log line and metrics, CSRF, persisted operations, then the limits
 * (REST-call cost before armor's structural rules). See the README's "Production" section.
 */
export function hardeningPlugins({ config, log, metrics }: { config: Config; log: Logger; metrics: GatewayMetrics | undefined }): Plugin[] {
  const documents = config.persistedOperations === 'off' ? undefined : loadPersistedDocuments();
  return [
    useRequestInfo(),
    useBodyLimit({ maxBytes: config.maxBodyBytes }),
    ...(metrics ? [useMetricsEndpoint(metrics)] : []),
    useRequestLog({ logger: log, ...(metrics ? { metrics } : {}) }),
    // Simple (non-preflighted) requests from a browser must carry a custom header: a form on another site
    // cannot make a logged-in browser run a query. JSON POSTs are preflighted and pass.
    useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'graphql-require-preflight', 'apollo-require-preflight'] }),
    useGetParamsCheck(),
    ...(documents ? [usePersistedOnly({ documents, only: config.persistedOperations === 'only' })] : []),
    useCostLimit({
      limit: config.maxUpstreamCallsPerQuery,
      maxConnectionSize: config.maxConnectionSize,
      ...(documents ? { documentFor: (params) => documents[persistedIdOf(params) ?? ''] } : {}),
    }),
    ...armorPlugins({
      maxDepth: config.maxDepth,
      maxAliases: config.maxAliases,
      maxTokens: config.maxTokens,
      maxDirectives: config.maxDirectives,
      blockFieldSuggestions: !config.graphiql,
    }),
  ];
}

/** CORS: none by default (no CORS headers: browsers keep to the same origin); CORS_ORIGINS opens it per origin. */
export function corsOptions(config: Config): YogaServerOptions<object, object>['cors'] {
  if (config.corsOrigins.length === 0) return false;
  return {
    origin: config.corsOrigins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'x-graphql-yoga-csrf'],
    exposedHeaders: ['x-request-id'],
    credentials: false,
    maxAge: 600,
  };
}
