// The fake's notion of "now", so tests can expire signed log URLs and reset rate limits without
// waiting. Built on `options.now` when given (tests with their own clock), else on Date.now;
// `advance` shifts it in both cases.

export interface FakeClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Moves the clock forward (or back, with a negative value). */
  advance(ms: number): void;
}

export function createFakeClock(base: () => number = Date.now): FakeClock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance: (ms) => {
      offset += ms;
    },
  };
}
