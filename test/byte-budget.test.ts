// The log memory budget (src/logs/byte-budget.ts): first come first served, shrink gives back, waits end.
import { describe, expect, it } from 'vitest';
import { BudgetTimeout, ByteBudget } from '../src/logs/byte-budget.ts';

describe('ByteBudget', () => {
  it('grants while bytes fit and queues the rest in arrival order', async () => {
    const budget = new ByteBudget(100);
    const a = await budget.acquire(60, { maxWaitMs: 1_000 });
    const order: string[] = [];
    const b = budget.acquire(60, { maxWaitMs: 1_000 }).then((lease) => (order.push('b'), lease));
    const c = budget.acquire(10, { maxWaitMs: 1_000 }).then((lease) => (order.push('c'), lease));
    await new Promise((resolve) => setImmediate(resolve));
    // c would fit, but b came first: no overtaking, so a large download is not starved by small ones.
    expect(order).toEqual([]);
    a.release();
    await Promise.all([b, c]);
    expect(order).toEqual(['b', 'c']);
    expect(budget.used).toBe(70);
  });

  it('gives back what a lease did not keep when it shrinks', async () => {
    const budget = new ByteBudget(100);
    const a = await budget.acquire(100, { maxWaitMs: 1_000 });
    const b = budget.acquire(50, { maxWaitMs: 1_000 });
    a.shrink(30);
    expect((await b).bytes).toBe(50);
    expect(budget.used).toBe(80);
    a.shrink(500); // never grows back
    expect(a.bytes).toBe(30);
  });

  it('caps a reservation larger than the whole budget at the budget', async () => {
    const budget = new ByteBudget(100);
    expect((await budget.acquire(1_000, { maxWaitMs: 10 })).bytes).toBe(100);
  });

  it('fails a wait past maxWaitMs or an aborted request with BudgetTimeout, and the line moves on', async () => {
    const budget = new ByteBudget(100);
    const a = await budget.acquire(100, { maxWaitMs: 1_000 });
    await expect(budget.acquire(10, { maxWaitMs: 20 })).rejects.toBeInstanceOf(BudgetTimeout);
    const controller = new AbortController();
    const aborted = budget.acquire(10, { maxWaitMs: 1_000, signals: [controller.signal] });
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(BudgetTimeout);
    const next = budget.acquire(10, { maxWaitMs: 1_000 });
    a.release();
    expect((await next).bytes).toBe(10);
    expect(budget.used).toBe(10);
  });
});
