// The log storage host that GitHub's logs endpoint redirects to (Azure blob storage in reality).
// It lives on its own port so a client that leaks the caller's Authorization across the redirect
// is caught: like Azure, it rejects such requests with 403, and it latches a flag tests assert on.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Dataset } from './dataset.ts';
import type { FakeClock } from './fake-clock.ts';
import { hugeLogSize, renderJobLog, streamHugeLog } from './fake-logs.ts';
import type { FaultInjector } from './fault-injector.ts';
import type { RecordedRequest } from './recorded-request.ts';

const SIGNING_KEY = 'fake-github-log-storage';

export interface StorageState {
  requests: RecordedRequest[];
  bytesSent: number;
  authorizationSeen: boolean;
  rangeSupport: boolean;
}

export interface LogStorage {
  server: Server;
  /** A URL for the job's log, valid for `ttlSeconds` by the fake clock. */
  signedUrl(baseUrl: string, jobId: number, ttlSeconds: number): string;
}

export function createLogStorage(deps: {
  dataset: Dataset;
  clock: FakeClock;
  faults: FaultInjector;
  state: StorageState;
}): LogStorage {
  const { dataset, clock, faults, state } = deps;
  const signature = (path: string, expires: string): string =>
    createHmac('sha256', SIGNING_KEY).update(`${path}\n${expires}`).digest('base64url');

  const handle = async (req: IncomingMessage, res: ServerResponse, record: RecordedRequest): Promise<void> => {
    const reply = (status: number, body: string, headers: Record<string, string> = {}): void => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(body)), ...headers });
      res.end(body);
    };
    if (record.headers.authorization !== undefined || record.headers.cookie !== undefined) {
      state.authorizationSeen = true;
      return reply(403, azureError('AuthenticationFailed', 'Authorization is not allowed together with a shared access signature.'));
    }
    const fault = faults.take('storage', req.url ?? '');
    if (fault && fault.kind === undefined) return reply(fault.status, azureError('ServerBusy', 'The server is busy.'));
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'secondaryLimit') {
      return reply(fault.status ?? 503, azureError('ServerBusy', 'Ingress is over the account limit.'), {
        'retry-after': String(fault.retryAfter ?? 1),
      });
    }

    const url = new URL(req.url ?? '/', 'http://storage.invalid');
    const match = /^\/logs\/(\d+)$/.exec(record.path);
    if (req.method !== 'GET' || !match?.[1]) return reply(404, azureError('ResourceNotFound', 'The specified resource does not exist.'));
    const expires = url.searchParams.get('expires') ?? '';
    const given = Buffer.from(url.searchParams.get('sig') ?? '');
    const expected = Buffer.from(signature(record.path, expires));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply(403, azureError('AuthenticationFailed', 'Signature did not match.'));
    }
    if (clock.now() > Number(expires) * 1000) {
      return reply(403, azureError('AuthenticationFailed', `Signature not valid in the specified time frame: Expiry [${new Date(Number(expires) * 1000).toUTCString()}] - Current [${new Date(clock.now()).toUTCString()}]`));
    }
    const jobId = Number(match[1]);
    const job = dataset.getJob(jobId);
    if (!job) return reply(404, azureError('BlobNotFound', 'The specified blob does not exist.'));

    const flavor = dataset.logFlavor(jobId);
    const text = flavor === 'huge' ? undefined : Buffer.from(renderJobLog(job, { lineEnding: flavor === 'crlf' ? '\r\n' : '\n' }));
    const size = text ? text.length : hugeLogSize;
    const range = state.rangeSupport ? parseRange(record.headers.range, size) : undefined;
    if (range === 'unsatisfiable') {
      return reply(416, azureError('InvalidRange', 'The range specified is invalid for the current size of the resource.'), {
        'content-range': `bytes */${size}`,
      });
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    const length = Math.max(0, end - start + 1);
    const headers: Record<string, string> = {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(length),
      'last-modified': new Date(Date.parse(job.completed_at ?? job.created_at)).toUTCString(),
      'x-ms-blob-type': 'BlockBlob',
    };
    if (state.rangeSupport) headers['accept-ranges'] = 'bytes';
    if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
    const status = range ? 206 : 200;
    record.status = status;
    res.writeHead(status, headers);
    // A truncated body: the full Content-Length is announced, half of it is sent, then the socket closes.
    const sendEnd = fault?.kind === 'truncatedBody' ? start + Math.floor(length / 2) - 1 : end;
    const source = text ? [text.subarray(start, sendEnd + 1)] : streamHugeLog({ start, end: sendEnd });
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        state.bytesSent += chunk.length;
        done(null, chunk);
      },
    });
    if (fault?.kind === 'truncatedBody') {
      counter.on('end', () => res.destroy());
      await pipeline(source, counter, res, { end: false }).catch(() => undefined);
      return;
    }
    await pipeline(source, counter, res).catch(() => undefined);
  };

  const server = createServer((req, res) => {
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '',
      path: (req.url ?? '').split('?')[0] ?? '',
      headers: { ...req.headers },
      status: 0,
      // Recorded so a leak is easy to diagnose; a storage request should never carry one.
      token: /^(?:bearer|token)\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1] ?? null,
    };
    state.requests.push(record);
    handle(req, res, record).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
      else res.destroy();
    });
  });

  return {
    server,
    signedUrl: (baseUrl, jobId, ttlSeconds) => {
      const path = `/logs/${jobId}`;
      const expires = String(Math.floor(clock.now() / 1000) + ttlSeconds);
      return `${baseUrl}${path}?expires=${expires}&sig=${signature(path, expires)}`;
    },
  };
}

function azureError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

/** A single `bytes=a-b`, `bytes=a-` or `bytes=-n` range; anything else is ignored (200), as Azure does. */
function parseRange(header: string | string[] | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
