import type { Credential } from './credentials.ts';
import type { RateLimitSnapshot } from './rate-limit.ts';

/**
 * The client's `send`, taken apart into steps (deadline → cache → rate-limit gate → retries →
 * concurrency → transport), each a function from the next `send` to a new one, so each concern sits
 * in one small file and can be tested or switched off alone (Koa/undici-interceptor style).
 */

/** What one upstream exchange (or one answer from the cache) looked like, reported per GraphQL request. */
export interface UpstreamEvent {
  method: string;
  path: string;
  status: number;
  rateLimit: RateLimitSnapshot | undefined;
  /** 'network': GitHub answered (a 304 included); 'cache': served from the store, GitHub not called. */
  source: 'network' | 'cache';
}

export interface UpstreamRequest {
  method: 'GET';
  /** Absolute URL: the configured base plus `target`. */
  url: string;
  /** Path and query only: what errors, logs and events may show. */
  target: string;
  /** Lowercase names. Holds `authorization` for the API host only; never logged, never a key. */
  headers: Record<string, string>;
  credential: Credential;
  signal: AbortSignal | undefined;
  onUpstream: ((event: UpstreamEvent) => void) | undefined;
  /** Ask GitHub (conditionally) even while a stored answer is fresh, and never answer from the store instead (live views). */
  revalidate?: boolean;
}

export interface UpstreamResponse {
  status: number;
  /** Lowercase names, multi-valued headers joined with ", ". */
  headers: Record<string, string>;
  /** The whole body: every answer is small JSON or a redirect (logs stream elsewhere, without credentials). */
  body: string;
}

export type Send = (request: UpstreamRequest) => Promise<UpstreamResponse>;
export type Step = (next: Send) => Send;

/** compose(a, b, c)(send) is a(b(c(send))): the first step listed sees the request first. */
export function compose(...steps: Step[]): Step {
  return (send) => steps.reduceRight((next, step) => step(next), send);
}

/** The pino-shaped subset the upstream layer logs through; every record names the credential by fingerprint only. */
export interface UpstreamLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: UpstreamLogger = { debug() {}, warn() {} };

/** Log fields for a request: never its headers (they hold the token). */
export function logFields(request: UpstreamRequest): Record<string, unknown> {
  return { credential: request.credential.fingerprint, method: request.method, path: request.target };
}
