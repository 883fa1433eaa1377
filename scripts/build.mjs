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
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(root, 'dist');
const STAMP = join(DIST, '.built');
/**
 * What a build reads: a change to any of them makes dist/ stale. The bundle holds the dependencies' code
 * too, so a changed package-lock.json (an `npm install` of another version) rebuilds it.
 */
const INPUTS = ['src', 'fake-github', 'schema/generated/persisted-documents.json', 'package-lock.json', 'scripts/build.mjs'];
const ENTRIES = ['src/server.ts', 'src/demo.ts'];

function newestMtime(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isStale() {
  const built = statSync(STAMP, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return INPUTS.some((input) => newestMtime(join(root, input)) > built);
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
      absWorkingDir: root,
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
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && (!process.argv.includes('--if-stale') || isStale())) await build();
