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
  let inFlight = 0;
  return {
    async reserve(bytes) {
      // Waiting on its own share only helps while this request's other downloads can still shrink theirs.
      if (inFlight === 0 && requestBudget.used + Math.min(bytes, requestBudget.capacity) > requestBudget.capacity) throw new RequestLogsTooLargeError(requestBudget.capacity);
      inFlight += 1;
      let own: Lease | undefined;
      try {
        own = await requestBudget.acquire(bytes, { ...(signal ? { signal } : {}), maxWaitMs });
        const shared = await processBudget.acquire(own.bytes, { ...(signal ? { signal } : {}), maxWaitMs });
        const both: Lease = {
          get bytes() {
            return shared.bytes;
          },
          shrink(kept) {
            shared.shrink(kept);
            own?.shrink(kept);
          },
          release() {
            shared.release();
            own?.release();
          },
        };
        leases.push(both);
        return both;
      } catch (error) {
        own?.release();
        if (error instanceof BudgetTimeout) throw new LogBudgetExhaustedError('The gateway holds as many logs as it may; retry shortly');
        throw error;
      } finally {
        inFlight -= 1;
      }
    },
    releaseAll() {
      for (const lease of leases.splice(0)) lease.release();
    },
  };
}
