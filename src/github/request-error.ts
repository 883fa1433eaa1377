/**
 * The one error type the upstream layer throws. It carries what the translation point
 * (src/errors/translate.ts) needs and nothing secret: the request's URL without credentials, never headers.
 */
export type GitHubFailureKind =
  | 'http' // GitHub answered with a non-success status
  | 'timeout' // connect, headers or body timed out, or the request deadline passed
  | 'network' // connection refused/reset before a complete answer
  | 'bad_body' // the answer could not be parsed (malformed or truncated JSON)
  | 'bad_redirect' // a redirect we refuse to follow (log downloads)
  | 'storage' // the log storage host (the redirect's target) failed or answered an error
  | 'rate_limited'; // refused locally: this credential is inside a rate-limit window

export interface GitHubRequestErrorOptions {
  kind: GitHubFailureKind;
  status?: number;
  method: string;
  /** Path and query only; no origin, so no internal host leaks into messages. */
  path: string;
  message?: string;
  headers?: Record<string, string>;
  /** When GitHub says to come back (rate limits). */
  resetAt?: Date;
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class GitHubRequestError extends Error {
  override name = 'GitHubRequestError';
  readonly kind: GitHubFailureKind;
  readonly status: number | undefined;
  readonly request: { method: string; path: string };
  readonly headers: Record<string, string>;
  readonly resetAt: Date | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(options: GitHubRequestErrorOptions) {
    super(options.message ?? describe(options), { cause: options.cause });
    this.kind = options.kind;
    this.status = options.status;
    this.request = { method: options.method, path: options.path };
    this.headers = options.headers ?? {};
    this.resetAt = options.resetAt;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

function describe(options: GitHubRequestErrorOptions): string {
  const what = `${options.method} ${options.path}`;
  if (options.kind === 'http') return `GitHub answered ${options.status} to ${what}`;
  return `${options.kind} on ${what}`;
}
