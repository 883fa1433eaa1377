import { cacheExchange, Client, fetchExchange } from '@urql/core';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as generated from '../schema/generated/graphql.ts';
import { TOKENS } from '../fake-github/index.ts';
import { startAppOnFakeGitHub, type AppOnFakeGitHub } from './support/app-fetch.ts';
import { SHIPPED_QUERY_VARIABLES } from './support/operation-variables.ts';

/**
 * urql's default client, set up as the README shows it (cacheExchange + fetchExchange, the caller's token
 * in fetchOptions), runs every document codegen ships. urql sends queries as GET when they fit in a URL,
 * so this is also the CSRF check's real-client test.
 */
let app: AppOnFakeGitHub;
const sent: Array<{ method: string; url: string }> = [];
beforeAll(async () => {
  app = await startAppOnFakeGitHub();
});
afterAll(() => app.close());

const recordingFetch = (): typeof fetch => (input, init) => {
  sent.push({ method: init?.method ?? 'GET', url: String(input) });
  return app.fetch(input, init);
};

const client = (headers: Record<string, string> | undefined) =>
  new Client({
    url: app.url,
    exchanges: [cacheExchange, fetchExchange],
    fetch: recordingFetch(),
    ...(headers ? { fetchOptions: () => ({ headers }) } : {}),
  });

const VARIABLES = SHIPPED_QUERY_VARIABLES;

const documents = Object.entries(generated)
  .filter(([name]) => name.endsWith('Document'))
  .map(([, document]) => {
    const operation = (document as DocumentNode).definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
    return { name: operation.name!.value, operation: operation.operation, document: document as DocumentNode };
  })
  // Subscriptions travel over Server-Sent Events (test/subscriptions*.test.ts), not urql's fetchExchange.
  .filter(({ operation }) => operation === 'query');

describe("urql's default client against the gateway", () => {
  it('finds every shipped operation in schema/generated', () => {
    expect(documents.map(({ name }) => name).sort()).toEqual(Object.keys(VARIABLES).sort());
  });

  it.each(documents.map(({ name, document }) => [name, document] as const))('runs %s as a GET with the caller\'s Authorization header', async (name, document) => {
    sent.length = 0;
    const result = await client({ authorization: `Bearer ${TOKENS.full}` }).query(document, VARIABLES[name]!).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data).toBeTruthy();
    // One request, and a GET: every shipped operation fits urql's 2048-character URL limit.
    expect(sent.map(({ method }) => method)).toEqual(['GET']);
  });

  it('an anonymous GET without a CSRF header is refused with 403 CSRF_HEADER_REQUIRED, and passes with graphql-require-preflight', async () => {
    const refused = await client(undefined).query(generated.RateLimitDocument, {}).toPromise();
    expect(refused.error?.response?.status).toBe(403);
    expect(refused.error?.graphQLErrors.map((error) => error.extensions.code)).toEqual(['CSRF_HEADER_REQUIRED']);
    const anonymous = await client({ 'graphql-require-preflight': '1' }).query(generated.RateLimitDocument, {}).toPromise();
    expect(anonymous.error).toBeUndefined();
    expect(anonymous.data?.rateLimit?.limit).toBe(60);
  });
});
