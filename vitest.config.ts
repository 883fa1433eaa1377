import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 has no `exports` map: Node (tsx, production) loads its CommonJS build, Vite would pick
    // the `module` (.mjs) one for our sources. Two copies of graphql-js make `instanceof` checks and
    // validation rules (NoSchemaIntrospectionCustomRule) fail against the schema Pothos and Yoga build.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts', 'fake-github/**/*.test.ts'],
    // Fails any test file whose fake GitHub's log storage host ever saw an Authorization header.
    setupFiles: ['test/support/storage-guard-setup.ts'],
    // One module graph per worker, not per file: every file imports the same app (Yoga, Pothos, graphql-js,
    // undici), and re-importing it for each of 30 files was most of the suite's CPU. Safe because nothing in
    // src/ or the fake keeps module-level state beyond per-request objects, and test files restore what
    // they patch (vi.restoreAllMocks) and close what they start. A new test file must do the same: no
    // vi.stubGlobal/stubEnv left behind, no setGlobalDispatcher, no process listeners it does not remove.
    // Workers stay forks (the default): one process per worker, so process.memoryUsage() in a memory test
    // sees that worker alone, and a test that spawns or signals processes owns a whole process.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
