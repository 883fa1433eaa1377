import type { GatewayContext } from '../context.ts';
import { GitHubRequestError } from '../github/request-error.ts';
import type { Loaders } from '../loaders/job-loaders.ts';
import { asError } from '../errors/as-error.ts';

/** What a subscription's source stream yields: the resource as one poll saw it, or the error that ends it. */
export type LivePayload<T> = { value: T } | { error: Error };

export interface LiveSource<T> {
  /** Names the resource for sharing: one poll per (credential, resource). */
  resource: string;
  /** Reads the resource through a poll's loaders (the subscription's own for the first result). */
  load(loaders: Loaders): Promise<T>;
  /** Whether nothing will change any more (a completed run or job): the stream ends after sending it. */
  done(value: T): boolean;
}

/**
 * A subscription's source: the resource now, then once per poll of the shared poller (src/live/poller.ts).
 * Before each payload the context's loaders become that poll's (and its log loader a fresh one), so the
 * selection executes against the poll's answers (the dedupe plugin then drops results equal to the last
 * one sent).
 * - At subscribe time: the per-credential cap (TOO_MANY_SUBSCRIPTIONS) and the first read; a resource
 *   the credential cannot see fails the subscription (NOT_FOUND), no stream.
 * - While polling: timeouts, broken connections and 5xx are skipped (the next poll tries again); any
 *   other failure (rate limit, 404, 401/403) is sent as the last payload's error and ends the stream.
 */
export async function liveStream<T>(ctx: GatewayContext, source: LiveSource<T>): Promise<AsyncGenerator<LivePayload<T>>> {
  const watch = ctx.live.watch(ctx.credential, source.resource);
  let first: T;
  try {
    first = await source.load(ctx.loaders);
  } catch (error) {
    watch.close();
    throw error;
  }
  // Closing the HTTP request (the client went away) must release the subscription at once.
  ctx.github.call.signal?.addEventListener('abort', () => watch.close(), { once: true });

  async function* stream(): AsyncGenerator<LivePayload<T>> {
    try {
      yield { value: first };
      if (source.done(first)) return;
      for (;;) {
        const loaders = await watch.next();
        if (!loaders) return;
        let value: T;
        try {
          value = await source.load(loaders);
        } catch (error) {
          if (isTransient(error)) continue;
          yield { error: asError(error) };
          return;
        }
        ctx.loaders = loaders;
        ctx.logs = ctx.newLogLoader();
        yield { value };
        if (source.done(value)) return;
      }
    } finally {
      watch.close();
    }
  }
  return stream();
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof GitHubRequestError)) return false;
  if (error.kind === 'timeout' || error.kind === 'network' || error.kind === 'bad_body') return true;
  return error.kind === 'http' && (error.status ?? 500) >= 500;
}

/** The subscription field's resolver: the payload's value, or its error (which ends the stream). */
export function livePayload<T>(payload: LivePayload<T>): T {
  if ('error' in payload) throw payload.error;
  return payload.value;
}
