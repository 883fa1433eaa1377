import { getLocation, getOperationAST, getVariableValues, GraphQLError, Kind, visit, type DocumentNode, type ExecutionArgs, type ExecutionResult, type FieldNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

interface Compiled {
  query: CompiledQuery;
  /** The document's fields by `line:column`: graphql-jit's errors carry locations, graphql-js' carry nodes. */
  fieldsAt: Map<string, FieldNode>;
}

/**
 * Compiling costs a few milliseconds (more than executing a small query once with graphql-js), so a
 * document is compiled when it comes the second time: a query text sent once (ids written into it) never
 * pays for it, a polled or persisted one pays once.
 */
const SEEN_ONCE = Symbol('seen once');

/**
 * Queries run as code compiled once per document (graphql-jit) instead of graphql-js walking the document
 * for every field of every request: the 260 jobs of a large run with their steps are ~10,000 fields, and
 * graphql-js' per-field bookkeeping was most of a warm-cache answer's time.
 *
 * Compiled per schema and document: a plugin after this one may run a document on another schema (the
 * client schema for introspection, the traced copy for federation traces), and each gets its own code.
 * Yoga caches parsed documents by their text, so a repeated query reuses the same compiled function.
 * Subscriptions, mutations, a document's first run and anything graphql-jit refuses to compile run on
 * graphql-js as before.
 *
 * Errors leave here as graphql-js makes them (GraphQLError with nodes, so `locations` survive
 * src/errors/translate.ts), in document order. One difference remains: when a non-null root field fails,
 * graphql-js stops before the root fields after it, graphql-jit still runs them (data is null either way).
 */
export function useJitExecution(): Plugin {
  // Per schema, document and operation: the compiled code, null if graphql-jit refused, or 'seen once'.
  const compiled = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, Compiled | null | typeof SEEN_ONCE>>>();
  const compile = (schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Compiled | null => {
    let bySchema = compiled.get(schema);
    if (!bySchema) compiled.set(schema, (bySchema = new WeakMap()));
    let byDocument = bySchema.get(document);
    if (!byDocument) bySchema.set(document, (byDocument = new Map()));
    const key = operationName ?? '';
    const entry = byDocument.get(key);
    if (entry === undefined) {
      byDocument.set(key, SEEN_ONCE);
      return null;
    }
    if (entry !== SEEN_ONCE) return entry;
    const result = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
    const made = isCompiledQuery(result) ? { query: result, fieldsAt: fieldsByLocation(document) } : null;
    byDocument.set(key, made);
    return made;
  };
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'query' || selectsEntities(operation)) return;
      // Yoga's envelop calls execute with one arguments object (graphql-js' own signature).
      const execute = (executeArgs: ExecutionArgs) => {
        const entry = compile(executeArgs.schema, executeArgs.document, executeArgs.operationName ?? undefined);
        // Variables that do not coerce: graphql-js answers (its messages name the scalar's own reason, and
        // Yoga answers 400 to them); graphql-jit would say less, with a 200.
        if (!entry || !variablesCoerce(executeArgs.schema, operation, executeArgs.variableValues)) return executeFn(executeArgs) as Promise<ExecutionResult> | ExecutionResult;
        const result = entry.query.query(executeArgs.rootValue, executeArgs.contextValue, executeArgs.variableValues);
        return result instanceof Promise ? result.then((done) => asGraphQLJs(done, entry.fieldsAt)) : asGraphQLJs(result, entry.fieldsAt);
      };
      setExecuteFn(execute as typeof executeFn);
    },
  };
}

/**
 * graphql-jit 0.8.9 answers `_entities` with one list item too many when two representations fail (three
 * entries for two); federation's entity fetches stay on graphql-js.
 */
function selectsEntities(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.some((selection) => selection.kind !== Kind.FIELD || selection.name.value === '_entities');
}

function variablesCoerce(schema: GraphQLSchema, operation: OperationDefinitionNode, values: ExecutionArgs['variableValues']): boolean {
  if (!operation.variableDefinitions?.length) return true;
  return !getVariableValues(schema, operation.variableDefinitions, values ?? {}).errors;
}

function asGraphQLJs(result: ExecutionResult, fieldsAt: Map<string, FieldNode>): ExecutionResult {
  if (!result.errors?.length) return result;
  const { errors: jitErrors, data, ...rest } = result;
  const errors = jitErrors.map((error) => located(error, fieldsAt));
  // graphql-jit lists errors of nullable fields before those of non-null ones; graphql-js as they happen,
  // which for the synchronous ones is document order.
  errors.sort((a, b) => (a.positions?.[0] ?? -1) - (b.positions?.[0] ?? -1));
  // graphql-js' key order, so the JSON reads the same: errors first.
  return { errors, data, ...rest };
}

function located(error: GraphQLError, fieldsAt: Map<string, FieldNode>): GraphQLError {
  const nodes = (error.locations ?? []).map((at) => fieldsAt.get(`${at.line}:${at.column}`)).filter((node) => node !== undefined);
  if (nodes.length === 0) return error;
  return new GraphQLError(error.message, { nodes, path: error.path, originalError: error.originalError, extensions: error.extensions });
}

function fieldsByLocation(document: DocumentNode): Map<string, FieldNode> {
  const fields = new Map<string, FieldNode>();
  visit(document, {
    Field(node) {
      if (!node.loc) return;
      const at = getLocation(node.loc.source, node.loc.start);
      fields.set(`${at.line}:${at.column}`, node);
    },
  });
  return fields;
}
