import type { LogLine } from '../logs/log-line.ts';
import { stripAnsi } from '../logs/parse-log.ts';
import { UserInputError } from '../user-input-error.ts';

/** Largest `first`/`last` of a log's `lines`: a bigger window is a download, not a query. */
export const MAX_LOG_LINES = 10_000;
const MAX_CONTAINS_LENGTH = 1_000;

/** Checked before anything is read; BAD_USER_INPUT otherwise. */
export function checkLinesArgs({ first, last, contains }: { first?: number | null; last?: number | null; contains?: string | null }): void {
  for (const [name, value] of [['first', first], ['last', last]] as const) {
    if (value != null && (value < 0 || value > MAX_LOG_LINES)) {
      throw new UserInputError(`\`${name}\` must be between 0 and ${MAX_LOG_LINES}`, name);
    }
  }
  if (contains != null && contains.length > MAX_CONTAINS_LENGTH) {
    throw new UserInputError(`\`contains\` must be at most ${MAX_CONTAINS_LENGTH} characters`, 'contains');
  }
}

export function isValidLinesArgs(args: { first?: number | null; last?: number | null; contains?: string | null }): boolean {
  try {
    checkLinesArgs(args);
    return true;
  } catch {
    return false;
  }
}

/** `ansi: false` strips escape sequences from the contents; the lines themselves are not changed. */
export function withAnsi(lines: readonly LogLine[], ansi: boolean | null | undefined): readonly LogLine[] {
  return ansi === false ? lines.map((line) => ({ ...line, content: stripAnsi(line.content) })) : lines;
}

export const ANSI_DESCRIPTION = 'false strips ANSI escape sequences (colours, cursor moves); kept by default';
