import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Credential } from '../github/credentials.ts';

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealer {
  /** AES-256-GCM under the credential's key; `name` (the Redis key) is authenticated too, so entries cannot be swapped. */
  seal(credential: Credential, name: string, plaintext: string): Buffer;
  /** The plaintext, or undefined when this credential's key does not open it (another credential's, tampered, older format). */
  open(credential: Credential, name: string, sealed: Buffer): string | undefined;
}

/**
 * What goes to a shared store is useless without the caller's token: each credential's key is derived
 * (HKDF-SHA256) from its Authorization value, salted with CREDENTIAL_KEY, and never stored anywhere. A
 * Redis dump, even with CREDENTIAL_KEY, opens nothing without the token; a wrong token opens nothing at all.
 * Anonymous callers have no token: their entries (public data only, GitHub shows anonymous callers nothing
 * else) are sealed with a key derived from CREDENTIAL_KEY alone.
 */
export function createSealer(credentialKey: string): Sealer {
  const anonymousKey = derive(credentialKey, '', 'actions-jobs-gateway anonymous entry');
  // One derivation per credential object (one per GraphQL request), not per upstream call.
  const keys = new WeakMap<Credential, Buffer>();
  const keyFor = (credential: Credential): Buffer => {
    if (!credential.authorization) return anonymousKey;
    let key = keys.get(credential);
    if (!key) {
      key = derive(credential.authorization, credentialKey, 'actions-jobs-gateway credential entry');
      keys.set(credential, key);
    }
    return key;
  };

  return {
    seal(credential, name, plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keyFor(credential), iv);
      cipher.setAAD(Buffer.from(name));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body]);
    },
    open(credential, name, sealed) {
      if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', keyFor(credential), sealed.subarray(1, 1 + IV_BYTES));
        decipher.setAAD(Buffer.from(name));
        decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Redis key names: a keyed hash of what the gateway calls the entry (fingerprint, URL, version…), so a
 * key list shows neither repository names nor run ids. Replicas with the same CREDENTIAL_KEY agree on them.
 */
export function createKeyNamer(credentialKey: string, prefix: string): (kind: string, name: string) => string {
  const key = derive(credentialKey, '', 'actions-jobs-gateway redis key names');
  return (kind, name) => `${prefix}${kind}:${createHmac('sha256', key).update(`${kind} ${name}`).digest('base64url')}`;
}

function derive(secret: string, salt: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, info, 32));
}
