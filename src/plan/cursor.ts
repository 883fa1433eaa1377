import { UserInputError } from '../user-input-error.ts';

/**
 * Opaque cursors: base64url of `v1:<scope>:<offset>`. The scope names the list (run, filter or attempt),
 * so a cursor taken from one list cannot silently page another. Offsets are positions in GitHub's order.
 */
const PREFIX = 'v1';

export function encodeCursor(scope: string, offset: number): string {
  return Buffer.from(`${PREFIX}:${scope}:${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, scope: string, argument: string): number {
  const text = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^v1:(.+):(\d{1,9})$/.exec(text);
  if (!match) throw new UserInputError(`\`${argument}\` is not a cursor this gateway issued`, argument);
  if (match[1] !== scope) throw new UserInputError(`\`${argument}\` belongs to another run, filter or attempt`, argument);
  return Number(match[2]);
}
