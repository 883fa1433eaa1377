// An in-process gateway for the counting phase: the real app and the real pool (createDispatcher),
// with the pool's new upstream connections counted to show keep-alive reuse.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createDispatcher } from '../src/github/dispatcher.ts';

export interface BenchGateway {
  url: string;
  /** One GraphQL round trip; resolves with the parsed body. */
  query(document: string, token: string): Promise<{ data?: unknown; errors?: unknown[]; extensions?: Record<string, unknown> }>;
  /** TCP connections the gateway opened to the upstream since start. */
  readonly upstreamConnections: number;
  close(): Promise<void>;
}

export async function startBenchGateway(fake: { apiUrl: string; storageUrl: string }, env: Record<string, string>, now?: () => number): Promise<BenchGateway> {
  const config = loadConfig({ GITHUB_API_URL: fake.apiUrl, LOG_STORAGE_HOSTS: fake.storageUrl, PORT: '0', GRAPHIQL: 'false', ...env });
  const dispatcher = createDispatcher(config);
  let connections = 0;
  dispatcher.on('connect', () => {
    connections += 1;
  });
  const yoga = createApp({ config, dispatcher, ...(now ? { now } : {}) });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const client = new Agent();
  return {
    url,
    query: (document, token) => postGraphQL(client, url, document, token),
    get upstreamConnections() {
      return connections;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // dispose() closes what the app opened itself (the Redis connection with REDIS_URL).
      await Promise.all([dispatcher.close(), client.close(), yoga.dispose()]);
    },
  };
}

/** What the bench's GraphQL client sends: a JSON POST with the caller's token (every gateway measurement). */
export const graphqlHeaders = (token: string) => ({ 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` });

/** What a direct REST integration sends GitHub (the raw baseline, every measurement of it). */
export const restHeaders = (token: string) => ({ accept: 'application/vnd.github+json', 'user-agent': 'bench-raw', 'x-github-api-version': '2026-03-10', authorization: `Bearer ${token}` });

export async function postGraphQL(client: Dispatcher, url: string, document: string, token: string) {
  const response = await request(url, {
    method: 'POST',
    dispatcher: client,
    headers: graphqlHeaders(token),
    body: JSON.stringify({ query: document }),
  });
  const body = (await response.body.json()) as { data?: unknown; errors?: unknown[]; extensions?: Record<string, unknown> };
  if (response.statusCode !== 200 || body.errors) throw new Error(`bench: GraphQL answered ${response.statusCode}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  return body;
}

/** A direct REST client (the raw baseline): GETs with the token, as an integration without the gateway would. */
export async function getRest(client: Dispatcher, apiUrl: string, path: string, token: string): Promise<void> {
  const response = await request(apiUrl + path, {
    dispatcher: client,
    headers: restHeaders(token),
  });
  await response.body.json();
  if (response.statusCode !== 200) throw new Error(`bench: GET ${path} answered ${response.statusCode}`);
}
