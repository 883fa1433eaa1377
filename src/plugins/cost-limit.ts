import { parse, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import type { CostLimits } from '../plan/cost.ts';
import { estimateCost, type CostEstimate } from './cost-estimate.ts';
import { gatewayError } from '../errors/translate.ts';
import { accountOf } from '../telemetry/request-account.ts';

export interface CostLimitOptions {
  /** MAX_UPSTREAM_CALLS_PER_QUERY: REST calls one HTTP request (a whole batch) may cause. */
  limit: number;
  /** MAX_RESPONSE_BYTES: the worst-case size of one HTTP request's response (a whole batch). */
  maxResponseBytes: number;
  /** The bounds the resolvers enforce (MAX_CONNECTION_SIZE, MAX_LOG_BYTES, MAX_REQUEST_LOG_BYTES). */
  limits: CostLimits;
  /** The query text of a params object that carries only a persisted-operation hash. */
  documentFor?: (params: GraphQLParams) => string | undefined;
}

/**
 * Refuses an operation whose static estimate (cost-estimate.ts: REST calls and response bytes) is over a
 * limit, after validation and before anything executes: zero upstream calls. Not in `onValidate`: Yoga
 * caches validation results per document, and the estimate depends on the variables (`first: $n`).
 * The operations of a batched request count together: each is refused when the batch's sum is over.
 */
export function useCostLimit({ limit, maxResponseBytes, limits, documentFor }: CostLimitOptions): Plugin {
  const estimates = new EstimateMemo();
  const estimate = (schema: GraphQLSchema, document: DocumentNode, params: Partial<GraphQLParams>): CostEstimate =>
    estimates.get(schema, document, params, () => estimateCost({ schema, document, operationName: params.operationName, variables: params.variables, limits }));

  const refuseIfCostly = (args: ExecutionArgs, setResultAndStopExecution: (result: ExecutionResult) => void): void => {
    const account = accountOf(args.contextValue as object);
    const own = estimate(args.schema, args.document, { operationName: args.operationName ?? undefined, variables: (args.variableValues ?? {}) as Record<string, unknown> });
    const batch = account.batchEstimate;
    const calls = Math.max(own.calls, batch?.calls ?? 0);
    const bytes = Math.max(own.bytes, batch?.bytes ?? 0);
    account.estimate = calls;
    const refusal = calls > limit ? tooCostly(calls, limit) : bytes > maxResponseBytes ? responseTooLarge(bytes, maxResponseBytes) : undefined;
    if (refusal) setResultAndStopExecution({ errors: [refusal] });
  };

  let schemaForBatches: GraphQLSchema | undefined;
  return {
    onSchemaChange({ schema }) {
      schemaForBatches = schema;
    },
    // Batches are estimated when the request is parsed, before any of its operations runs.
    onRequestParse({ serverContext }) {
      return {
        onRequestParseDone({ requestParserResult }) {
          if (!Array.isArray(requestParserResult) || !schemaForBatches) return;
          const total: CostEstimate = { calls: 0, bytes: 0 };
          for (const params of requestParserResult) {
            const text = params.query ?? documentFor?.(params);
            if (typeof text !== 'string') continue;
            try {
              const one = estimate(schemaForBatches, parse(text, { noLocation: true }), params);
              total.calls += one.calls;
              total.bytes += one.bytes;
            } catch {
              // Unparseable: that operation fails on its own, at no cost.
            }
          }
          accountOf(serverContext).batchEstimate = total;
        },
      };
    },
    onExecute: ({ args, setResultAndStopExecution }) => refuseIfCostly(args, setResultAndStopExecution),
    // A subscription is estimated at subscribe time: what one poll of its selection costs.
    onSubscribe: ({ args, setResultAndStopExecution }) => refuseIfCostly(args, setResultAndStopExecution),
  };
}

/**
 * The estimate is a pure function of the schema, the document, the operation and the variables, and a
 * repeated query (a dashboard's poll) arrives as the same parsed document: Yoga caches documents by their
 * text. So it is kept beside the document (a WeakMap: gone when Yoga's cache drops the document), per
 * operation and variables, at most MAX_PER_DOCUMENT of them (a query polled with ever-new variables
 * starts over rather than grow).
 */
class EstimateMemo {
  private static readonly MAX_PER_DOCUMENT = 32;
  private readonly bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, CostEstimate>>>();

  get(schema: GraphQLSchema, document: DocumentNode, params: Partial<GraphQLParams>, compute: () => CostEstimate): CostEstimate {
    let byDocument = this.bySchema.get(schema);
    if (!byDocument) this.bySchema.set(schema, (byDocument = new WeakMap()));
    let known = byDocument.get(document);
    if (!known) byDocument.set(document, (known = new Map()));
    const key = JSON.stringify([params.operationName ?? null, params.variables ?? null]);
    let found = known.get(key);
    if (!found) {
      if (known.size >= EstimateMemo.MAX_PER_DOCUMENT) known.clear();
      found = compute();
      known.set(key, found);
    }
    return found;
  }
}

function tooCostly(calls: number, limit: number) {
  const shown = Number.isFinite(calls) ? calls : null;
  return gatewayError(
    'QUERY_TOO_COSTLY',
    shown === null
      ? `This query is too large to estimate; the limit is ${limit} GitHub REST calls per request`
      : `This query could make ${shown} GitHub REST calls; the limit is ${limit} per request. Ask for fewer aliases, smaller windows or fewer logs.`,
    { estimate: shown, limit },
  );
}

/** The same code the runtime stop uses (plugins/response-size.ts) when a response outgrows the limit anyway. */
export function responseTooLarge(bytes: number, limit: number, when: 'estimate' | 'actual' = 'estimate') {
  const shown = Number.isFinite(bytes) ? Math.ceil(bytes) : null;
  const what = when === 'estimate' ? `could answer ${shown === null ? 'too many' : shown} bytes` : `grew past ${limit} bytes`;
  return gatewayError(
    'RESPONSE_TOO_LARGE',
    `This query ${what}; the limit is ${limit} bytes per response. Ask for fewer logs, fewer aliases or smaller windows (lines(last:), ansi: false).`,
    when === 'estimate' ? { estimate: shown, limit } : { limit },
  );
}
