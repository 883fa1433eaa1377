import { createHmac, randomBytes } from 'node:crypto';

/**
 * A caller's GitHub credential. `authorization` is the header value to send to the configured API host
 * and nowhere else; `fingerprint` is a keyed hash, safe to use in cache keys, logs and metrics.
 */
export interface Credential {
  readonly authorization: string | null;
  readonly fingerprint: string;
}

export class InvalidAuthorizationError extends Error {
  override name = 'InvalidAuthorizationError';
}

// A per-process key: fingerprints cannot be reversed or precomputed, and change on restart.
const fingerprintKey = randomBytes(32);

export const ANONYMOUS: Credential = Object.freeze({ authorization: null, fingerprint: 'anonymous' });

export function fingerprintOf(token: string): string {
  return `cred_${createHmac('sha256', fingerprintKey).update(token).digest('hex').slice(0, 24)}`;
}

/**
 * The incoming `Authorization` header (`Bearer X` or `token X`, as GitHub accepts) is passed through;
 * without one, the operator's `GITHUB_TOKEN`; else anonymous (60 requests/h, public data only).
 */
export function credentialFrom(header: string | null | undefined, fallbackToken: string | undefined): Credential {
  const value = header?.trim();
  if (value) {
    const match = /^(bearer|token)\s+([\x21-\x7e]+)$/i.exec(value);
    if (!match) throw new InvalidAuthorizationError('Authorization must be "Bearer <token>" or "token <token>"');
    const token = match[2] as string;
    return { authorization: `Bearer ${token}`, fingerprint: fingerprintOf(token) };
  }
  if (fallbackToken) return { authorization: `Bearer ${fallbackToken}`, fingerprint: fingerprintOf(fallbackToken) };
  return ANONYMOUS;
}
