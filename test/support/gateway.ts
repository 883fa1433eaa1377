import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { createApp, type AppOptions } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { startedFakeGitHubs } from '../../fake-github/index.ts';
import { createDispatcher } from '../../src/github/dispatcher.ts';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { data?: T | null; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>; extensions?: Record<string, unknown> };
}

type QueryOptions = { variables?: Record<string, unknown>; token?: string | null; headers?: Record<string, string> };
/** Wiring tests may add to the app: the fake's clock (`now`), log captures (`logger` upstream, `log` requests and Yoga), a cache store, the storage dispatcher, metrics. */
export type AppWiring = Pick<AppOptions, 'now' | 'logger' | 'log' | 'cacheStore' | 'storageDispatcher' | 'metrics' | 'pollLeader'>;

export interface RunningGateway {
  url: string;
  config: Config;
  /** POSTs a GraphQL operation to the gateway; `token` becomes `Authorization: Bearer …`. */
  query<T = any>(query: string, options?: QueryOptions): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** The real Yoga app on a real port, its real undici dispatcher pointed at `apiUrl` (the fake GitHub). */
export async function startGateway(apiUrl: string, env: Record<string, string> = {}, app: AppWiring = {}): Promise<RunningGateway> {
  const { config, dispatcher, yoga } = buildGateway(apiUrl, env, app);
  const server: Server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const client = new Agent();
  return {
    url,
    config,
    async query(query, options) {
      const response = await request(url, { ...graphqlPost(query, options), dispatcher: client });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, body: JSON.parse(text) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Disposing closes what the app opened itself (the Redis connection with REDIS_URL).
      await Promise.all([dispatcher.close(), client.close(), yoga.dispose()]);
    },
  };
}

export interface GatewayApp extends RunningGateway {
  /** Where the app believes it is served; nothing listens there. Pass it (or a path beside it) to `fetch`. */
  url: string;
  /** A request through the whole app (Yoga's plugins, CORS, limits, health, metrics), no socket: `yoga.fetch`. */
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

/**
 * The same app as startGateway, reached through `yoga.fetch` instead of a port: for tests where the wire
 * between client and gateway does not matter (STYLE.md, habit 9). The gateway still talks to `apiUrl` over
 * real HTTP with its production pool; keep startGateway where the client side of the wire is under test
 * (HTTP caching, keep-alive, federation, the browser, slow clients).
 */
export function createGatewayApp(apiUrl: string, env: Record<string, string> = {}, app: AppWiring = {}): GatewayApp {
  const { config, dispatcher, yoga } = buildGateway(apiUrl, env, app);
  const url = 'http://gateway.invalid/graphql';
  return {
    url,
    config,
    fetch: async (input, init = {}) => yoga.fetch(input, init),
    async query(query, options) {
      const response = await yoga.fetch(url, graphqlPost(query, options));
      const text = await response.text();
      return { status: response.status, headers: Object.fromEntries(response.headers), body: JSON.parse(text) };
    },
    close: async () => {
      await Promise.all([dispatcher.close(), yoga.dispose()]);
    },
  };
}

function buildGateway(apiUrl: string, env: Record<string, string>, app: AppWiring) {
  const config = loadConfig({ GITHUB_API_URL: apiUrl, PORT: '0', ...fakeStorageHost(apiUrl), ...env });
  // The production pool (src/github/dispatcher.ts), so keep-alive and connect timeouts are the real ones.
  const dispatcher = createDispatcher(config);
  return { config, dispatcher, yoga: createApp({ config, dispatcher, ...app }) };
}

function graphqlPost(query: string, { variables, token, headers = {} }: QueryOptions = {}) {
  return {
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  };
}

/** A fake GitHub's log storage is a loopback http: origin, which the gateway follows only when listed. */
function fakeStorageHost(apiUrl: string): Record<string, string> {
  const fake = startedFakeGitHubs().find((github) => apiUrl === github.apiUrl || apiUrl.startsWith(`${github.apiUrl}/`));
  return fake ? { LOG_STORAGE_HOSTS: fake.storageUrl } : {};
}
