import type { LogLine, LogLineKind } from './log-line.ts';
import { stripAnsi } from './parse-log.ts';

/** The `##[error]` lines: what GitHub shows as the job's annotations and failure reasons. */
export function errorLines(lines: readonly LogLine[]): LogLine[] {
  return lines.filter((line) => line.kind === 'ERROR');
}

export interface LineFilter {
  /**
   * Keep lines whose content contains this text (case-sensitive). Colour codes are ignored while matching,
   * so `contains: "npm ci"` finds `\u001b[36;1mnpm ci\u001b[0m`; the line itself is returned unchanged.
   */
  contains?: string | null;
  /** Keep only these kinds. */
  kinds?: readonly LogLineKind[] | null;
}

/** Builds the predicate once, so a stream can be filtered batch by batch. */
export function lineMatcher({ contains, kinds }: LineFilter): (line: LogLine) => boolean {
  const kindSet = kinds ? new Set(kinds) : null;
  return (line) =>
    (kindSet === null || kindSet.has(line.kind)) &&
    (contains == null || contains === '' || stripAnsi(line.content).includes(contains));
}

/** For the GraphQL `lines(contains:)` argument. */
export function filterLines(lines: readonly LogLine[], filter: LineFilter): LogLine[] {
  return lines.filter(lineMatcher(filter));
}

/**
 * Relay-style window: `first` keeps the first n, then `last` keeps the last n of what remains.
 * Arguments are validated by the GraphQL layer (BAD_USER_INPUT); here a negative or fractional count is a
 * programming error.
 */
export function sliceFirstLast<T>(lines: readonly T[], { first, last }: { first?: number | null; last?: number | null }): T[] {
  assertCount('first', first);
  assertCount('last', last);
  let out = first == null ? lines.slice() : lines.slice(0, first);
  if (last != null) out = last === 0 ? [] : out.slice(-last);
  return out;
}

function assertCount(name: string, value: number | null | undefined): void {
  if (value != null && (!Number.isSafeInteger(value) || value < 0)) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}
