import type { Plugin } from 'graphql-yoga';
import { accountOf, openedAccount } from '../telemetry/request-account.ts';
import { responseTooLarge } from './cost-limit.ts';

/**
 * Ends a request whose results grew past MAX_RESPONSE_BYTES (src/telemetry/request-account.ts) with one
 * RESPONSE_TOO_LARGE error instead of building the string; and gives the request's log memory back when
 * its response goes out.
 */
export function useResponseSizeStop(limit: number): Plugin {
  return {
    onResultProcess({ serverContext, result, setResult }) {
      if (!accountOf(serverContext).tooLarge) return;
      const refusal = () => ({ errors: [responseTooLarge(limit, limit, 'actual')] });
      setResult(Array.isArray(result) ? result.map(refusal) : refusal());
    },
    onResponse({ serverContext }) {
      openedAccount(serverContext)?.end();
    },
  };
}
