import { printSubgraphSchema } from '@apollo/subgraph';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { lexicographicSortSchema } from 'graphql';
import { schema, subgraphSchema } from './src/schema/index.ts';

/**
 * The subgraph SDL needs @apollo/subgraph's printer (it keeps `@link` and `@key`, which graphql's
 * printSchema and schema-ast drop). Served to codegen as an in-memory plugin by `pluginLoader`, so it is
 * generated, and checked for staleness, like every other artifact.
 */
const localPlugins: Record<string, { plugin: () => string }> = {
  'subgraph-sdl': { plugin: () => printSubgraphSchema(subgraphSchema) },
};

/**
 * Prints schema/schema.graphql from the Pothos schema (sorted, so diffs are reviewable), the federation
 * subgraph SDL beside it, and typed documents for schema/operations/*.graphql into schema/generated/.
 */
const config: CodegenConfig = {
  schema: printSchema(lexicographicSortSchema(schema)),
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'], config: { sort: true, includeDirectives: false } },
    'schema/subgraph.graphql': { plugins: ['subgraph-sdl'] },
    // Typed documents for frontends (and our tests): TypedDocumentNode per operation, plus
    // persisted-documents.json (sha256 hash → document) for a gateway that accepts only known operations.
    'schema/generated/': {
      documents: ['schema/operations/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' } },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        // Explicit `.js` suffixes: the output is ESM that Node and TypeScript's NodeNext both resolve.
        emitLegacyCommonJSImports: false,
        scalars: {
          BigInt: 'number',
          DateTime: { input: 'string | Date', output: 'string' },
          URL: 'string',
        },
      },
    },
  },
  pluginLoader: async (name: string) => localPlugins[name] ?? import(name),
};

export default config;
