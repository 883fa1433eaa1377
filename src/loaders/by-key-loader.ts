import DataLoader from 'dataloader';
import { asError } from '../errors/as-error.ts';

export interface ByKeyLoaderOptions<K, V> {
  /** The key's identity: one GET per distinct key in a request (plan/keys.ts). */
  cacheKeyFn: (key: K) => string;
  /** Fetches (or finds) one resource; a failure fails that key only, never its batch-mates. */
  fetchOne: (key: K) => Promise<V> | V;
  /** Runs once per batch before any key is fetched (the runs loader waits for lists that may hold them). */
  beforeBatch?: (keys: readonly K[]) => Promise<unknown>;
}

/** A per-request loader of one resource by its key: GitHub's GET-by-id endpoints have no batch form. */
export function createByKeyLoader<K, V>({ cacheKeyFn, fetchOne, beforeBatch }: ByKeyLoaderOptions<K, V>): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(
    async (keys) => {
      await beforeBatch?.(keys);
      return Promise.all(keys.map((key) => Promise.resolve().then(() => fetchOne(key)).catch((error: unknown) => asError(error))));
    },
    { cacheKeyFn },
  );
}
