import { getOperationAST } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { accountOf, openAccount, openedAccount } from '../telemetry/request-account.ts';

/**
 * Opens the request's account (src/telemetry/request-account.ts) on its server context when it arrives,
 * and fills what the log line and the metrics read from it: the operation name and the first error code of
 * each result; echoes the request id in the `x-request-id` response header. Listed first, so the account
 * exists before any other hook runs.
 */
export function useRequestAccount({ maxResponseBytes }: { maxResponseBytes: number }): Plugin {
  return {
    onRequest({ request, serverContext }) {
      openAccount(serverContext, request, maxResponseBytes);
    },
    onValidate({ params, context }) {
      const { params: graphqlParams } = context as unknown as YogaInitialContext;
      const name = getOperationAST(params.documentAST, graphqlParams?.operationName)?.name?.value ?? graphqlParams?.operationName ?? undefined;
      accountOf(context).operationName ??= name;
    },
    onResultProcess({ serverContext, result }) {
      const account = accountOf(serverContext);
      for (const one of Array.isArray(result) ? result : [result]) {
        if (!one || typeof one !== 'object' || !('errors' in one) || !one.errors?.length) continue;
        const code = one.errors[0]?.extensions?.code;
        account.codes.push(typeof code === 'string' ? code : 'error');
      }
    },
    onResponse({ serverContext, response }) {
      const account = openedAccount(serverContext);
      if (account) response.headers.set('x-request-id', account.id);
    },
  };
}
