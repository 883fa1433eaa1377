import { useApolloInlineTrace } from '@graphql-yoga/plugin-apollo-inline-trace';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Apollo federated tracing (ftv1): when a router asks with `apollo-federation-include-trace: ftv1` (Apollo
 * Router and GraphOS do), the answer carries `extensions.ftv1`, the per-field timing tree the router merges
 * into its query plan's trace. Without that header nothing is recorded.
 *
 * Traces travel on to a tracing service the caller does not see, so their errors keep only `extensions.code`
 * and a `<masked>` message, as Apollo Server's subgraph default does (`includeErrors: { masked: true }`).
 */
export function useFederationTrace(): Plugin {
  return useApolloInlineTrace({
    rewriteError: (error) => new GraphQLError('<masked>', { extensions: typeof error.extensions?.code === 'string' ? { code: error.extensions.code } : {} }),
  }) as Plugin;
}
