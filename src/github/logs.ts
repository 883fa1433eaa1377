import { request, type Dispatcher } from 'undici';
import type { CallOptions, GitHubClient } from './client.ts';
import { downloadJobLogsForWorkflowRun, type RepoRef } from './jobs.ts';
import { GitHubRequestError } from './request-error.ts';
import { storageHostAllowed, type StorageHostRule } from './storage-hosts.ts';
import { transportError } from './transport.ts';

/*
 * A job's log: `GET …/jobs/{job_id}/logs` answers 302 to a signed URL on a blob storage host (Azure today)
 * that expires after about a minute ("The link expires after 1 minute",
 * https://docs.github.com/en/rest/actions/workflow-jobs#download-job-logs-for-a-workflow-run). We follow that redirect by hand:
 * - only to an absolute URL on an allowed storage host (storage-hosts.ts): GitHub's own storage by
 *   default, https: only unless the operator listed an http: origin (the local fake);
 * - with no Authorization, no cookies and no header of the caller: the storage host would reject the
 *   token (403) and, worse, learn it. The only header sent is `Range` for a tail read;
 * - a 403 from the storage host is an expired signature: ask GitHub for a fresh URL once and retry once.
 * The body is handed back as a stream; nothing here buffers it.
 */

export interface LogStorageOptions {
  /** The undici dispatcher for the storage host; injected like the API one, never set globally. */
  dispatcher: Dispatcher;
  /** Hosts a log redirect may lead to; anything else is refused before a byte is sent. */
  allowedHosts: readonly StorageHostRule[];
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
}

/** `Range: bytes=-suffix`: the last `suffix` bytes. */
export interface TailRange {
  suffix: number;
}

export interface LogResponse {
  /** 200: the whole log; 206: the range asked for. */
  status: 200 | 206;
  /** The whole log's size: Content-Range's total on 206, Content-Length on 200; null when not told. */
  sizeBytes: number | null;
  /** First byte of the body within the log (0 on 200). */
  start: number;
  body: AsyncIterable<Uint8Array>;
}

/** One job's log as a source that may be read more than once (a tail read that needs a longer range). */
export interface JobLogSource {
  open(range?: TailRange): Promise<LogResponse>;
}

export function jobLogSource(
  client: GitHubClient,
  ref: RepoRef & { jobId: number },
  call: CallOptions,
  { dispatcher, allowedHosts, headersTimeoutMs = 10_000, bodyTimeoutMs = 10_000 }: LogStorageOptions,
): JobLogSource {
  let location: URL | undefined;

  const redirect = async (): Promise<URL> => {
    const url = await downloadJobLogsForWorkflowRun(client, ref, call);
    checkLocation(url, allowedHosts, `${client.baseUrl}/…/jobs/${ref.jobId}/logs`);
    return url;
  };

  const get = async (url: URL, range: TailRange | undefined): Promise<Dispatcher.ResponseData> => {
    // Deliberately a fresh header object: nothing of the caller's request or the API client's headers.
    const headers: Record<string, string> = range ? { range: `bytes=-${range.suffix}` } : {};
    try {
      return await request(url, { method: 'GET', headers, dispatcher, signal: call.signal, headersTimeout: headersTimeoutMs, bodyTimeout: bodyTimeoutMs });
    } catch (cause) {
      throw storageError(cause, url);
    }
  };

  return {
    async open(range) {
      location ??= await redirect();
      let response = await get(location, range);
      if (response.statusCode === 403) {
        // The signed URL expired (about a minute after GitHub issued it): one fresh redirect, one retry.
        await response.body.dump();
        location = await redirect();
        response = await get(location, range);
      }
      const { statusCode } = response;
      const header = (name: string): string | undefined => {
        const value = response.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      if (statusCode === 416) {
        // Nothing to read at the end of an empty log.
        await response.body.dump();
        return { status: 206, sizeBytes: totalOf(header('content-range')) ?? 0, start: 0, body: emptyBody() };
      }
      if (statusCode !== 200 && statusCode !== 206) {
        await response.body.dump().catch(() => undefined);
        throw new GitHubRequestError({ kind: 'storage', status: statusCode, method: 'GET', path: location.pathname });
      }
      const length = numberOrNull(header('content-length'));
      if (statusCode === 206) {
        const contentRange = parseContentRange(header('content-range'));
        if (!contentRange) {
          await response.body.dump().catch(() => undefined);
          throw new GitHubRequestError({ kind: 'storage', status: statusCode, method: 'GET', path: location.pathname, message: 'log storage sent 206 without a usable Content-Range' });
        }
        return { status: 206, sizeBytes: contentRange.total, start: contentRange.start, body: guarded(response.body, location) };
      }
      return { status: 200, sizeBytes: length, start: 0, body: guarded(response.body, location) };
    },
  };
}

/**
 * The redirect targets we follow: an allowed storage host, never a URL with userinfo. Anything else is
 * 'bad_redirect' (UPSTREAM_ERROR) and nothing is fetched. The refused host is named in the message (it is
 * GitHub's answer, not a secret); the signed query never is.
 */
export function checkLocation(location: URL, allowedHosts: readonly StorageHostRule[], path: string): void {
  if (location.username !== '' || location.password !== '' || !storageHostAllowed(location, allowedHosts)) {
    throw new GitHubRequestError({ kind: 'bad_redirect', status: 302, method: 'GET', path, message: `refusing to follow a log redirect to ${location.protocol}//${location.host}: not an allowed log storage host (LOG_STORAGE_HOSTS)` });
  }
}

/** Maps failures while the body streams (a connection cut, a stall past bodyTimeout) to upstream errors. */
async function* guarded(body: AsyncIterable<Uint8Array>, url: URL): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (cause) {
    throw storageError(cause, url);
  }
}

/** Timeouts stay timeouts (UPSTREAM_TIMEOUT); every other failure of the storage host is 'storage'. */
function storageError(cause: unknown, url: URL): GitHubRequestError {
  // Only the path: the query is the signature.
  const classified = transportError(cause, url.pathname);
  if (classified.kind === 'timeout') return classified;
  return new GitHubRequestError({ kind: 'storage', method: 'GET', path: url.pathname, message: 'the log storage host failed', cause });
}

async function* emptyBody(): AsyncGenerator<Uint8Array, void, undefined> {}

function numberOrNull(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

function totalOf(value: string | undefined): number | null {
  const match = value ? /\/(\d+)\s*$/.exec(value) : null;
  return match ? Number(match[1]) : null;
}

function parseContentRange(value: string | undefined): { start: number; end: number; total: number | null } | undefined {
  const match = value ? /^bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/.exec(value) : null;
  if (!match) return undefined;
  return { start: Number(match[1]), end: Number(match[2]), total: match[3] === '*' ? null : Number(match[3]) };
}
