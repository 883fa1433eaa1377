import { UserInputError } from '../errors/user-input-error.ts';
import { decodeCursor } from './cursor.ts';

/** GitHub's own default page size, used when neither `first` nor `last` is given. */
export const DEFAULT_FIRST = 30;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * The requested slice in item positions, following the Relay cursor spec: `after`/`before` narrow
 * [start, end), then `first` keeps the head and `last` the tail. `end` is null when only the list's
 * total can tell it (`last` without `before`); see resolveWindow.
 */
export interface RequestedWindow {
  start: number;
  end: number | null;
  first: number | null;
  last: number | null;
}

export function requestWindow(args: ConnectionArgs, scope: string, maxSize: number): RequestedWindow {
  const first = checkSize(args.first, 'first', maxSize);
  const last = checkSize(args.last, 'last', maxSize);
  const start = args.after != null ? decodeCursor(args.after, scope, 'after') + 1 : 0;
  const before = args.before != null ? decodeCursor(args.before, scope, 'before') : null;
  const end = before === null ? null : Math.max(start, before);
  return { start, end, first: first ?? (last === null ? DEFAULT_FIRST : null), last };
}

function checkSize(value: number | null | undefined, argument: string, maxSize: number): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 0 || value > maxSize) {
    throw new UserInputError(`\`${argument}\` must be between 0 and ${maxSize}, got ${value}`, argument);
  }
  return value;
}

/** Whether the window can be placed without knowing the list's total. */
export function needsTotal(window: RequestedWindow): boolean {
  return window.end === null && window.last !== null && window.first === null;
}

/** The concrete [offset, offset+count) to fetch; `total` may be undefined unless needsTotal(window). */
export function resolveWindow(window: RequestedWindow, total: number | undefined): { offset: number; count: number } {
  let { start } = window;
  let end = window.end ?? (total !== undefined ? Math.max(start, total) : Number.POSITIVE_INFINITY);
  if (total !== undefined) end = Math.min(end, Math.max(start, total));
  if (window.first !== null) end = Math.min(end, start + window.first);
  if (window.last !== null) {
    if (!Number.isFinite(end)) throw new Error('resolveWindow: `last` needs the total');
    start = Math.max(start, end - window.last);
  }
  return { offset: start, count: Math.max(0, end - start) };
}

/** The most items a window can hold: `last` without `before` holds up to `last`, wherever it falls. */
export function mostItems(window: RequestedWindow): number {
  return needsTotal(window) ? (window.last ?? 0) : resolveWindow(window, undefined).count;
}
