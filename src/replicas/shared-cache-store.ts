import type { CacheEntry, CacheStore, MemoryCacheStore } from '../github/cache-store.ts';
import type { RedisLink } from './redis-link.ts';
import type { Sealer } from './sealed-entry.ts';

/** What a read from Redis came to: used, absent, present but not openable with this credential, or Redis unavailable. */
export type SharedReadResult = 'hit' | 'miss' | 'unreadable' | 'unavailable';

export interface SharedCacheStoreOptions {
  link: RedisLink;
  /** This replica's own memory: written on every set, read when Redis has nothing or is away. */
  local: MemoryCacheStore;
  sealer: Sealer;
  name: (key: string) => string;
  ttlSeconds: number;
  onRead?: (result: SharedReadResult) => void;
}

/**
 * The conditional cache across replicas: Redis first (what any replica learnt last), this replica's
 * memory as the fallback, the newer of the two when both have the entry (Redis may have missed writes
 * while it was away). Every entry is sealed for the caller's credential (sealed-entry.ts).
 */
export function createSharedCacheStore({ link, local, sealer, name, ttlSeconds, onRead }: SharedCacheStoreOptions): CacheStore {
  return {
    async get(key, credential) {
      const redisKey = name(key);
      const stored = await link.run('get', (redis) => redis.getBuffer(redisKey));
      let shared: CacheEntry | undefined;
      if (stored === undefined) onRead?.('unavailable');
      else if (stored === null) onRead?.('miss');
      else {
        shared = decode(sealer.open(credential, redisKey, stored));
        onRead?.(shared ? 'hit' : 'unreadable');
      }
      const own = local.get(key);
      if (!shared) return own;
      if (own && own.storedAt > shared.storedAt) return own;
      // Keep a copy: if Redis goes away, this replica still has what it last served.
      local.set(key, shared);
      return shared;
    },
    async set(key, entry, credential) {
      local.set(key, entry);
      const redisKey = name(key);
      await link.run('set', (redis) => redis.set(redisKey, sealer.seal(credential, redisKey, JSON.stringify(entry)), 'EX', ttlSeconds));
    },
    async delete(key) {
      local.delete(key);
      const redisKey = name(key);
      await link.run('del', (redis) => redis.del(redisKey));
    },
  };
}

function decode(text: string | undefined): CacheEntry | undefined {
  if (text === undefined) return undefined;
  try {
    const entry = JSON.parse(text) as CacheEntry;
    return typeof entry.body === 'string' && typeof entry.storedAt === 'number' ? entry : undefined;
  } catch {
    return undefined;
  }
}
