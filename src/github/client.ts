import { errors as undiciErrors, request, type Dispatcher } from 'undici';
import type { Credential } from './credentials.ts';
import { GitHubRequestError } from './request-error.ts';
import { isRateLimitAnswer, parseRateLimitHeaders, retryAtFor, type RateLimitSnapshot } from './rate-limit.ts';

export type Query = Record<string, string | number | undefined>;

/** What one upstream exchange looked like, reported to the per-request observer (stats, rateLimit). */
export interface UpstreamEvent {
  method: string;
  path: string;
  status: number;
  rateLimit: RateLimitSnapshot | undefined;
}

export interface CallOptions {
  credential: Credential;
  signal?: AbortSignal;
  onUpstream?: (event: UpstreamEvent) => void;
}

export interface GitHubResponse<T> {
  status: number;
  headers: Record<string, string>;
  data: T;
}

export interface GitHubClient {
  readonly baseUrl: string;
  getJson<T>(path: string, query: Query | undefined, options: CallOptions): Promise<GitHubResponse<T>>;
  /** A GET whose answer must be a redirect; returns the absolute `Location`. Never follows it. */
  getRedirect(path: string, options: CallOptions): Promise<URL>;
}

export interface GitHubClientOptions {
  baseUrl?: string;
  apiVersion?: string;
  userAgent?: string;
  dispatcher: Dispatcher;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  now?: () => number;
}

export function createGitHubClient({
  baseUrl = 'https://api.github.com',
  apiVersion = '2026-03-10',
  userAgent = 'actions-jobs-gateway',
  dispatcher,
  headersTimeoutMs = 10_000,
  bodyTimeoutMs = 10_000,
  now = Date.now,
}: GitHubClientOptions): GitHubClient {
  const base = baseUrl.replace(/\/+$/, '');

  async function send(path: string, query: Query | undefined, options: CallOptions) {
    const target = path + toSearch(query);
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      'user-agent': userAgent,
      'x-github-api-version': apiVersion,
    };
    if (options.credential.authorization) headers.authorization = options.credential.authorization;
    try {
      const response = await request(base + target, {
        method: 'GET',
        headers,
        dispatcher,
        signal: options.signal,
        headersTimeout: headersTimeoutMs,
        bodyTimeout: bodyTimeoutMs,
      });
      const responseHeaders = flattenHeaders(response.headers);
      options.onUpstream?.({
        method: 'GET',
        path: target,
        status: response.statusCode,
        rateLimit: parseRateLimitHeaders(responseHeaders),
      });
      return { target, response, headers: responseHeaders };
    } catch (cause) {
      throw transportError(cause, target);
    }
  }

  async function readText(target: string, body: Dispatcher.ResponseData['body']): Promise<string> {
    try {
      return await body.text();
    } catch (cause) {
      // A body cut short (Content-Length not met) or stalled past bodyTimeout.
      const error = transportError(cause, target);
      throw error.kind === 'network' ? new GitHubRequestError({ ...errorFields(error), kind: 'bad_body', cause }) : error;
    }
  }

  function failure(status: number, target: string, headers: Record<string, string>, body: unknown) {
    if (isRateLimitAnswer(status, headers, body)) {
      const { resetAt, retryAfterSeconds } = retryAtFor(headers, now());
      return new GitHubRequestError({ kind: 'rate_limited', status, method: 'GET', path: target, headers, resetAt, retryAfterSeconds });
    }
    return new GitHubRequestError({ kind: 'http', status, method: 'GET', path: target, headers });
  }

  return {
    baseUrl: base,

    async getJson<T>(path: string, query: Query | undefined, options: CallOptions) {
      const { target, response, headers } = await send(path, query, options);
      const text = await readText(target, response.body);
      let data: unknown;
      try {
        data = text === '' ? undefined : JSON.parse(text);
      } catch (cause) {
        if (response.statusCode < 300) throw new GitHubRequestError({ kind: 'bad_body', status: response.statusCode, method: 'GET', path: target, cause });
      }
      if (response.statusCode >= 300) throw failure(response.statusCode, target, headers, data);
      if (data === undefined) throw new GitHubRequestError({ kind: 'bad_body', status: response.statusCode, method: 'GET', path: target });
      return { status: response.statusCode, headers, data: data as T };
    },

    async getRedirect(path: string, options: CallOptions) {
      const { target, response, headers } = await send(path, undefined, options);
      const text = await readText(target, response.body);
      const status = response.statusCode;
      if (status < 300 || status >= 400) {
        let data: unknown;
        try { data = JSON.parse(text); } catch { /* error bodies need not be JSON */ }
        throw failure(status, target, headers, data);
      }
      const location = headers.location;
      if (!location) throw new GitHubRequestError({ kind: 'bad_redirect', status, method: 'GET', path: target, message: 'redirect without Location' });
      try {
        return new URL(location, base + '/');
      } catch (cause) {
        throw new GitHubRequestError({ kind: 'bad_redirect', status, method: 'GET', path: target, message: 'unparseable Location', cause });
      }
    },
  };
}

function toSearch(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) flat[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function errorFields(error: GitHubRequestError) {
  return { method: error.request.method, path: error.request.path, status: error.status };
}

/** Classifies undici's failures: timeouts (ours or undici's) versus connections that broke. */
export function transportError(cause: unknown, target: string): GitHubRequestError {
  if (cause instanceof GitHubRequestError) return cause;
  const timedOut =
    cause instanceof undiciErrors.HeadersTimeoutError ||
    cause instanceof undiciErrors.BodyTimeoutError ||
    cause instanceof undiciErrors.ConnectTimeoutError ||
    (cause instanceof Error && (cause.name === 'TimeoutError' || (cause.name === 'AbortError' && String((cause as { cause?: unknown }).cause ?? '').includes('Timeout'))));
  return new GitHubRequestError({ kind: timedOut ? 'timeout' : 'network', method: 'GET', path: target, cause });
}
