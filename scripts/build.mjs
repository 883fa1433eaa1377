// `npm run build`: compiles src/ and fake-github/ to plain JavaScript in dist/ (tsconfig.build.json) and copies
// the data files the runtime reads beside them. `--if-stale` (what `npm start` and `npm run demo` run first)
// builds only when a source is newer than the last build, so a start on a built tree costs a few stat calls.
//
// Plain JavaScript on purpose: it runs before anything is compiled, with node alone (no tsx).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(root, 'dist', '.built');
/** What a build reads: a change to any of them makes dist/ stale. */
const INPUTS = ['src', 'fake-github', 'tsconfig.json', 'tsconfig.build.json'];
/** Files read at run time through a path relative to the module (`new URL('../../schema/…', import.meta.url)`). */
const ASSETS = ['schema/generated/persisted-documents.json'];

function newestMtime(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isStale() {
  const built = statSync(STAMP, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return [...INPUTS, ...ASSETS].some((input) => newestMtime(join(root, input)) > built);
}

function build() {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!statSync(tsc, { throwIfNoEntry: false })) {
    console.error('actions-jobs-gateway: dist/ is missing or stale and typescript is not installed (npm ci installs it; or run `npm run build` where it is)');
    process.exit(1);
  }
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  for (const asset of ASSETS) {
    const target = join(root, 'dist', asset);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(root, asset), target);
  }
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

if (!process.argv.includes('--if-stale') || isStale()) build();
