import { Kind, parse } from 'graphql';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
// Imported, not read from disk at run time: the production bundle (scripts/build.mjs) carries it inside.
import persistedDocuments from '../../schema/generated/persisted-documents.json' with { type: 'json' };

/** sha256 hash (`sha256:<hex>`) → document, as the client preset emits them from schema/operations/. */
export function loadPersistedDocuments(): Record<string, string> {
  return persistedDocuments as Record<string, string>;
}

/** The names of the operations the client preset ships (schema/operations/). */
export function persistedOperationNames(documents = loadPersistedDocuments()): string[] {
  return Object.values(documents).flatMap((text) =>
    parse(text, { noLocation: true }).definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [])),
  );
}

/** The hash a request names: GraphQL over HTTP's `documentId`, or Apollo's `extensions.persistedQuery.sha256Hash`. */
export function persistedIdOf(params: GraphQLParams): string | undefined {
  const raw = (params as { documentId?: unknown }).documentId ?? (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  if (typeof raw !== 'string') return undefined;
  return raw.startsWith('sha256:') ? raw : `sha256:${raw}`;
}

/**
 * PERSISTED_OPERATIONS=allow|only: requests may name an operation by hash instead of sending its text;
 * with `only`, nothing but those hashes is accepted. Refusals (400) say what was wrong:
 * PERSISTED_QUERY_ONLY (text without an id), CANNOT_SEND_PQ_ID_AND_BODY (an id and text),
 * PERSISTED_QUERY_NOT_IN_LIST (an unknown id), PERSISTED_QUERY_ID_REQUIRED (neither).
 */
export function usePersistedOnly({ documents, only }: { documents: Record<string, string>; only: boolean }): Plugin {
  const refuse = (code: string, message: string) => createGraphQLError(message, { extensions: { code, http: { status: 400 } } });
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(useGetDocumentId());
      addPlugin(
        usePersistedOperations({
          allowArbitraryOperations: !only,
          extractPersistedOperationId: (params) => persistedIdOf(params) ?? null,
          getPersistedOperation: (id) => documents[id] ?? null,
          customErrors: {
            // The plugin raises this for any text under `only`; name the actual mistake.
            persistedQueryOnly: ({ params }) =>
              persistedIdOf(params) === undefined
                ? refuse('PERSISTED_QUERY_ONLY', 'Only persisted operations are accepted: send `documentId` (or extensions.persistedQuery) instead of `query`')
                : refuse('CANNOT_SEND_PQ_ID_AND_BODY', 'Send either a persisted operation id or `query`, not both'),
            notFound: () => refuse('PERSISTED_QUERY_NOT_IN_LIST', 'Unknown persisted operation id (see schema/generated/persisted-documents.json)'),
            keyNotFound: () => refuse('PERSISTED_QUERY_ID_REQUIRED', 'Send a persisted operation id (`documentId`)'),
          },
        }) as Plugin,
      );
    },
  };
}

/**
 * GraphQL over HTTP's persisted-operations appendix sends `documentId` in a GET's query string; Yoga's GET
 * parser reads only query, operationName, variables and extensions, so pick it up here.
 */
function useGetDocumentId(): Plugin {
  return {
    onParams({ request, params, setParams }) {
      if (request.method !== 'GET' || (params as { documentId?: unknown }).documentId !== undefined) return;
      const documentId = new URL(request.url).searchParams.get('documentId');
      if (documentId) setParams({ ...params, documentId } as typeof params);
    },
  };
}
