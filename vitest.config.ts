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
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
