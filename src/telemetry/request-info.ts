import { randomUUID } from 'node:crypto';
import type { RequestStats } from './request-stats.ts';

/**
 * What the hardening plugins learn about one HTTP request, keyed by its `Request` object (shared by the
 * operations of a batch): the request id, the operation, the cost estimate, the upstream stats. The
 * request log line and the metrics read it when the response goes out.
 */
export interface RequestInfo {
  id: string;
  startedAt: number;
  operationName: string | undefined;
  /** Upstream calls the cost limit estimated (summed over a batch). */
  estimate: number | undefined;
  /** Per operation of the request (one, or several in a batch). */
  stats: RequestStats[];
  /** Error codes of the results (the first of each result), for the outcome label and the log line. */
  codes: string[];
  /** Bytes of large values (log text and lines) the results hold so far, for the runtime size stop. */
  responseBytes: number;
  /** Set when responseBytes passed MAX_RESPONSE_BYTES: the whole response is replaced by the error. */
  tooLarge: boolean;
  /** Run once when the response goes out (log memory given back). */
  onEnd: Array<() => void>;
}

const infos = new WeakMap<Request, RequestInfo>();

// Ids we echo and forward: printable, short, no separators a header or a log line could be split on.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's info, created on first use: honours a well-formed `x-request-id`, else a fresh UUID. */
export function requestInfo(request: Request): RequestInfo {
  let info = infos.get(request);
  if (!info) {
    const given = request.headers.get('x-request-id')?.trim();
    info = { id: given && ACCEPTABLE_ID.test(given) ? given : randomUUID(), startedAt: performance.now(), operationName: undefined, estimate: undefined, stats: [], codes: [], responseBytes: 0, tooLarge: false, onEnd: [] };
    infos.set(request, info);
  }
  return info;
}
