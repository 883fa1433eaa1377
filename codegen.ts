import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { lexicographicSortSchema } from 'graphql';
import { schema } from './src/schema/index.ts';

/**
 * Prints schema/schema.graphql from the Pothos schema (sorted, so diffs are reviewable).
 * The client documents for schema/operations/ are added beside it.
 */
const config: CodegenConfig = {
  schema: printSchema(lexicographicSortSchema(schema)),
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'], config: { sort: true, includeDirectives: false } },
  },
};

export default config;
