import { setMaxListeners } from 'node:events';

/**
 * Listeners one abort signal may have before Node prints a MaxListenersExceededWarning (its default is 10).
 * A request's signal is listened to by each of its upstream calls and log waits, dozens at once for a big
 * query; the warning would read as a leak on stderr, outside the structured log.
 */
const MAX_ABORT_LISTENERS = 1_000;

/** Lets `signal` carry up to MAX_ABORT_LISTENERS listeners without a warning. */
export function allowManyListeners(signal: AbortSignal): void {
  try {
    setMaxListeners(MAX_ABORT_LISTENERS, signal);
  } catch {
    // A signal from a fetch ponyfill is not Node's EventTarget: it has no such warning to raise.
  }
}
