import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../src/logs/log-line.ts';
import { LogLineParser } from '../src/logs/parse-log.ts';
import { TailBuffer } from '../src/logs/tail-lines.ts';

function line(number: number): LogLine {
  return { number, timestamp: '2026-10-04T17:58:51.3907173Z', content: `line ${number}`, kind: 'OUTPUT', prefix: '2026-10-04T17:58:51.3907173Z ', eol: '\n' };
}

/** A callable gc(), without starting the worker with --expose-gc. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('TailBuffer', () => {
  it('keeps everything, in order, while fewer than N lines went through', () => {
    const tail = new TailBuffer(5);
    tail.push([line(1), line(2)]);
    tail.push([line(3)]);
    expect(tail.toArray().map((l) => l.number)).toEqual([1, 2, 3]);
    expect(tail.size).toBe(3);
  });

  it('keeps the last N lines, oldest first, across batches of any size', () => {
    const tail = new TailBuffer(3);
    tail.push([line(1), line(2)]);
    tail.push([line(3), line(4)]);
    tail.push([]);
    tail.push([line(5)]);
    expect(tail.toArray().map((l) => l.number)).toEqual([3, 4, 5]);
    tail.push([6, 7, 8, 9, 10, 11, 12].map(line));
    expect(tail.toArray().map((l) => l.number)).toEqual([10, 11, 12]);
    expect(tail.seen).toBe(12);
  });

  it('keeps nothing when N is 0', () => {
    const tail = new TailBuffer(0);
    tail.push([line(1)]);
    expect(tail.toArray()).toEqual([]);
    expect(tail.seen).toBe(1);
  });

  it('rejects a negative or fractional size', () => {
    expect(() => new TailBuffer(-1)).toThrow(RangeError);
    expect(() => new TailBuffer(1.5)).toThrow(RangeError);
  });

  it('keeps only the last N of 1e6 streamed lines and lets the older ones be collected', async () => {
    const gc = exposeGc();
    const n = 100;
    const tail = new TailBuffer(n);
    const parser = new LogLineParser();
    let early: WeakRef<LogLine> | undefined;
    const batch: string[] = [];
    for (let i = 1; i <= 1_000_000; i++) {
      batch.push(`2026-10-04T17:58:51.3907173Z output line ${i} ${'x'.repeat(40)}\n`);
      if (batch.length === 1000) {
        const lines = parser.push(batch.join(''));
        early ??= new WeakRef(lines[0] as LogLine);
        tail.push(lines);
        batch.length = 0;
      }
    }
    tail.push(parser.end());
    // A WeakRef target stays alive until the current job ends: yield once before collecting.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();

    const kept = tail.toArray();
    expect(tail.seen).toBe(1_000_000);
    expect(kept).toHaveLength(n);
    expect(kept[0]?.number).toBe(1_000_000 - n + 1);
    expect(kept.at(-1)?.content).toBe(`output line 1000000 ${'x'.repeat(40)}`);
    // The first line ever pushed was overwritten long ago: nothing keeps it alive.
    expect(early?.deref()).toBeUndefined();
  });

  it('holds the same memory after 1e6 lines as after 1e4: the ring never grows', () => {
    const gc = exposeGc();
    const tail = new TailBuffer(1000);
    const pushLines = (from: number, count: number): void => {
      for (let i = from; i < from + count; i += 1000) {
        tail.push(Array.from({ length: 1000 }, (_, k) => line(i + k)));
      }
    };
    pushLines(0, 10_000);
    gc();
    const after1e4 = process.memoryUsage().heapUsed;
    pushLines(10_000, 990_000);
    gc();
    const after1e6 = process.memoryUsage().heapUsed;
    // 990,000 retained LogLines would be well over 50 MB; allow noise of a few MB.
    expect(after1e6 - after1e4).toBeLessThan(8 * 1024 * 1024);
    expect(tail.toArray()).toHaveLength(1000);
  });
});
