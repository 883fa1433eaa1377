import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Credential } from '../github/credentials.ts';
import type { UpstreamObserver } from '../github/observer.ts';
import { routeLabel } from '../github/routes.ts';
import type { UpstreamEvent } from '../github/upstream.ts';

/**
 * The gateway's Prometheus metrics, in a registry of its own per app (tests run several apps in one
 * process). Every label is bounded: routes are templates (observer.ts), operation names come from an allow-list,
 * outcomes are error codes, credentials appear only as fingerprints and only the latest few.
 */
export interface GatewayMetrics {
  registry: Registry;
  observer: UpstreamObserver;
  request(operation: string | undefined, outcome: string, seconds: number): void;
  refused(reason: string): void;
}

const MAX_CREDENTIALS = 50;
const OUTCOME = /^[A-Z_]{1,40}$/;

/**
 * `operationNames`: the names that get a series of their own (the shipped operations and
 * METRICS_OPERATIONS). Any other name is counted as `(other)`: names are chosen by callers, and a caller
 * sending junk names must neither grow the label set nor push a real operation out of it.
 */
export function createMetrics({ defaultMetrics = true, operationNames = [] }: { defaultMetrics?: boolean; operationNames?: readonly string[] } = {}): GatewayMetrics {
  const registry = new Registry();
  if (defaultMetrics) collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'graphql_requests_total', help: 'GraphQL requests by operation name and outcome (ok or the first error code)', labelNames: ['operation', 'outcome'], registers: [registry] });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request duration, parse to response',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const refusals = new Counter({ name: 'graphql_refused_total', help: 'Operations refused before execution, by reason', labelNames: ['reason'], registers: [registry] });
  const upstream = new Counter({ name: 'github_requests_total', help: 'HTTP exchanges with the GitHub API (retries and 304s included), by route template and status', labelNames: ['route', 'status'], registers: [registry] });
  const cache = new Counter({ name: 'github_cache_total', help: 'Answers from the conditional-request cache: hit (GitHub not called) or not_modified (304)', labelNames: ['route', 'result'], registers: [registry] });
  const retries = new Counter({ name: 'github_retries_total', help: 'Retried GitHub requests, by route template', labelNames: ['route'], registers: [registry] });
  const remaining = new Gauge({ name: 'github_rate_limit_remaining', help: 'Latest x-ratelimit-remaining per credential fingerprint (the most recent 50 credentials)', labelNames: ['credential', 'resource'], registers: [registry] });

  const operations = new Set(operationNames);
  const operationLabel = (name: string | undefined): string => {
    if (!name) return '(anonymous)';
    return operations.has(name) ? name : '(other)';
  };

  // Least recently reported first; the oldest credential's series is removed past the cap.
  const credentials = new Map<string, string>();
  const reportRemaining = (credential: Credential, event: UpstreamEvent) => {
    if (!event.rateLimit) return;
    const { fingerprint } = credential;
    const previous = credentials.get(fingerprint);
    if (previous !== undefined && previous !== event.rateLimit.resource) remaining.remove({ credential: fingerprint, resource: previous });
    credentials.delete(fingerprint);
    credentials.set(fingerprint, event.rateLimit.resource);
    remaining.set({ credential: fingerprint, resource: event.rateLimit.resource }, event.rateLimit.remaining);
    if (credentials.size > MAX_CREDENTIALS) {
      const [oldest, resource] = credentials.entries().next().value as [string, string];
      credentials.delete(oldest);
      remaining.remove({ credential: oldest, resource });
    }
  };

  return {
    registry,
    observer: {
      upstream(event, credential) {
        const route = routeLabel(event.path);
        if (event.source === 'cache') {
          cache.inc({ route, result: 'hit' });
          return;
        }
        upstream.inc({ route, status: event.status === 0 ? 'none' : String(event.status) });
        if (event.status === 304) cache.inc({ route, result: 'not_modified' });
        reportRemaining(credential, event);
      },
      retry(request) {
        retries.inc({ route: routeLabel(request.target) });
      },
    },
    request(operation, outcome, seconds) {
      const label = operationLabel(operation);
      requests.inc({ operation: label, outcome: OUTCOME.test(outcome) || outcome === 'ok' ? outcome : 'error' });
      duration.observe({ operation: label }, seconds);
    },
    refused(reason) {
      refusals.inc({ reason });
    },
  };
}
