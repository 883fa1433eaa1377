import type { SharedRateLimitStops } from '../github/rate-limit-gate.ts';
import type { RedisLink } from './redis-link.ts';

export interface RedisRateLimitStopsOptions {
  link: RedisLink;
  name: (fingerprint: string) => string;
  now: () => number;
}

/**
 * Rate-limit stops shared through Redis: a key per credential holding the epoch ms of the end of the
 * stop, expiring with it. Anonymous callers are left out: GitHub counts them per IP address, and replicas
 * behind different addresses have different budgets, so one replica's stop says nothing about another's.
 */
export function createRedisRateLimitStops({ link, name, now }: RedisRateLimitStopsOptions): SharedRateLimitStops {
  return {
    async closedUntil(credential) {
      if (!credential.authorization) return undefined;
      const value = await link.run('get', (redis) => redis.get(name(credential.fingerprint)));
      const until = value ? Number(value) : NaN;
      return Number.isFinite(until) ? until : undefined;
    },
    async close(credential, until) {
      const wait = Math.ceil(until - now());
      if (!credential.authorization || wait <= 0) return;
      await link.run('set', (redis) => redis.set(name(credential.fingerprint), String(until), 'PX', wait));
    },
  };
}
