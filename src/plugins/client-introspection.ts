import { getOperationAST, Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

/**
 * The app serves the federation subgraph schema (`_service`, `_entities`, `_Any`, …) so that routers can
 * compose and query it; clients have no use for those, and GraphiQL's docs and autocomplete should show the
 * client contract (schema/schema.graphql). Introspection is answered from the client schema: routers
 * compose from `_service { sdl }`, which is not introspection and still works.
 */
export function useClientIntrospection(clientSchema: GraphQLSchema): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (!isIntrospectionOnly(args.document, args.operationName)) return;
      setExecuteFn((executeArgs) => executeFn({ ...executeArgs, schema: clientSchema }));
    },
  };
}

/** Whether the operation selects only `__schema`, `__type` and `__typename` at its root. */
function isIntrospectionOnly(document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'query') return false;
  return operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && INTROSPECTION_FIELDS.has(selection.name.value));
}
