/*
 * Where a log redirect may lead. `GET …/jobs/{job_id}/logs` answers 302 to a short-lived signed URL on
 * GitHub's log storage: Azure blob hosts (`*.blob.core.windows.net`) and, for newer logs,
 * `*.actions.githubusercontent.com` (https://docs.github.com/en/rest/actions/workflow-jobs#download-job-logs-for-a-workflow-run).
 * A compromised or hostile upstream could point that redirect anywhere (a private address, the API host,
 * a metadata service), so only hosts on this list are fetched: GitHub's own storage, plus what the
 * operator adds (a GHES storage host, the fake's storage in tests and the demo).
 */

/** One entry: `host`, `host:port`, `*.suffix` (any subdomain) or a whole origin such as `http://127.0.0.1:4001`. */
export interface StorageHostRule {
  protocol: 'https:' | 'http:';
  /** Exact host name, or a suffix starting with '.' for a `*.` entry. */
  host: string;
  wildcard: boolean;
  /** '' matches the scheme's default port only. */
  port: string;
}

export const GITHUB_LOG_STORAGE_HOSTS = ['*.blob.core.windows.net', '*.actions.githubusercontent.com'] as const;

/** Parses one entry; undefined when it is not one of the shapes above. */
export function parseStorageHost(entry: string): StorageHostRule | undefined {
  const value = entry.trim().toLowerCase();
  const origin = /^(https?):\/\/(.+)$/.exec(value);
  const protocol = origin ? (`${origin[1]}:` as 'https:' | 'http:') : 'https:';
  const hostPort = origin ? origin[2]! : value;
  const match = /^(\*\.)?((?:[a-z0-9-]+\.)*[a-z0-9-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?\/?$/.exec(hostPort);
  if (!match) return undefined;
  const wildcard = match[1] !== undefined;
  return { protocol, host: wildcard ? `.${match[2]}` : match[2]!, wildcard, port: match[3] ?? '' };
}

export function storageHostAllowed(url: URL, rules: readonly StorageHostRule[]): boolean {
  // URL normalises the host (lower case, punycode, IPv4 forms such as 0x7f.1 → 127.0.0.1) and drops the default port.
  return rules.some(
    (rule) =>
      url.protocol === rule.protocol &&
      url.port === rule.port &&
      (rule.wildcard ? url.hostname.endsWith(rule.host) && url.hostname.length > rule.host.length : url.hostname === rule.host),
  );
}
