import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';

/** sha256 hash (`sha256:<hex>`) → document, as the client preset emits them from schema/operations/. */
export function loadPersistedDocuments(url = new URL('../../schema/generated/persisted-documents.json', import.meta.url)): Record<string, string> {
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, string>;
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
 * with `only`, nothing but those hashes is accepted (a text query answers PERSISTED_QUERY_ONLY).
 */
export function usePersistedOnly({ documents, only }: { documents: Record<string, string>; only: boolean }): Plugin {
  return usePersistedOperations({
    allowArbitraryOperations: !only,
    extractPersistedOperationId: (params) => persistedIdOf(params) ?? null,
    getPersistedOperation: (id) => documents[id] ?? null,
  }) as Plugin;
}
