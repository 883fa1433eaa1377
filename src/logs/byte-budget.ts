/**
 * A budget of bytes held at once, granted first come first served: a log download reserves its worst case
 * before it starts, and gives back what it did not keep once it is read. Callers that do not fit wait in
 * line; a wait longer than `maxWaitMs` (or an aborted request) fails with BudgetTimeout, and the caller
 * decides the error. The process has one (LOG_MEMORY_BYTES); each request has its own share
 * (MAX_REQUEST_LOG_BYTES), taken before the process-wide one so that one request cannot queue ahead of
 * everyone with downloads it cannot hold.
 */
export class BudgetTimeout extends Error {
  override name = 'BudgetTimeout';
}

export interface Lease {
  readonly bytes: number;
  /** Keeps only `bytes` of the reservation (what the download actually kept). */
  shrink(bytes: number): void;
  release(): void;
}

interface Waiter {
  bytes: number;
  grant: () => void;
}

export class ByteBudget {
  #used = 0;
  readonly #queue: Waiter[] = [];

  constructor(readonly capacity: number) {}

  get used(): number {
    return this.#used;
  }

  /** Reserves `bytes` (at most the whole capacity), waiting in line while they do not fit. */
  async acquire(bytes: number, { signals = [], maxWaitMs }: { signals?: readonly AbortSignal[]; maxWaitMs: number }): Promise<Lease> {
    const wanted = Math.min(Math.max(0, Math.ceil(bytes)), this.capacity);
    if (this.#queue.length > 0 || this.#used + wanted > this.capacity) await this.#wait(wanted, signals, maxWaitMs);
    else this.#used += wanted;
    return this.#lease(wanted);
  }

  // Any of `signals` ends the wait. Not AbortSignal.any: a request's signal may come from a fetch ponyfill
  // (Yoga's Request on some Node versions), which Node's own AbortSignal.any refuses.
  #wait(bytes: number, signals: readonly AbortSignal[], maxWaitMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        bytes,
        grant: () => {
          clearTimeout(timer);
          for (const signal of signals) signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const leave = (error: Error) => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) this.#queue.splice(index, 1);
        for (const signal of signals) signal.removeEventListener('abort', onAbort);
        clearTimeout(timer);
        reject(error);
        this.#drain(); // the line may move now that this one left
      };
      const onAbort = () => leave(new BudgetTimeout('the request ended while waiting for log memory'));
      const timer = setTimeout(() => leave(new BudgetTimeout(`log memory stayed full for ${maxWaitMs} ms`)), maxWaitMs);
      for (const signal of signals) signal.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
      if (signals.some((signal) => signal.aborted)) onAbort();
    });
  }

  #lease(reserved: number): Lease {
    let held = reserved;
    return {
      get bytes() {
        return held;
      },
      shrink: (bytes) => {
        const kept = Math.min(held, Math.max(0, Math.ceil(bytes)));
        this.#give(held - kept);
        held = kept;
      },
      release: () => {
        this.#give(held);
        held = 0;
      },
    };
  }

  #give(bytes: number): void {
    if (bytes <= 0) return;
    this.#used -= bytes;
    this.#drain();
  }

  #drain(): void {
    for (let next = this.#queue[0]; next && this.#used + next.bytes <= this.capacity; next = this.#queue[0]) {
      this.#queue.shift();
      this.#used += next.bytes;
      next.grant();
    }
  }
}
