import { UserInputError } from '../errors/user-input-error.ts';

/**
 * Opaque cursors: base64url of `v1:<scope>:<offset>`. The scope names the list (run, filter or attempt),
 * so a cursor taken from one list cannot silently page another. Offsets are positions in GitHub's order.
 */
const PREFIX = 'v1';

export function encodeCursor(scope: string, offset: number): string {
  return Buffer.from(`${PREFIX}:${scope}:${offset}`, 'utf8').toString('base64url');
}

function parseCursor(cursor: string): { scope: string; offset: number } | undefined {
  const text = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^v1:(.+):(\d{1,9})$/.exec(text);
  return match ? { scope: match[1] as string, offset: Number(match[2]) } : undefined;
}

export function decodeCursor(cursor: string, scope: string, argument: string): number {
  const parsed = parseCursor(cursor);
  if (!parsed) throw new UserInputError(`\`${argument}\` is not a cursor this gateway issued`, argument);
  if (parsed.scope !== scope) throw new UserInputError(`\`${argument}\` belongs to another run, filter or attempt`, argument);
  return parsed.offset;
}

/**
 * The same position under another scope: the cost estimate plans a window on a list it cannot name yet
 * (the jobs of runs known only at run time), where only the offset matters. Malformed cursors stay as they are.
 */
export function rescopeCursor(cursor: string | null | undefined, scope: string): string | null | undefined {
  const parsed = cursor == null ? undefined : parseCursor(cursor);
  return parsed ? encodeCursor(scope, parsed.offset) : cursor;
}
