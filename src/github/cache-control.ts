/**
 * The two `Cache-Control` directives that matter to a per-credential cache. `private` does not: every
 * entry is keyed by the caller's credential, which is what `private` asks for (RESTDataSource skips
 * such answers by default and so never revalidates GitHub's, which are all `private` when authorized).
 */
export interface CacheDirectives {
  noStore: boolean;
  /** Seconds the answer may be served without asking again; undefined when GitHub gives none. */
  maxAge: number | undefined;
}

export function parseCacheControl(header: string | undefined): CacheDirectives {
  const directives: CacheDirectives = { noStore: false, maxAge: undefined };
  if (!header) return directives;
  for (const part of header.split(',')) {
    const [rawName, rawValue] = part.split('=', 2);
    const name = rawName?.trim().toLowerCase();
    const value = rawValue?.trim().replace(/^"|"$/g, '');
    if (name === 'no-store') directives.noStore = true;
    if (name === 'no-cache') directives.maxAge = 0;
    if (name === 'max-age' && value !== undefined && /^\d+$/.test(value) && directives.maxAge !== 0) directives.maxAge = Number(value);
  }
  return directives;
}
