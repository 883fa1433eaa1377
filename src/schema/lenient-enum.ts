import { builder } from './builder.ts';

/**
 * GitHub adds enum values without an API version change (step status `pending` is not even in the REST
 * spec). An unknown value must not fail a whole object, so it degrades to UNKNOWN, and the exact string
 * stays readable in a raw string field beside it (`rawStatus`, `rawConclusion`).
 */
const UNKNOWN_DESCRIPTION = 'A value GitHub sent that this gateway does not know yet; see the raw string field.';

export function lenientEnum<const V extends string>(name: string, values: readonly V[]) {
  const type = builder.enumType(name, {
    values: {
      ...Object.fromEntries(values.map((value) => [value.toUpperCase(), { value }])),
      UNKNOWN: { value: 'unknown', description: UNKNOWN_DESCRIPTION },
    } as Record<string, { value: V | 'unknown' }>,
  });
  const parse = (raw: string | null | undefined): V | 'unknown' | null => {
    if (raw == null) return null;
    return (values as readonly string[]).includes(raw) ? (raw as V) : 'unknown';
  };
  return { type, parse };
}
