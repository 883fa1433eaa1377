import { createGraphQLError, type Plugin } from 'graphql-yoga';

/**
 * graphql-js' parser recurses once per nested selection set, list or object value: 20,000 nested `{`
 * overflow the stack and answer 500 before graphql-armor's depth rule (which runs after parsing) can
 * look. This scan runs first, skips strings and comments, and refuses a document nested deeper than any
 * MAX_DEPTH could accept with 400 GRAPHQL_PARSE_FAILED. Linear in the query's length; no parse.
 */
export const MAX_NESTING = 1_000;

export function useNestingLimit(): Plugin {
  return {
    onRequestParse() {
      return {
        onRequestParseDone({ requestParserResult }) {
          for (const params of Array.isArray(requestParserResult) ? requestParserResult : [requestParserResult]) {
            const query = (params as { query?: unknown } | null)?.query;
            if (typeof query === 'string' && nestingOf(query) > MAX_NESTING) {
              throw createGraphQLError(`the document is nested deeper than ${MAX_NESTING} levels`, { extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } } });
            }
          }
        },
      };
    },
  };
}

/** The deepest nesting of `{ [ (` outside strings ("…", """…""") and comments (# to end of line). */
export function nestingOf(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '"') {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        i = end === -1 ? source.length : end + 2;
      } else {
        for (i++; i < source.length && source[i] !== '"' && source[i] !== '\n'; i++) if (source[i] === '\\') i++;
      }
    } else if (c === '{' || c === '[' || c === '(') {
      deepest = Math.max(deepest, ++depth);
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
    }
  }
  return deepest;
}
