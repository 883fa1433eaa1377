import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { InvalidAuthorizationError } from '../github/credentials.ts';
import { GitHubRequestError } from '../github/request-error.ts';
import { LogBudgetExhaustedError, RequestLogsTooLargeError } from '../logs/log-hold.ts';
import { ResponseTooLargeError } from '../telemetry/request-account.ts';
import { UserInputError } from './user-input-error.ts';

/**
 * The single place where failures become client-facing GraphQL errors with `extensions.code`.
 * Resolvers and loaders just throw; Yoga calls `maskError` on every error of a result. Known failures
 * get a code and a message written for the caller; anything else is masked by Yoga (no stack, no
 * token, no internal URL reaches the client).
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'GONE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_TIMEOUT'
  /** Refused before execution: the static estimate of REST calls is over MAX_UPSTREAM_CALLS_PER_QUERY (plugins/cost-limit.ts). */
  | 'QUERY_TOO_COSTLY'
  /** The response could grow (estimate) or grew (at run time) past MAX_RESPONSE_BYTES (plugins/cost-limit.ts, plugins/response-size.ts). */
  | 'RESPONSE_TOO_LARGE'
  /** The process' log memory budget stayed full longer than a caller may wait (log-budget.ts). */
  | 'LOG_BUDGET_EXHAUSTED'
  /** Refused at subscribe time: the credential holds MAX_SUBSCRIPTIONS_PER_CREDENTIAL subscriptions already. */
  | 'TOO_MANY_SUBSCRIPTIONS';

export function gatewayError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export function translate(error: Error): { code: ErrorCode; message: string; extra: Record<string, unknown> } | undefined {
  if (error instanceof UserInputError) {
    return { code: 'BAD_USER_INPUT', message: error.message, extra: error.argument ? { argument: error.argument } : {} };
  }
  // Raised before execution, so the whole request fails: HTTP 401 (Yoga reads extensions.http).
  if (error instanceof InvalidAuthorizationError) return { code: 'UNAUTHENTICATED', message: error.message, extra: { http: { status: 401 } } };
  if (error instanceof GitHubRequestError) return translateUpstream(error);
  if (error instanceof ResponseTooLargeError || error instanceof RequestLogsTooLargeError) return { code: 'RESPONSE_TOO_LARGE', message: error.message, extra: { limit: error.limit } };
  if (error instanceof LogBudgetExhaustedError) return { code: 'LOG_BUDGET_EXHAUSTED', message: error.message, extra: {} };
  return undefined;
}

function translateUpstream(error: GitHubRequestError): { code: ErrorCode; message: string; extra: Record<string, unknown> } {
  const status = error.status;
  const upstream = status !== undefined ? { upstreamStatus: status } : {};
  switch (error.kind) {
    case 'rate_limited':
      return {
        code: 'RATE_LIMITED',
        message: 'GitHub rate limit exceeded for this credential; retry after resetAt',
        extra: { ...upstream, resetAt: error.resetAt?.toISOString(), retryAfter: error.retryAfterSeconds },
      };
    case 'timeout':
      return { code: 'UPSTREAM_TIMEOUT', message: 'GitHub did not answer in time', extra: {} };
    case 'network':
      return { code: 'UPSTREAM_ERROR', message: 'The connection to GitHub failed', extra: {} };
    case 'bad_body':
      return { code: 'UPSTREAM_ERROR', message: 'GitHub sent a response that could not be read', extra: upstream };
    case 'bad_redirect':
      return { code: 'UPSTREAM_ERROR', message: 'GitHub redirected somewhere the gateway will not follow', extra: upstream };
    case 'storage':
      // Not GitHub's status: the blob host's. A 403 there is an expired signature, not the caller's access.
      return { code: 'UPSTREAM_ERROR', message: 'The log storage host failed', extra: status !== undefined ? { storageStatus: status } : {} };
    case 'http':
      break;
  }
  if (status === 404) return { code: 'NOT_FOUND', message: 'Not found on GitHub (or not visible to this credential)', extra: upstream };
  if (status === 410) return { code: 'GONE', message: 'No longer available on GitHub (expired)', extra: upstream };
  if (status === 401) return { code: 'UNAUTHENTICATED', message: 'GitHub rejected the credential', extra: upstream };
  if (status === 403) return { code: 'FORBIDDEN', message: 'GitHub refused access with this credential', extra: upstream };
  if (status !== undefined && status >= 400 && status < 500) {
    return { code: 'UPSTREAM_ERROR', message: `GitHub refused the request (${status})`, extra: upstream };
  }
  return { code: 'UPSTREAM_ERROR', message: `GitHub failed (${status ?? 'no status'})`, extra: upstream };
}

export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  // Duck-typed, not `instanceof GraphQLError`: the executor may create its errors from another copy of
  // graphql-js (ESM and CJS builds can both be loaded), and then instanceof fails.
  const wrapped = isGraphQLErrorLike(error) ? error : undefined;
  const original = wrapped ? wrapped.originalError : error;
  const known = original instanceof Error ? translate(original) : undefined;
  if (known && wrapped) {
    return new GraphQLError(known.message, {
      nodes: wrapped.nodes,
      source: wrapped.source,
      positions: wrapped.positions,
      path: wrapped.path,
      extensions: { ...wrapped.extensions, code: known.code, ...known.extra },
    });
  }
  if (known) return gatewayError(known.code, known.message, known.extra);
  if (wrapped && !wrapped.originalError && !wrapped.path && wrapped.extensions?.code === undefined) return withRequestErrorCode(wrapped);
  return yogaMaskError(error, message, isDev);
}

/**
 * graphql-js reports unparseable documents, invalid operations and uncoercible variables without a
 * code; clients branch on codes, so give them the conventional ones (Apollo's names).
 */
function withRequestErrorCode(error: GraphQLError): GraphQLError {
  const code = error.message.startsWith('Syntax Error')
    ? 'GRAPHQL_PARSE_FAILED'
    : error.message.startsWith('Variable "$')
      ? 'BAD_USER_INPUT'
      : 'GRAPHQL_VALIDATION_FAILED';
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code },
  });
}

function isGraphQLErrorLike(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError || (error instanceof Error && error.name === 'GraphQLError' && 'originalError' in error);
}
