import { Counter, Gauge, type Registry } from 'prom-client';
import type { RedisState } from './redis-link.ts';
import type { SharedReadResult } from './shared-cache-store.ts';

export interface ReplicaMetrics {
  read(result: SharedReadResult): void;
  error(op: string): void;
  state(state: RedisState): void;
}

/** Redis-side figures beside the gateway's own (metrics.ts), in the app's registry. Labels are fixed sets. */
export function createReplicaMetrics(registry: Registry): ReplicaMetrics {
  const reads = new Counter({
    name: 'shared_cache_reads_total',
    help: 'Conditional-cache reads from Redis: hit (an entry this credential could open), miss, unreadable (sealed for another credential), unavailable (Redis down or slow: this replica\'s memory answered)',
    labelNames: ['result'],
    registers: [registry],
  });
  const errors = new Counter({ name: 'redis_errors_total', help: 'Redis commands that failed or timed out, by command', labelNames: ['op'], registers: [registry] });
  const up = new Gauge({ name: 'redis_up', help: '1 while Redis answers (sharing on), 0 while this replica runs on its own memory', registers: [registry] });
  up.set(0);
  return {
    read: (result) => reads.inc({ result }),
    error: (op) => errors.inc({ op }),
    state: (state) => up.set(state === 'up' ? 1 : 0),
  };
}
