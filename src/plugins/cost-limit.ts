import { parse, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { GraphQLParams, Plugin, YogaInitialContext } from 'graphql-yoga';
import { estimateCost } from '../cost/estimate.ts';
import { gatewayError } from '../errors.ts';
import { requestInfo } from '../request-info.ts';

export interface CostLimitOptions {
  /** MAX_UPSTREAM_CALLS_PER_QUERY: REST calls one HTTP request (a whole batch) may cause. */
  limit: number;
  /** MAX_CONNECTION_SIZE, as the connection resolvers enforce it. */
  maxConnectionSize: number;
  /** The query text of a params object that carries only a persisted-operation hash. */
  documentFor?: (params: GraphQLParams) => string | undefined;
}

// Batches are estimated when the request is parsed, before any of its operations runs.
const batchEstimates = new WeakMap<Request, number>();

/**
 * Refuses an operation whose static REST-call estimate (src/cost/estimate.ts) is over the limit, after
 * validation and before anything executes: zero upstream calls. Not in `onValidate`: Yoga caches
 * validation results per document, and the estimate depends on the variables (`first: $n`).
 * The operations of a batched request count together: each is refused when the batch's sum is over.
 */
export function useCostLimit({ limit, maxConnectionSize, documentFor }: CostLimitOptions): Plugin {
  const estimate = (schema: GraphQLSchema, document: DocumentNode, params: Partial<GraphQLParams>): number =>
    estimateCost({ schema, document, operationName: params.operationName, variables: params.variables, maxConnectionSize }).calls;

  const refuseIfCostly = (args: ExecutionArgs, setResultAndStopExecution: (result: ExecutionResult) => void): void => {
    const { request } = args.contextValue as unknown as YogaInitialContext;
    const own = estimate(args.schema, args.document, { operationName: args.operationName ?? undefined, variables: (args.variableValues ?? {}) as Record<string, unknown> });
    const calls = Math.max(own, (request && batchEstimates.get(request)) ?? 0);
    if (request) requestInfo(request).estimate = calls;
    if (calls <= limit) return;
    const shown = Number.isFinite(calls) ? calls : null;
    setResultAndStopExecution({
      errors: [
        gatewayError(
          'QUERY_TOO_COSTLY',
          shown === null
            ? `This query is too large to estimate; the limit is ${limit} GitHub REST calls per request`
            : `This query could make ${shown} GitHub REST calls; the limit is ${limit} per request. Ask for fewer aliases, smaller windows or fewer logs.`,
          { estimate: shown, limit },
        ),
      ],
    });
  };

  let schemaForBatches: GraphQLSchema | undefined;
  return {
    onSchemaChange({ schema }) {
      schemaForBatches = schema;
    },
    onRequestParse({ request }) {
      return {
        onRequestParseDone({ requestParserResult }) {
          if (!Array.isArray(requestParserResult) || !schemaForBatches) return;
          let total = 0;
          for (const params of requestParserResult) {
            const text = params.query ?? documentFor?.(params);
            if (typeof text !== 'string') continue;
            try {
              total += estimate(schemaForBatches, parse(text, { noLocation: true }), params);
            } catch {
              // Unparseable: that operation fails on its own, at no cost.
            }
          }
          batchEstimates.set(request, total);
        },
      };
    },
    onExecute: ({ args, setResultAndStopExecution }) => refuseIfCostly(args, setResultAndStopExecution),
    // A subscription is estimated at subscribe time: what one poll of its selection costs.
    onSubscribe: ({ args, setResultAndStopExecution }) => refuseIfCostly(args, setResultAndStopExecution),
  };
}
