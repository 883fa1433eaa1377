import { LRUCache } from 'lru-cache';
import type { Credential } from './credentials.ts';

/** One stored answer: what revalidation needs (ETag) and what a 304 or a fresh hit serves (status, headers, body). */
export interface CacheEntry {
  etag: string | undefined;
  status: number;
  /** The answer's headers worth replaying (Link, ETag, Cache-Control…); never request headers. */
  headers: Record<string, string>;
  body: string;
  /** Epoch ms when GitHub last confirmed it (200 or 304), by the client's clock. */
  storedAt: number;
  /** Seconds it stays fresh from `storedAt`; 0 when it must always be revalidated. */
  maxAge: number;
}

/**
 * Where the conditional-request cache keeps its entries. Async-capable so a shared store (Redis,
 * src/replicas/) can replace the in-memory one when the gateway runs as several replicas; keys already
 * carry the credential fingerprint, never a token. The credential is handed in so a shared store can
 * encrypt what it writes with a key only that credential yields; it is never stored.
 */
export interface CacheStore {
  get(key: string, credential: Credential): CacheEntry | undefined | Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry, credential: Credential): void | Promise<void>;
  delete(key: string, credential: Credential): void | Promise<void>;
}

export interface MemoryCacheStoreOptions {
  maxBytes: number;
}

/** In one process's memory nothing leaves it, so entries are kept as they are: the credential is not needed. */
export interface MemoryCacheStore extends CacheStore {
  get(key: string, credential?: Credential): CacheEntry | undefined;
  set(key: string, entry: CacheEntry, credential?: Credential): void;
  delete(key: string, credential?: Credential): void;
  readonly size: number;
  readonly bytes: number;
}

/** The in-memory store: least recently used entries go first once the bodies (and keys) pass `maxBytes`. */
export function createMemoryCacheStore({ maxBytes }: MemoryCacheStoreOptions): MemoryCacheStore {
  const lru = new LRUCache<string, CacheEntry>({
    maxSize: maxBytes,
    // An answer bigger than the whole budget is not stored rather than emptying the cache for it.
    maxEntrySize: maxBytes,
    sizeCalculation: (entry, key) => Math.max(1, entrySize(key, entry)),
  });
  return {
    get: (key) => lru.get(key),
    set: (key, entry) => {
      lru.set(key, entry);
    },
    delete: (key) => {
      lru.delete(key);
    },
    get size() {
      return lru.size;
    },
    get bytes() {
      return lru.calculatedSize;
    },
  };
}

/** Bytes as stored in UTF-16 would be twice this; UTF-8 length is what a shared store would hold. */
export function entrySize(key: string, entry: CacheEntry): number {
  let size = Buffer.byteLength(key) + Buffer.byteLength(entry.body);
  for (const [name, value] of Object.entries(entry.headers)) size += name.length + value.length;
  return size;
}
