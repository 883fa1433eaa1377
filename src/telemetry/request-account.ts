import { randomUUID } from 'node:crypto';
import { RequestStats } from './request-stats.ts';

/**
 * Thrown by the field whose value takes a response past MAX_RESPONSE_BYTES at run time (the cost limit
 * refuses what could be too large before anything runs; escapes that JSON widens, long lines, can still
 * get there). The response-size plugin then replaces the whole result with one RESPONSE_TOO_LARGE error.
 */
export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
  constructor(readonly limit: number) {
    super(`This response grew past ${limit} bytes (MAX_RESPONSE_BYTES)`);
  }
}

/**
 * Everything one HTTP request accounts for, in one object: its id, when it started, the operation name,
 * the cost estimate, each operation's upstream stats, the error codes of its results, the bytes of large
 * values its results hold, and what must run when its response goes out. Opened when the request arrives
 * (plugins/request-account.ts) and carried on Yoga's server context, which every plugin hook and (as the
 * GraphQL context's base) every resolver of the request reaches: no side table keyed by `Request`.
 */
export class RequestAccount {
  readonly id: string;
  readonly startedAt = performance.now();
  operationName: string | undefined;
  /** What the cost limit estimated for the whole request (a batch's sum, from when it was parsed). */
  batchEstimate: { calls: number; bytes: number } | undefined;
  /** Upstream calls the cost limit estimated, for the log line. */
  estimate: number | undefined;
  /** One per GraphQL operation: one, or several in a batch. */
  readonly operations: RequestStats[] = [];
  /** The first error code of each result, for the outcome label and the log line. */
  readonly codes: string[] = [];
  /** Set when the results' large values passed MAX_RESPONSE_BYTES: the whole response is replaced by one error. */
  tooLarge = false;
  private responseBytes = 0;
  private readonly endings: Array<() => void> = [];

  constructor(
    request: Request,
    private readonly maxResponseBytes: number,
  ) {
    const given = request.headers.get('x-request-id')?.trim();
    this.id = given && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  }

  /** The stats of one more operation of this request (its GraphQL context holds them). */
  openOperation(): RequestStats {
    const stats = new RequestStats();
    this.operations.push(stats);
    return stats;
  }

  /**
   * The runtime side of MAX_RESPONSE_BYTES: fields that return large values (log text and lines) add their
   * bytes; the one that crosses the limit throws, and the response-size plugin replaces the whole result.
   */
  chargeResponse(bytes: number): void {
    this.responseBytes += bytes;
    if (this.responseBytes <= this.maxResponseBytes) return;
    this.tooLarge = true;
    throw new ResponseTooLargeError(this.maxResponseBytes);
  }

  /** Runs `ending` once, when the response goes out (log memory given back). */
  onEnd(ending: () => void): void {
    this.endings.push(ending);
  }

  end(): void {
    for (const ending of this.endings.splice(0)) ending();
  }

  /** Upstream work summed over the request's operations. */
  upstreamTotals(): { requests: number; cacheHits: number; notModified: number } {
    const totals = { requests: 0, cacheHits: 0, notModified: 0 };
    for (const stats of this.operations) {
      totals.requests += stats.requests;
      totals.cacheHits += stats.cacheHits;
      totals.notModified += stats.notModified;
    }
    return totals;
  }
}

// Ids we echo and forward: printable, short, no separators a header or a log line could be split on.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Where the account lives on Yoga's server context (a batch's operations see it through their context's prototype). */
interface CarriesAccount {
  requestAccount?: RequestAccount;
}

export function openAccount(serverContext: object, request: Request, maxResponseBytes: number): RequestAccount {
  const account = new RequestAccount(request, maxResponseBytes);
  (serverContext as CarriesAccount).requestAccount = account;
  return account;
}

/**
 * The account of a request that reached the plugins. Undefined only in `onResponse` of a request the server
 * answered before any plugin saw it (a CORS preflight).
 */
export function openedAccount(serverContext: object): RequestAccount | undefined {
  return (serverContext as CarriesAccount).requestAccount;
}

/** The request's account, from its server context or a GraphQL context built on it. */
export function accountOf(context: object): RequestAccount {
  const account = openedAccount(context);
  // A programming error, not a caller's: plugins/request-account.ts opens it before any other hook runs.
  if (!account) throw new Error('No request account on this context: useRequestAccount must be the first plugin');
  return account;
}
