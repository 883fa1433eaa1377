/** A rejection as an Error: a DataLoader batch answers one Error per failed key, never a rejected batch. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
