import { allowManyListeners } from '../github/many-listeners.ts';
import { BudgetTimeout, type ByteBudget, type Lease } from './byte-budget.ts';

/** A request's logs cannot fit its share of log memory (MAX_REQUEST_LOG_BYTES): RESPONSE_TOO_LARGE. */
export class RequestLogsTooLargeError extends Error {
  override name = 'RequestLogsTooLargeError';
  constructor(readonly limit: number) {
    super(`This request's logs do not fit in ${limit} bytes (MAX_REQUEST_LOG_BYTES); ask for fewer jobs' logs at once`);
  }
}

/** Log memory of the whole process stayed full longer than the caller may wait: LOG_BUDGET_EXHAUSTED. */
export class LogBudgetExhaustedError extends Error {
  override name = 'LogBudgetExhaustedError';
}

/** One request's hold on log memory: its own share, then the process' budget; all given back when the request ends. */
export interface LogHold {
  /** Reserves `bytes` for one download; the lease is shrunk to what the download kept. */
  reserve(bytes: number): Promise<Lease>;
  releaseAll(): void;
}

export function createLogHold({ processBudget, requestBudget, signal, maxWaitMs }: { processBudget: ByteBudget; requestBudget: ByteBudget; signal?: AbortSignal; maxWaitMs: number }): LogHold {
  const leases: Lease[] = [];
  // Downloads that hold a reservation and have not yet kept their result (they may still give bytes back),
  // and downloads waiting for this request's share. Waiting only helps while some download is active.
  let active = 0;
  let waiting = 0;
  // Ends every wait for this request's share at once: each waiting download listens to it.
  const waitGroup = () => {
    const controller = new AbortController();
    allowManyListeners(controller.signal);
    return controller;
  };
  let hopeless = waitGroup();
  const settle = () =>
    setImmediate(() => {
      if (active > 0 || waiting === 0) return;
      hopeless.abort();
      hopeless = waitGroup();
    });
  const tooLarge = () => new RequestLogsTooLargeError(requestBudget.capacity);
  const exhausted = () => new LogBudgetExhaustedError('The gateway holds as many logs as it may; retry shortly');

  return {
    async reserve(bytes) {
      if (active === 0 && requestBudget.used + Math.min(bytes, requestBudget.capacity) > requestBudget.capacity) throw tooLarge();
      const ownWait = hopeless.signal;
      let own: Lease;
      waiting += 1;
      try {
        own = await requestBudget.acquire(bytes, { signals: signal ? [signal, ownWait] : [ownWait], maxWaitMs });
      } catch (error) {
        if (ownWait.aborted && !signal?.aborted) throw tooLarge();
        throw error instanceof BudgetTimeout ? exhausted() : error;
      } finally {
        waiting -= 1;
      }
      active += 1;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        active -= 1;
        settle();
      };
      let shared: Lease;
      try {
        shared = await processBudget.acquire(own.bytes, { signals: signal ? [signal] : [], maxWaitMs });
      } catch (error) {
        own.release();
        finish();
        throw error instanceof BudgetTimeout ? exhausted() : error;
      }
      const both: Lease = {
        get bytes() {
          return shared.bytes;
        },
        shrink(kept) {
          shared.shrink(kept);
          own.shrink(kept);
          finish();
        },
        release() {
          shared.release();
          own.release();
          finish();
        },
      };
      leases.push(both);
      return both;
    },
    releaseAll() {
      for (const lease of leases.splice(0)) lease.release();
    },
  };
}
