import { errors as undiciErrors, request, type Dispatcher } from 'undici';
import { parseRateLimitHeaders } from './rate-limit.ts';
import { GitHubRequestError } from './request-error.ts';
import type { Send } from './upstream.ts';

export interface TransportOptions {
  dispatcher: Dispatcher;
  /**
   * Time to the response headers, per attempt (the connect timeout lives in the dispatcher). undici
   * enforces headers/body timeouts with its coarse timers (about 1 s granularity); the deadline step's
   * native timer is the precise bound.
   */
  headersTimeoutMs: number;
  /** Longest silence while the body streams, per attempt. */
  bodyTimeoutMs: number;
}

/**
 * The innermost `send`: one HTTP exchange over the shared keep-alive pool, body read in full.
 * Reports every exchange (retries included) to the request's observer, because each one is a request
 * GitHub counts.
 */
export function createTransport({ dispatcher, headersTimeoutMs, bodyTimeoutMs }: TransportOptions): Send {
  return async (upstream) => {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(upstream.url, {
        method: upstream.method,
        headers: upstream.headers,
        dispatcher,
        signal: upstream.signal,
        headersTimeout: headersTimeoutMs,
        bodyTimeout: bodyTimeoutMs,
      });
    } catch (cause) {
      // Still a request GitHub may have received and counted: report it, without an answer (status 0).
      upstream.onUpstream?.({ method: upstream.method, path: upstream.target, status: 0, rateLimit: undefined, source: 'network' });
      throw transportError(cause, upstream.target);
    }
    const headers = flattenHeaders(response.headers);
    upstream.onUpstream?.({
      method: upstream.method,
      path: upstream.target,
      status: response.statusCode,
      rateLimit: parseRateLimitHeaders(headers),
      source: 'network',
    });
    let body: string;
    try {
      body = await response.body.text();
    } catch (cause) {
      // A body cut short (Content-Length not met) or stalled past bodyTimeout: unreadable, maybe transient.
      const error = transportError(cause, upstream.target);
      if (error.kind === 'timeout') throw error;
      throw new GitHubRequestError({ kind: 'bad_body', status: response.statusCode, method: upstream.method, path: upstream.target, cause });
    }
    return { status: response.statusCode, headers, body };
  };
}

export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) flat[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Classifies undici's failures: timeouts (undici's or an aborted deadline) versus connections that broke. */
export function transportError(cause: unknown, target: string): GitHubRequestError {
  if (cause instanceof GitHubRequestError) return cause;
  const timedOut =
    cause instanceof undiciErrors.HeadersTimeoutError ||
    cause instanceof undiciErrors.BodyTimeoutError ||
    cause instanceof undiciErrors.ConnectTimeoutError ||
    (cause instanceof Error && (cause.name === 'TimeoutError' || (cause.name === 'AbortError' && String((cause as { cause?: unknown }).cause ?? '').includes('Timeout'))));
  return new GitHubRequestError({ kind: timedOut ? 'timeout' : 'network', method: 'GET', path: target, cause });
}
