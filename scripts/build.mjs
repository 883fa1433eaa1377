// `npm run build`: bundles the runtime (src/server.ts, and src/demo.ts with fake-github/) with esbuild into a
// few ES modules in dist/: the entries dist/src/server.js and dist/src/demo.js, the code they share in
// dist/chunks/. One file instead of ~1,200 modules: a start resolves, reads and compiles no node_modules tree,
// which was most of its time (README, Benchmark). What an entry imports with `import()` (the app after the
// settings, GraphiQL's 9 MB page) stays a chunk of its own, loaded when first needed.
// `--if-stale` (what `npm run demo` and scripts/start.mjs run first) builds only when an input is newer than the
// last build, so a start on a built tree costs a few stat calls.
//
// Plain JavaScript on purpose: it runs before anything is compiled, with node alone (no tsx). Types are
// checked by `npm run typecheck`, not here: esbuild strips them.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
/** Written last by a build: its mtime dates the build, its text is the package-lock.json it was built from. */
const STAMP = 'dist/.built';
/** What a build reads: a change to any of them (a newer mtime) makes dist/ stale. */
const INPUTS = ['src', 'fake-github', 'schema/generated/persisted-documents.json', 'scripts/build.mjs'];
/**
 * The bundle holds the dependencies' code too: another package-lock.json (an `npm install` of another
 * version) makes it stale. Compared by content, not mtime: `npm prune --omit=dev` in an image rewrites the
 * same lock file, and there is no esbuild left to rebuild with.
 */
const lockHash = (root) => createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
const ENTRIES = ['src/server.ts', 'src/demo.ts'];

function newestMtime(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Whether the build in `root`/dist is missing or older than what it was built from. */
export function isStale(root = ROOT) {
  const stamp = statSync(join(root, STAMP), { throwIfNoEntry: false });
  if (!stamp || INPUTS.some((input) => newestMtime(join(root, input)) > stamp.mtimeMs)) return true;
  return readFileSync(join(root, STAMP), 'utf8').trim() !== lockHash(root);
}

/** Marks `root`/dist as built from the inputs as they are now. */
export function writeStamp(root = ROOT) {
  writeFileSync(join(root, STAMP), `${lockHash(root)}\n`);
}

export async function build() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    console.error('actions-jobs-gateway: dist/ is missing or stale and esbuild is not installed (npm ci installs it; or run `npm run build` where it is)');
    process.exit(1);
  }
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  const result = await esbuild
    .build({
      absWorkingDir: ROOT,
      entryPoints: ENTRIES,
      outdir: DIST,
      outbase: '.',
      chunkNames: 'chunks/[name]-[hash]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: true,
      // Whitespace and syntax only: fewer bytes to read and parse; names stay as written (stack traces,
      // and libraries that print a class's name).
      minifyWhitespace: true,
      minifySyntax: true,
      // ioredis loads with REDIS_URL only (src/replicas/redis-link.ts requires it at run time from node_modules).
      external: ['ioredis'],
      // CommonJS dependencies (graphql, @apollo/*, undici, prom-client, …) call `require` for Node's own
      // modules; an ES module has none, so each output file gets one.
      banner: { js: "import { createRequire as __gatewayCreateRequire } from 'node:module'; const require = __gatewayCreateRequire(import.meta.url);" },
      logLevel: 'warning',
    })
    .catch(() => process.exit(1)); // esbuild has printed the errors
  if (result.errors.length > 0) process.exit(1);
  writeStamp();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && (!process.argv.includes('--if-stale') || isStale())) await build();
