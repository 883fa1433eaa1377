import { useApolloInlineTrace } from '@graphql-yoga/plugin-apollo-inline-trace';
import { mapSchema } from '@graphql-tools/utils';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const TRACE_HEADER = 'apollo-federation-include-trace';

/**
 * Apollo federated tracing (ftv1): when a router asks with `apollo-federation-include-trace: ftv1` (Apollo
 * Router and GraphOS do), the answer carries `extensions.ftv1`, the per-field timing tree the router merges
 * into its query plan's trace. Without that header nothing is recorded.
 *
 * Traces travel on to a tracing service the caller does not see, so their errors keep only `extensions.code`
 * and a `<masked>` message, as Apollo Server's subgraph default does (`includeErrors: { masked: true }`).
 *
 * The plugin times fields by wrapping every resolver of the schema (@envelop/on-resolve). Wrapped in the
 * served schema, that cost every request a closure and a promise check per field, traced or not (a third of
 * a 260-job answer's time), and kept graphql-jit from reading plain fields directly. So the wrapping goes
 * onto a copy of the schema (mapSchema: the same types and resolvers, fields of its own), and only a traced
 * request executes on that copy.
 */
export function useFederationTrace(schema: GraphQLSchema): Plugin {
  const traced = mapSchema(schema);
  const inline = useApolloInlineTrace({
    rewriteError: (error) => new GraphQLError('<masked>', { extensions: typeof error.extensions?.code === 'string' ? { code: error.extensions.code } : {} }),
  }) as Plugin;
  return {
    ...inline,
    onPluginInit: (init) => inline.onPluginInit?.({ ...init, addPlugin: (plugin) => init.addPlugin(ontoTraced(plugin as Plugin, traced)) }),
    onExecute({ args, executeFn, setExecuteFn }) {
      if (args.contextValue.request.headers.get(TRACE_HEADER) !== 'ftv1') return;
      setExecuteFn((executeArgs) => executeFn({ ...executeArgs, schema: traced }));
    },
  };
}

/** The plugin (and those it adds) with its schema hook applied to `traced` once, never to the served schema. */
function ontoTraced(plugin: Plugin, traced: GraphQLSchema): Plugin {
  const { onSchemaChange, onPluginInit, ...rest } = plugin;
  onSchemaChange?.({ schema: traced, replaceSchema: () => undefined });
  return {
    ...rest,
    ...(onPluginInit ? { onPluginInit: (init) => onPluginInit({ ...init, addPlugin: (added) => init.addPlugin(ontoTraced(added as Plugin, traced)) }) } : {}),
  };
}
