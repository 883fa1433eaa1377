// The settings that make replicas share: refused when they could not work, and CREDENTIAL_KEY giving every
// replica the same fingerprints (which a per-process key never would).
import { describe, expect, it } from 'vitest';
import { TOKENS } from '../fake-github/index.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { fingerprintKeyFrom, fingerprintOf } from '../src/github/credentials.ts';

const KEY = 'k'.repeat(32);

describe('REDIS_URL and CREDENTIAL_KEY', () => {
  it('refuses REDIS_URL without CREDENTIAL_KEY, a short key and a non-Redis URL, never echoing the URL (it may hold a password)', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/0' })).toThrow(/REDIS_URL needs CREDENTIAL_KEY/);
    expect(() => loadConfig({ CREDENTIAL_KEY: 'short' })).toThrow(/at least 32 characters/);
    const bad = () => loadConfig({ REDIS_URL: 'http://:hunter2secret@cache:6379', CREDENTIAL_KEY: KEY });
    expect(bad).toThrow(ConfigError);
    expect(bad).not.toThrow(/hunter2secret/);
  });

  it('accepts redis:// and rediss:// with defaults for the bounds', () => {
    for (const url of ['redis://:pw@cache.internal:6379/0', 'rediss://cache.internal:6380']) {
      expect(loadConfig({ REDIS_URL: url, CREDENTIAL_KEY: KEY })).toMatchObject({ redisUrl: url, credentialKey: KEY, redisCommandTimeoutMs: 500, redisKeyPrefix: 'ajg:', redisEntryTtlSeconds: 86_400 });
    }
    expect(loadConfig({})).toMatchObject({ redisUrl: undefined, credentialKey: undefined });
  });

  it('gives the same token the same fingerprint on every replica with the same CREDENTIAL_KEY, and another one under another key or none', () => {
    const here = fingerprintOf(TOKENS.full, fingerprintKeyFrom(KEY));
    expect(fingerprintOf(TOKENS.full, fingerprintKeyFrom(KEY))).toBe(here);
    expect(fingerprintOf(TOKENS.full, fingerprintKeyFrom('x'.repeat(32)))).not.toBe(here);
    expect(fingerprintOf(TOKENS.full, fingerprintKeyFrom(undefined))).not.toBe(here);
    expect(here).not.toContain(TOKENS.full.slice(4, 12));
  });
});
