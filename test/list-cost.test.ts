// The REST-call bound of one list (src/plan/list-cost.ts): the loaders' rules run against every length,
// and the cheaper per_page=100 bound where that would cost the estimate too much.
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/plan/cursor.ts';
import { listCallsBound } from '../src/plan/list-cost.ts';
import { requestWindow, type ConnectionArgs } from '../src/plan/window.ts';

const window = (args: ConnectionArgs) => requestWindow(args, 's', 500);

describe('listCallsBound', () => {
  it('counts the most calls over every length: first: 500 may meet 500 jobs (5 pages), last: 100 may straddle two pages after the head', () => {
    expect(listCallsBound([[window({ first: 500 })]])).toBe(5);
    expect(listCallsBound([[window({ last: 100 })]])).toBe(3);
    expect(listCallsBound([[window({})]])).toBe(1);
  });

  it('plans equal windows of one tick once, and a later tick sees what the earlier fetched', () => {
    expect(listCallsBound([[window({ first: 10 }), window({ first: 10 }), window({ first: 20 })]])).toBe(1);
    expect(listCallsBound([[window({ first: 30 })], [window({ first: 3 })]])).toBe(1);
  });

  it('falls back to per_page=100 pages window by window far down a list (cursor at 5000), still an upper bound', () => {
    const far = window({ first: 150, after: encodeCursor('s', 4999) });
    // Items 5000..5149 touch pages 51 and 52 of 100.
    expect(listCallsBound([[far]])).toBe(2);
  });

  it('uses the cheap bound once the estimate has spent its simulation budget, never a smaller one', () => {
    const ticks = [[window({ first: 150, after: encodeCursor('s', 40) })]];
    const simulated = listCallsBound(ticks);
    expect(listCallsBound(ticks, { left: 0 })).toBeGreaterThanOrEqual(simulated);
  });

  it('answers windows it has bounded before with the same bound and spends the same budget (an estimate never depends on what came before)', () => {
    const ticks = [[window({ first: 30, after: encodeCursor('s', 7) }), window({ last: 20 })], [window({ first: 5 })]];
    const first = { left: 10_000 };
    const second = { left: 10_000 };
    const bound = listCallsBound(ticks, first);
    expect(listCallsBound(ticks, second)).toBe(bound);
    expect(second.left).toBe(first.left);
    expect(first.left).toBeLessThan(10_000);
  });
});
