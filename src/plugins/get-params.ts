import { createGraphQLError, type Plugin } from 'graphql-yoga';

/**
 * Yoga's GET parser JSON-parses `variables` and `extensions` from the query string and lets a
 * SyntaxError escape as a 500. Check them first and answer 400 with a code, like a bad POST body.
 */
export function useGetParamsCheck(): Plugin {
  return {
    onRequestParse({ request, url }) {
      if (request.method !== 'GET') return;
      for (const name of ['variables', 'extensions']) {
        const raw = url.searchParams.get(name);
        if (raw === null) continue;
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch {
          value = undefined;
        }
        if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
          throw createGraphQLError(`\`${name}\` must be a JSON object`, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
        }
      }
    },
  };
}
