/**
 * Fails when a committed generated artifact is stale: regenerates the outputs in place with GraphQL Code
 * Generator and compares them byte for byte with what was there. Stale files are left regenerated, ready
 * to commit (the same as `npm run codegen`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const outputs = [
  'schema/schema.graphql',
  'schema/subgraph.graphql',
  // client-preset output for schema/operations/*.graphql (codegen.ts)
  'schema/generated/gql.ts',
  'schema/generated/graphql.ts',
  'schema/generated/index.ts',
  'schema/generated/persisted-documents.json',
];
const before = new Map(outputs.map((path) => [path, safeRead(path)]));
execFileSync('npx', ['graphql-codegen', '--config', 'codegen.ts', '--silent'], { stdio: 'inherit' });
const stale = outputs.filter((path) => safeRead(path) !== before.get(path));
if (stale.length > 0) {
  // Regeneration rewrote them; restore nothing, but fail so CI and the hook notice.
  console.error(`schema:check: stale generated files (now regenerated, commit them): ${stale.join(', ')}`);
  process.exit(1);
}
console.log('schema:check: generated files are up to date');

function safeRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
