// The line format of GitHub Actions job logs, as real logs have it:
//   BOM once at the start, then `2026-10-04T17:58:51.3907173Z <message>` per line: 7 fractional
//   digits, always Z. A multi-line message carries the timestamp on its first line only.

export const BOM = '\uFEFF';
export const CYAN = '\u001b[36;1m';
export const GREEN = '\u001b[32m';
export const RED = '\u001b[31m';
export const YELLOW = '\u001b[33m';
export const RESET = '\u001b[0m';
export const RESET_FG = '\u001b[39m';

/** 100 ns ticks, the resolution of the runner's timestamps. */
export const TICKS_PER_SECOND = 10_000_000;

/**
 * Formats `baseSeconds` (epoch seconds) plus `ticks` (100 ns units). Times are kept relative to a
 * base because absolute tick counts (~1.8e16) lose precision as JavaScript numbers.
 */
export function logTimestamp(baseSeconds: number, ticks: number): string {
  const seconds = baseSeconds + Math.floor(ticks / TICKS_PER_SECOND);
  const fraction = String(ticks % TICKS_PER_SECOND).padStart(7, '0');
  return new Date(seconds * 1000).toISOString().replace('.000Z', `.${fraction}Z`);
}

/** One log entry: the first line gets the timestamp, continuation lines are written bare. */
export function logEntry(baseSeconds: number, ticks: number, message: string, eol: string): string {
  return `${logTimestamp(baseSeconds, ticks)} ${message.split('\n').join(eol)}${eol}`;
}
