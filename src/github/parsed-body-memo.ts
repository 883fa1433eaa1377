import { LRUCache } from 'lru-cache';

/**
 * Parses each upstream body once per (credential, URL, ETag) and hands every later request the same
 * parsed result. A warm dashboard query is served from the conditional cache without calling GitHub,
 * and parsing the stored JSON again for every request was CPU and garbage spent on the same answer (three
 * 100-job pages with steps are ~1 MB of objects). Requests share the result, so nothing may change it: resolvers read the
 * upstream JSON as their backing model and never write to it. It is not frozen because the one write
 * that does happen is Pothos' type brand on node objects (relay's `brandWithType`), and a job is a Job
 * for every request.
 *
 * In-process only: whatever CacheStore holds the bodies (memory or shared), parsed objects stay here.
 * An entry is used only when the body is the same string too (the same object in the memory store: a
 * pointer comparison), so a reused ETag can never serve another body.
 */
export interface ParsedBodyMemo {
  /** `key` undefined: nothing to memoize by (no ETag), parse as usual. Throws what JSON.parse throws. */
  parse(key: string | undefined, body: string): unknown;
}

export function createParsedBodyMemo({ maxBodyBytes = 16 * 1024 * 1024 }: { maxBodyBytes?: number } = {}): ParsedBodyMemo {
  const memo = new LRUCache<string, { body: string; value: unknown }>({ maxSize: maxBodyBytes, sizeCalculation: (entry) => Math.max(1, entry.body.length) });
  return {
    parse(key, body) {
      if (key === undefined || body.length > maxBodyBytes) return JSON.parse(body);
      const hit = memo.get(key);
      if (hit && hit.body === body) return hit.value;
      const value: unknown = JSON.parse(body);
      memo.set(key, { body, value });
      return value;
    },
  };
}
