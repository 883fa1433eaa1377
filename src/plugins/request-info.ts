import { getOperationAST } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { requestInfo } from '../telemetry/request-info.ts';

/**
 * Fills the request's info (src/telemetry/request-info.ts) for the log line and the metrics: the operation name,
 * the first error code of each result; and echoes the request id in the `x-request-id` response header.
 * Listed first, so the id exists before anything else runs.
 */
export function useRequestInfo(): Plugin {
  return {
    onRequest({ request }) {
      requestInfo(request);
    },
    onValidate({ params, context }) {
      const { request, params: graphqlParams } = context as unknown as YogaInitialContext;
      if (!request) return;
      const name = getOperationAST(params.documentAST, graphqlParams?.operationName)?.name?.value ?? graphqlParams?.operationName ?? undefined;
      requestInfo(request).operationName ??= name;
    },
    onResultProcess({ request, result }) {
      const info = requestInfo(request);
      for (const one of Array.isArray(result) ? result : [result]) {
        if (!one || typeof one !== 'object' || !('errors' in one) || !one.errors?.length) continue;
        const code = one.errors[0]?.extensions?.code;
        info.codes.push(typeof code === 'string' ? code : 'error');
      }
    },
    onResponse({ request, response }) {
      response.headers.set('x-request-id', requestInfo(request).id);
    },
  };
}
