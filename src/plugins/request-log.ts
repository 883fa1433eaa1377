import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { GatewayMetrics } from '../telemetry/metrics.ts';
import { openedAccount } from '../telemetry/request-account.ts';

/**
 * One log line and one metrics sample per GraphQL request, when its response goes out: request id,
 * operation name, outcome (ok or the first error code), HTTP status, duration, the estimate, and what it
 * cost upstream (calls, cache hits, 304s). Never a header or a variable: those may hold secrets.
 */
export function useRequestLog({ logger, metrics, endpoint = '/graphql' }: { logger: Logger; metrics?: GatewayMetrics; endpoint?: string }): Plugin {
  return {
    onResponse({ request, response, serverContext }) {
      const info = openedAccount(serverContext);
      if (!info || request.method === 'OPTIONS' || new URL(request.url).pathname !== endpoint) return;
      const durationMs = performance.now() - info.startedAt;
      const outcome = info.codes[0] ?? (response.status >= 400 ? `HTTP_${response.status}` : 'ok');
      const { requests: upstream, cacheHits, notModified } = info.upstreamTotals();
      metrics?.request(info.operationName, outcome, durationMs / 1000);
      if (outcome === 'QUERY_TOO_COSTLY') metrics?.refused('cost');
      logger.info(
        { requestId: info.id, operation: info.operationName ?? null, status: response.status, outcome, durationMs: Math.round(durationMs * 10) / 10, estimate: info.estimate ?? null, upstream, cacheHits, notModified },
        'graphql request',
      );
    },
  };
}
