// One request's hold on log memory (src/logs/log-hold.ts): many downloads of one request may wait for its
// share at once, each listening to the request's wait group; that is normal, not a leak to warn about.
import { afterEach, describe, expect, it } from 'vitest';
import { allowManyListeners } from '../src/github/many-listeners.ts';
import { ByteBudget } from '../src/logs/byte-budget.ts';
import { createLogHold } from '../src/logs/log-hold.ts';

const WAITING = 15;

describe('createLogHold', () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  afterEach(() => {
    process.off('warning', onWarning);
    warnings.length = 0;
  });

  it(`lets ${WAITING} downloads wait for the request's share without a MaxListenersExceededWarning, then serves them in turn`, async () => {
    process.on('warning', onWarning);
    const request = new AbortController();
    // As src/context.ts does for every request's signal; the hold's own wait group is the hold's to raise.
    allowManyListeners(request.signal);
    const hold = createLogHold({ processBudget: new ByteBudget(1_000), requestBudget: new ByteBudget(100), signal: request.signal, maxWaitMs: 5_000 });
    const first = await hold.reserve(100);
    const served: number[] = [];
    const waiting = Array.from({ length: WAITING }, (_, index) =>
      hold.reserve(100).then((lease) => {
        served.push(index);
        lease.release();
      }),
    );
    // Node emits its warning on the next tick of the listener that crossed the limit.
    await new Promise((resolve) => setImmediate(resolve));
    expect(served).toEqual([]);
    first.release();
    await Promise.all(waiting);
    expect(served).toEqual(Array.from({ length: WAITING }, (_, index) => index));
    expect(warnings.filter((warning) => warning.startsWith('MaxListenersExceededWarning'))).toEqual([]);
  });
});
