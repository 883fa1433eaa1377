import { describe, expect, it } from 'vitest';
import type { LogLine } from '../src/logs/log-line.ts';
import { errorLines, filterLines, lineMatcher, sliceFirstLast } from '../src/logs/error-lines.ts';
import { parseLog } from '../src/logs/parse-log.ts';

const log = parseLog(
  [
    '2026-10-04T17:58:52.0100000Z ##[group]Run npm ci',
    '2026-10-04T17:58:52.0100100Z \u001b[36;1mnpm ci\u001b[0m',
    '2026-10-04T17:58:52.0100300Z ##[endgroup]',
    '2026-10-04T17:58:57.5000000Z ##[warning]npm warn deprecated inflight@1.0.6',
    '2026-10-04T17:59:02.0000200Z ##[error]AssertionError: expected 500 to be 200',
    ' ❯ test/app.test.ts:12:5',
    '2026-10-04T17:59:02.9000000Z ##[error]Process completed with exit code 1.',
  ].join('\n'),
);

const contents = (lines: LogLine[]): string[] => lines.map((l) => l.content);

describe('errorLines', () => {
  it('keeps only ##[error] lines, with their continuation lines', () => {
    expect(contents(errorLines(log))).toEqual([
      'AssertionError: expected 500 to be 200\n ❯ test/app.test.ts:12:5',
      'Process completed with exit code 1.',
    ]);
  });
});

describe('filterLines', () => {
  it('keeps lines whose content contains the text, case-sensitively', () => {
    expect(contents(filterLines(log, { contains: 'npm' }))).toEqual([
      'Run npm ci',
      '\u001b[36;1mnpm ci\u001b[0m',
      'npm warn deprecated inflight@1.0.6',
    ]);
    expect(filterLines(log, { contains: 'NPM' })).toEqual([]);
  });

  it('matches across colour codes and returns the line unchanged', () => {
    expect(contents(filterLines(log, { contains: 'mnpm' }))).toEqual([]);
    expect(filterLines(log, { contains: 'npm ci' })[1]?.content).toBe('\u001b[36;1mnpm ci\u001b[0m');
  });

  it('matches text in continuation lines', () => {
    expect(filterLines(log, { contains: 'app.test.ts:12' }).map((l) => l.number)).toEqual([5]);
  });

  it('keeps everything for an absent or empty filter, and can filter by kind', () => {
    expect(filterLines(log, {})).toEqual(log);
    expect(filterLines(log, { contains: '' })).toEqual(log);
    expect(filterLines(log, { contains: null, kinds: null })).toEqual(log);
    expect(contents(filterLines(log, { kinds: ['WARNING', 'ERROR'], contains: 'npm' }))).toEqual(['npm warn deprecated inflight@1.0.6']);
  });

  it('offers the same predicate for filtering a stream batch by batch', () => {
    const matches = lineMatcher({ contains: 'exit code' });
    expect(log.filter(matches).map((l) => l.number)).toEqual([7]);
  });
});

describe('sliceFirstLast', () => {
  const items = [1, 2, 3, 4, 5];

  it('takes the first n, the last n, or the last of the first', () => {
    expect(sliceFirstLast(items, { first: 2 })).toEqual([1, 2]);
    expect(sliceFirstLast(items, { last: 2 })).toEqual([4, 5]);
    expect(sliceFirstLast(items, { first: 4, last: 2 })).toEqual([3, 4]);
    expect(sliceFirstLast(items, {})).toEqual(items);
    expect(sliceFirstLast(items, { first: null, last: null })).toEqual(items);
  });

  it('handles 0 and counts larger than the list', () => {
    expect(sliceFirstLast(items, { first: 0 })).toEqual([]);
    expect(sliceFirstLast(items, { last: 0 })).toEqual([]);
    expect(sliceFirstLast(items, { first: 10 })).toEqual(items);
    expect(sliceFirstLast(items, { last: 10 })).toEqual(items);
  });

  it('does not change the input', () => {
    const copy = [...items];
    sliceFirstLast(copy, { last: 1 });
    expect(copy).toEqual(items);
  });

  it('rejects negative or fractional counts, which the GraphQL layer should have refused', () => {
    expect(() => sliceFirstLast(items, { first: -1 })).toThrow(RangeError);
    expect(() => sliceFirstLast(items, { last: 1.5 })).toThrow(RangeError);
  });
});
