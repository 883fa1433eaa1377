// The bundled entry `npm start` runs (dist/src/server.js), for the tests and the bench that spawn it: built
// first when a source is newer than dist/ (scripts/build.mjs --if-stale), so they run what the sources say.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds dist/ if it is stale (a few stat calls when it is not) and returns the server entry's path; throws with tsc's output if the build fails. */
export function builtServerEntry(): string {
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
  return fileURLToPath(new URL('../dist/src/server.js', import.meta.url));
}
