// The house rule that keeps the design readable: imports run one way, server → app → schema/plugins →
// context → loaders/live → plan → github/logs. Read from the sources, so a new import against the grain
// fails here instead of in a review.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every module a file imports (static, type-only and dynamic), as a path below src/ or a package name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((match) => (match[1] ?? match[2]) as string);
  return specifiers.map((specifier) => (specifier.startsWith('.') ? relative(src, resolve(dirname(file), specifier)) : `package:${specifier}`));
}

/** What each part of src/ may not import (prefixes of paths below src/, or `package:` names). */
const FORBIDDEN: Array<{ part: string; mayNotImport: string[] }> = [
  // The REST side knows nothing of GraphQL or of the gateway around it.
  { part: 'github/', mayNotImport: ['package:graphql', 'package:graphql-yoga', 'plan/', 'loaders/', 'schema/', 'plugins/', 'live/', 'replicas/', 'telemetry/', 'errors/', 'logs/', 'context.ts', 'app.ts'] },
  { part: 'logs/', mayNotImport: ['package:graphql', 'plan/', 'loaders/', 'schema/', 'plugins/', 'live/', 'replicas/', 'telemetry/', 'context.ts', 'app.ts'] },
  // Pure planning: no I/O, no GraphQL.
  { part: 'plan/', mayNotImport: ['package:graphql', 'package:undici', 'loaders/', 'schema/', 'plugins/', 'live/', 'replicas/', 'telemetry/', 'github/client.ts', 'context.ts', 'app.ts'] },
  { part: 'loaders/', mayNotImport: ['package:graphql', 'schema/', 'plugins/', 'live/', 'replicas/', 'context.ts', 'app.ts'] },
  { part: 'schema/', mayNotImport: ['plugins/', 'replicas/', 'app.ts', 'server.ts'] },
  { part: 'plugins/', mayNotImport: ['schema/', 'loaders/', 'replicas/', 'app.ts', 'server.ts'] },
  { part: 'telemetry/', mayNotImport: ['schema/', 'plugins/', 'loaders/', 'live/', 'replicas/', 'context.ts', 'app.ts'] },
  { part: 'errors/', mayNotImport: ['schema/', 'plugins/', 'loaders/', 'live/', 'replicas/', 'context.ts', 'app.ts'] },
  { part: '', mayNotImport: ['server.ts'] },
];

describe('imports run one way', () => {
  const files = sourceFiles(src).map((file) => ({ name: relative(src, file), imports: importsOf(file) }));

  it('reads the imports it checks (a pattern that matched nothing would pass every rule)', () => {
    const app = files.find((file) => file.name === 'app.ts');
    expect(app?.imports).toEqual(expect.arrayContaining(['context.ts', 'schema/index.ts', 'package:graphql-yoga']));
    expect(files.find((file) => file.name === 'server.ts')?.imports).toContain('app.ts');
  });

  it.each(FORBIDDEN)('src/$part imports none of its forbidden layers', ({ part, mayNotImport }) => {
    const violations = files
      .filter((file) => file.name.startsWith(part) && file.name !== 'server.ts')
      .flatMap((file) => file.imports.filter((target) => mayNotImport.some((prefix) => target === prefix || target.startsWith(prefix))).map((target) => `${file.name} → ${target}`));
    expect(violations).toEqual([]);
  });
});
