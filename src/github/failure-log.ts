import { GitHubRequestError } from './request-error.ts';
import { logFields, type Step, type UpstreamLogger } from './upstream.ts';

/** Why a call never got an answer, in the words an operator acts on. */
export type FailureReason = 'dns' | 'refused' | 'unreachable' | 'reset' | 'tls' | 'timeout' | 'bad_body' | 'network';

export interface FailureDescription {
  reason: FailureReason;
  /** The system or undici code (ENOTFOUND, ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT, CERT_HAS_EXPIRED …), when there is one. */
  code: string | undefined;
  /** The lowest cause's own message ("getaddrinfo ENOTFOUND api.github.com"): hosts and ports, never headers. */
  detail: string;
}

const REASON_BY_CODE: Record<string, FailureReason> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NODATA: 'dns',
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENETDOWN: 'unreachable',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  EPROTO: 'tls',
};
// OpenSSL's verification codes (CERT_HAS_EXPIRED, UNABLE_TO_VERIFY_LEAF_SIGNATURE …) and Node's TLS errors.
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/;

const HEADLINE: Record<FailureReason, string> = {
  dns: 'DNS lookup failed',
  refused: 'connection refused',
  unreachable: 'host unreachable',
  reset: 'connection closed before the answer was complete',
  tls: 'TLS handshake failed',
  timeout: 'timed out',
  bad_body: 'the answer was cut short',
  network: 'connection failed',
};

/**
 * The first cause in the chain that carries a code: undici wraps the socket's error, and a connect
 * to a name with several addresses fails with an AggregateError of one error per address.
 */
function codedCause(error: unknown, depth = 0): { code: string; message: string } | undefined {
  if (!(error instanceof Error) || depth > 8) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== 'UND_ERR') return { code, message: error.message };
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const found = codedCause(inner, depth + 1);
      if (found) return found;
    }
  }
  return codedCause(error.cause, depth + 1);
}

export function describeFailure(error: GitHubRequestError): FailureDescription {
  const cause = codedCause(error.cause);
  const byCode = cause ? (REASON_BY_CODE[cause.code] ?? (TLS_CODE.test(cause.code) ? 'tls' : undefined)) : undefined;
  const reason: FailureReason = byCode ?? (error.kind === 'timeout' ? 'timeout' : error.kind === 'bad_body' ? 'bad_body' : 'network');
  return { reason, code: cause?.code, detail: cause?.message ?? error.message };
}

/**
 * Says at warn (seen at the default level) why a call to GitHub got no answer: DNS, refused, TLS,
 * timeout. One line per failed call, after retries and outside the cache (a stored answer served
 * instead is no failure). The line names the host and the request path, never a header.
 */
export function failureLogStep(logger: UpstreamLogger): Step {
  return (next) => async (request) => {
    try {
      return await next(request);
    } catch (error) {
      if (error instanceof GitHubRequestError && (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'bad_body')) {
        const { reason, code, detail } = describeFailure(error);
        const host = new URL(request.url).host;
        logger.warn({ ...logFields(request), host, reason, code, detail }, `GitHub request failed: ${HEADLINE[reason]} (${host}${code ? `, ${code}` : ''})`);
      }
      throw error;
    }
  };
}
