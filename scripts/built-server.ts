// The bundled entry `npm start` runs (dist/src/server.js), for the tests and the bench that spawn it: built
// first when a source is newer than dist/ (scripts/build.mjs --if-stale), so they run what the sources say.
// And the node flags it runs with, read from package.json's `start` script: the one place they are set.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds dist/ if it is stale (a few stat calls when it is not) and returns the server entry's path; throws with tsc's output if the build fails. */
export function builtServerEntry(): string {
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
  return fileURLToPath(new URL('../dist/src/server.js', import.meta.url));
}

/**
 * The node flags `npm start` passes (package.json's `start` script, `node <flags> <entry>`): the bench and
 * the tests that spawn the server use them, so what they measure and check is what operators run.
 */
export function startNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.trim().split(/\s+/);
  const entry = args.findIndex((arg) => !arg.startsWith('-'));
  if (command !== 'node' || entry < 0) throw new Error(`package.json: the start script is not \`node <flags> <entry>\`: ${scripts.start}`);
  return args.slice(0, entry);
}
