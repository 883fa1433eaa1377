import type { Plugin } from 'graphql-yoga';
import type { GatewayMetrics } from '../telemetry/metrics.ts';

/**
 * Prometheus' scrape endpoint, GET /metrics, in the text exposition format. It tells request volumes and
 * route templates, no secrets, but operators usually keep it off the public network (README, Production).
 * prom-client rather than @graphql-yoga/plugin-prometheus: that plugin labels by raw operation name on
 * the global registry; ours bounds every label and lives per app.
 */
export function useMetricsEndpoint(metrics: GatewayMetrics, path = '/metrics'): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== path || request.method !== 'GET') return;
      endResponse(new fetchAPI.Response(await metrics.registry.metrics(), { status: 200, headers: { 'content-type': metrics.registry.contentType } }));
    },
  };
}
