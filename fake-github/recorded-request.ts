import type { IncomingHttpHeaders } from 'node:http';

/** One request as a fake host received it, for assertions on what the gateway sent. */
export interface RecordedRequest {
  method: string;
  /** Path and query exactly as received (no normalisation, no decoding). */
  url: string;
  /** `url` without its query. */
  path: string;
  /** Header names are lowercase (node:http lowercases them). */
  headers: IncomingHttpHeaders;
  /** The status answered; 0 when the connection was dropped without an answer. */
  status: number;
  /** The token from `Authorization` (even an unknown one), or null. */
  token: string | null;
}
