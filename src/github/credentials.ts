import { createHmac, hkdfSync, randomBytes } from 'node:crypto';

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

// Without CREDENTIAL_KEY, a per-process key: fingerprints cannot be reversed or precomputed, and change on restart.
const processKey = randomBytes(32);

/**
 * The HMAC key of fingerprints: drawn per process, or derived from CREDENTIAL_KEY so that replicas
 * sharing a cache agree on who is who. Derived (HKDF), not the secret itself: the secret has other uses
 * (src/replicas/sealed-entry.ts) and one key per purpose keeps them apart.
 */
export function fingerprintKeyFrom(credentialKey: string | undefined): Buffer {
  return credentialKey ? Buffer.from(hkdfSync('sha256', credentialKey, '', 'actions-jobs-gateway credential fingerprint', 32)) : processKey;
}

export const ANONYMOUS: Credential = Object.freeze({ authorization: null, fingerprint: 'anonymous' });

export function fingerprintOf(token: string, key: Buffer = processKey): string {
  return `cred_${createHmac('sha256', key).update(token).digest('hex').slice(0, 24)}`;
}

/**
 * The incoming `Authorization` header (`Bearer X` or `token X`, as GitHub accepts) is passed through;
 * without one, the operator's `GITHUB_TOKEN`; else anonymous (60 requests/h, public data only).
 */
export function credentialFrom(header: string | null | undefined, fallbackToken: string | undefined, key: Buffer = processKey): Credential {
  const value = header?.trim();
  if (value) {
    const match = /^(bearer|token)\s+([\x21-\x7e]+)$/i.exec(value);
    if (!match) throw new InvalidAuthorizationError('Authorization must be "Bearer <token>" or "token <token>"');
    const token = match[2] as string;
    return { authorization: `Bearer ${token}`, fingerprint: fingerprintOf(token, key) };
  }
  if (fallbackToken) return { authorization: `Bearer ${fallbackToken}`, fingerprint: fingerprintOf(fallbackToken, key) };
  return ANONYMOUS;
}
