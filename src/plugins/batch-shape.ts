import { createGraphQLError, type Plugin } from 'graphql-yoga';

/**
 * With batching on, Yoga hands each element of a JSON array to the executor as it is; an element that is
 * not an object (`[1, "x", null]`) then fails deep inside with a TypeError and a 500. Answer 400 instead.
 */
export function useBatchShapeCheck(): Plugin {
  return {
    onRequestParse() {
      return {
        onRequestParseDone({ requestParserResult }) {
          if (!Array.isArray(requestParserResult)) return;
          const bad = requestParserResult.findIndex((params: unknown) => params === null || typeof params !== 'object' || Array.isArray(params));
          if (bad !== -1) {
            throw createGraphQLError(`batch element ${bad} must be a JSON object with a query`, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
          }
        },
      };
    },
  };
}
