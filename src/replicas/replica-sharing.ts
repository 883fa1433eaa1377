import type { Registry } from 'prom-client';
import type { CacheStore, MemoryCacheStore } from '../github/cache-store.ts';
import type { SharedRateLimitStops } from '../github/rate-limit-gate.ts';
import { createRedisPollerCoordination, type PollerCoordination } from './poller-coordination.ts';
import { createReplicaMetrics } from './replica-metrics.ts';
import { createRedisLink, type RedisLinkLogger, type RedisStatus } from './redis-link.ts';
import { createKeyNamer, createSealer } from './sealed-entry.ts';
import { createSharedCacheStore } from './shared-cache-store.ts';
import { createRedisRateLimitStops } from './shared-stops.ts';

export interface ReplicaSharingOptions {
  redisUrl: string;
  credentialKey: string;
  commandTimeoutMs: number;
  keyPrefix: string;
  entryTtlSeconds: number;
  logger: RedisLinkLogger;
  /** The app's metrics registry, when metrics are on. */
  registry?: Registry;
  now: () => number;
}

/** What several replicas share through one Redis: the conditional cache and rate-limit stops. */
export interface ReplicaSharing {
  /** The shared store in front of this replica's own memory (`local`). */
  cacheStore(local: MemoryCacheStore): CacheStore;
  stops: SharedRateLimitStops;
  /** The seam for subscriptions polling once across replicas (poller-coordination.ts); its connection opens on first use. */
  pollers(): PollerCoordination;
  status(): RedisStatus;
  close(): void;
}

export function createReplicaSharing({ redisUrl, credentialKey, commandTimeoutMs, keyPrefix, entryTtlSeconds, logger, registry, now }: ReplicaSharingOptions): ReplicaSharing {
  const metrics = registry ? createReplicaMetrics(registry) : undefined;
  const link = createRedisLink({
    url: redisUrl,
    commandTimeoutMs,
    logger,
    ...(metrics ? { onError: metrics.error, onState: metrics.state } : {}),
  });
  const name = createKeyNamer(credentialKey, keyPrefix);
  const sealer = createSealer(credentialKey);
  let pollers: PollerCoordination | undefined;
  return {
    cacheStore: (local) =>
      createSharedCacheStore({ link, local, sealer, name: (key) => name('c', key), ttlSeconds: entryTtlSeconds, ...(metrics ? { onRead: metrics.read } : {}) }),
    stops: createRedisRateLimitStops({ link, name: (fingerprint) => name('stop', fingerprint), now }),
    pollers: () => (pollers ??= createRedisPollerCoordination({ link, sealer, name })),
    status: link.status,
    close: link.close,
  };
}
