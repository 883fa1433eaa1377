import type { Plugin, YogaServerOptions } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { GatewayMetrics } from '../telemetry/metrics.ts';
import { armorPlugins } from './armor.ts';
import { useBatchShapeCheck } from './batch-shape.ts';
import { useBodyLimit } from './body-limit.ts';
import { useCostLimit } from './cost-limit.ts';
import { CSRF_HEADERS, useCSRFCheck } from './csrf.ts';
import { useGetParamsCheck } from './get-params.ts';
import { useMetricsEndpoint } from './metrics-endpoint.ts';
import { useNestingLimit } from './nesting-limit.ts';
import { loadPersistedDocuments, persistedIdOf, usePersistedOnly } from './persisted-operations.ts';
import { useRequestLog } from './request-log.ts';
import { useResponseSizeStop } from './response-size.ts';

/**
 * The production plugins, in the order they must see a request (after the request's account, app.ts): the body bound first, the
 * scrape endpoint, the per-request log line and metrics, CSRF, persisted operations, then the limits
 * (REST-call cost before armor's structural rules). See the README's "Production" section.
 */
export function hardeningPlugins({ config, log, metrics }: { config: Config; log: Logger; metrics: GatewayMetrics | undefined }): Plugin[] {
  const documents = config.persistedOperations === 'off' ? undefined : loadPersistedDocuments();
  return [
    useResponseSizeStop(config.maxResponseBytes),
    useBodyLimit({ maxBytes: config.maxBodyBytes }),
    ...(metrics ? [useMetricsEndpoint(metrics)] : []),
    useRequestLog({ logger: log, ...(metrics ? { metrics } : {}) }),
    // Simple (non-preflighted) requests must show a script sent them (csrf.ts): a page on another site
    // cannot make a browser run a query with the gateway's ambient authority.
    useCSRFCheck(),
    useGetParamsCheck(),
    useNestingLimit(),
    ...(config.maxBatchSize > 0 ? [useBatchShapeCheck()] : []),
    ...(documents ? [usePersistedOnly({ documents, only: config.persistedOperations === 'only' })] : []),
    useCostLimit({
      limit: config.maxUpstreamCallsPerQuery,
      maxResponseBytes: config.maxResponseBytes,
      limits: { maxConnectionSize: config.maxConnectionSize, maxLogBytes: config.maxLogBytes, maxRequestLogBytes: config.maxRequestLogBytes },
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

/**
 * CORS: none by default (no CORS headers: browsers keep to the same origin); CORS_ORIGINS opens it per
 * origin. Yoga's list form answers an unlisted origin (and `Origin: null`, sent by sandboxed iframes and
 * data: pages) with `Access-Control-Allow-Origin: null`, which such a page may read; so the options are
 * chosen per request, and an origin not on the list gets no CORS headers at all. `null` is never listed:
 * config.ts accepts http(s) origins only.
 */
export function corsOptions(config: Config): YogaServerOptions<object, object>['cors'] {
  if (config.corsOrigins.length === 0) return false;
  const allowed = new Set(config.corsOrigins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false;
    return {
      // Two entries, both the caller's origin: @whatwg-node echoes it and adds `Vary: Origin` only for lists
      // longer than one, and a shared cache must not hand one origin's answer to another.
      origin: [origin, origin],
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', 'x-request-id', ...CSRF_HEADERS],
      exposedHeaders: ['x-request-id'],
      credentials: false,
      maxAge: 600,
    };
  };
}
