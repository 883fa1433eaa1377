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

export interface RunningGateway {
  url: string;
  config: Config;
  /** POSTs a GraphQL operation to the real port; `token` becomes `Authorization: Bearer …`. */
  query<T = any>(query: string, options?: { variables?: Record<string, unknown>; token?: string | null; headers?: Record<string, string> }): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** The real Yoga app on a real port, its real undici dispatcher pointed at `apiUrl` (the fake GitHub). */
export async function startGateway(
  apiUrl: string,
  env: Record<string, string> = {},
  /** Extra app wiring: the fake's clock (`now`), log captures (`logger` upstream, `log` requests and Yoga), a cache store. */
  app: Pick<AppOptions, 'now' | 'logger' | 'log' | 'cacheStore' | 'storageDispatcher'> = {},
): Promise<RunningGateway> {
  const config = loadConfig({ GITHUB_API_URL: apiUrl, PORT: '0', ...fakeStorageHost(apiUrl), ...env });
  // The production pool (src/github/dispatcher.ts), so keep-alive and connect timeouts are the real ones.
  const dispatcher = createDispatcher(config);
  const yoga = createApp({ config, dispatcher, ...app });
  const server: Server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const client = new Agent();
  return {
    url,
    config,
    async query(query, { variables, token, headers = {} } = {}) {
      const response = await request(url, {
        method: 'POST',
        dispatcher: client,
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, body: JSON.parse(text) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([dispatcher.close(), client.close()]);
    },
  };
}

/** A fake GitHub's log storage is a loopback http: origin, which the gateway follows only when listed. */
function fakeStorageHost(apiUrl: string): Record<string, string> {
  const fake = startedFakeGitHubs().find((github) => apiUrl === github.apiUrl || apiUrl.startsWith(`${github.apiUrl}/`));
  return fake ? { LOG_STORAGE_HOSTS: fake.storageUrl } : {};
}
