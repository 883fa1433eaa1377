import type { LogLine } from '../logs/log-line.ts';
import type { CostLimits, FieldCost, Reach } from '../plan/cost.ts';
import type { RequestAccount } from '../telemetry/request-account.ts';
import { stripAnsi } from '../logs/parse-log.ts';
import { UserInputError } from '../errors/user-input-error.ts';

type ResponseAccount = Pick<RequestAccount, 'chargeResponse'>;

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

/** Charges a log field's value to the response's size (the request account, telemetry/request-account.ts): content plus each line's framing. */
export function chargeLines<T extends readonly LogLine[]>(account: ResponseAccount, lines: T): T {
  let bytes = 0;
  for (const line of lines) bytes += line.content.length + 64;
  account.chargeResponse(bytes);
  return lines;
}

export function chargeText(account: ResponseAccount, text: string): string {
  account.chargeResponse(text.length);
  return text;
}

/** `ansi: false` strips escape sequences from the contents; the lines themselves are not changed. */
export function withAnsi(lines: readonly LogLine[], ansi: boolean | null | undefined): readonly LogLine[] {
  return ansi === false ? lines.map((line) => ({ ...line, content: stripAnsi(line.content) })) : lines;
}

export const ANSI_DESCRIPTION = 'false strips ANSI escape sequences (colours, cursor moves); kept by default';

/**
 * Lines assumed per MAX_LOG_BYTES of log when a field asks for all of them (GitHub's lines carry a 29-byte
 * timestamp, real ones average more): the size estimate's guess, which the runtime size stop backs.
 */
const ASSUMED_BYTES_PER_LINE = 128;

/**
 * A log field's worst case: every byte of the log kept (MAX_LOG_BYTES per job, all of a job's steps
 * together), once per value and per alias; `first`/`last` bound the lines, not their length.
 */
export function logFieldCost(jobs: Reach, values: Reach, limits: CostLimits, lines?: { first?: unknown; last?: unknown }, newId?: () => string): FieldCost {
  const bytes = jobs.count * limits.maxLogBytes;
  const cost: FieldCost = { bytes, log: true, copies: jobs.dup };
  // The request holds at most maxRequestLogBytes of logs: all its lines come out of that.
  const held = Math.min(bytes, jobs.dup * limits.maxRequestLogBytes);
  if (!lines || !newId) return cost;
  const bound = [lines.first, lines.last].filter((n): n is number => typeof n === 'number');
  const perValue = bound.length > 0 ? Math.min(...bound) : null;
  const all = Math.ceil(held / ASSUMED_BYTES_PER_LINE);
  const count = perValue !== null ? Math.min(values.count * perValue, all) : all;
  return { ...cost, reach: { count, refs: null, dup: 1, id: newId() } };
}
