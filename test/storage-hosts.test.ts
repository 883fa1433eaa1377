// Which hosts a job log redirect may lead to (src/github/storage-hosts.ts) and how LOG_STORAGE_HOSTS reads.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { parseStorageHost, storageHostAllowed } from '../src/github/storage-hosts.ts';

const allowedBy = (entries: string, url: string) => storageHostAllowed(new URL(url), loadConfig({ LOG_STORAGE_HOSTS: entries }).logStorageHosts);
const allowedByDefault = (url: string) => storageHostAllowed(new URL(url), loadConfig({}).logStorageHosts);

describe('log storage hosts', () => {
  it("allows GitHub's own log storage over https by default", () => {
    expect(allowedByDefault('https://productionresultssa0.blob.core.windows.net/actions-results/x?sig=1')).toBe(true);
    expect(allowedByDefault('https://results-receiver.actions.githubusercontent.com/x')).toBe(true);
  });

  it.each([
    'http://productionresultssa0.blob.core.windows.net/x',
    'https://blob.core.windows.net/x',
    'https://productionresultssa0.blob.core.windows.net:8443/x',
    'https://blob.core.windows.net.attacker.example/x',
    'https://api.github.com/repos/o/r/actions/jobs/1',
    'https://127.0.0.1/x',
    'https://0x7f.1/x',
    'https://[::1]/x',
    'https://10.1.2.3/x',
  ])('refuses %s by default', (url) => {
    expect(allowedByDefault(url)).toBe(false);
  });

  it('adds hosts from LOG_STORAGE_HOSTS: exact, with a port, a wildcard, an http origin', () => {
    expect(allowedBy('logs.ghes.example', 'https://logs.ghes.example/x')).toBe(true);
    expect(allowedBy('logs.ghes.example', 'https://a.logs.ghes.example/x')).toBe(false);
    expect(allowedBy('logs.ghes.example:9443', 'https://logs.ghes.example:9443/x')).toBe(true);
    expect(allowedBy('logs.ghes.example:9443', 'https://logs.ghes.example/x')).toBe(false);
    expect(allowedBy('*.ghes.example', 'https://storage.ghes.example/x')).toBe(true);
    expect(allowedBy('*.ghes.example', 'https://ghes.example/x')).toBe(false);
    expect(allowedBy('http://127.0.0.1:4001', 'http://127.0.0.1:4001/logs/1')).toBe(true);
    expect(allowedBy('http://127.0.0.1:4001', 'https://127.0.0.1:4001/logs/1')).toBe(false);
    expect(allowedBy('127.0.0.1:4001', 'http://127.0.0.1:4001/logs/1')).toBe(false);
    // The defaults stay: the setting adds to them.
    expect(allowedBy('logs.ghes.example', 'https://x.blob.core.windows.net/y')).toBe(true);
  });

  it.each(['https://logs.example/path', 'logs example', '*.', 'ftp://logs.example', 'user@logs.example'])(
    'stops at start on LOG_STORAGE_HOSTS=%s, naming the setting',
    (entry) => {
      expect(() => loadConfig({ LOG_STORAGE_HOSTS: entry })).toThrow(ConfigError);
      expect(() => loadConfig({ LOG_STORAGE_HOSTS: entry })).toThrow(/LOG_STORAGE_HOSTS/);
    },
  );

  it('reads entries case-insensitively', () => {
    expect(parseStorageHost('*.Blob.Core.Windows.NET')).toEqual({ protocol: 'https:', host: '.blob.core.windows.net', wildcard: true, port: '' });
  });
});
