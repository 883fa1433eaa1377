import type { Config } from '../../src/config.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fake-github/index.ts';
import { createGatewayApp } from './gateway.ts';

export interface AppOnFakeGitHub {
  github: FakeGitHub;
  config: Config;
  /** The gateway's `fetch` (no socket): what a client library's `fetch` option can be pointed at. */
  fetch: typeof fetch;
  /** The URL to give clients together with `fetch` (nothing listens there). */
  url: string;
  close(): Promise<void>;
}

/**
 * The real app over a real fake GitHub on loopback, reached through `app.fetch` (Yoga's own test style):
 * createGatewayApp's app, with the fake started here and `fetch` typed as a client library's option.
 */
export async function startAppOnFakeGitHub(env: Record<string, string> = {}): Promise<AppOnFakeGitHub> {
  const github = await startFakeGitHub();
  const gateway = createGatewayApp(github.apiUrl, env);
  return {
    github,
    config: gateway.config,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => gateway.fetch(input as string, init ?? {})) as typeof fetch,
    url: gateway.url,
    async close() {
      await gateway.close();
      await github.close();
    },
  };
}
