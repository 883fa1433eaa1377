import type { Plugin } from 'graphql-yoga';
import { requestInfo } from '../telemetry/request-info.ts';
import { responseTooLarge } from './cost-limit.ts';

/**
 * Ends a request whose results grew past MAX_RESPONSE_BYTES (src/response-size.ts) with one
 * RESPONSE_TOO_LARGE error instead of building the string; and gives the request's log memory back when
 * its response goes out.
 */
export function useResponseSizeStop(limit: number): Plugin {
  return {
    onResultProcess({ request, result, setResult }) {
      if (!requestInfo(request).tooLarge) return;
      const refusal = () => ({ errors: [responseTooLarge(limit, limit, 'actual')] });
      setResult(Array.isArray(result) ? result.map(refusal) : refusal());
    },
    onResponse({ request }) {
      for (const end of requestInfo(request).onEnd.splice(0)) end();
    },
  };
}
