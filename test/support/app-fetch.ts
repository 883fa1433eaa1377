import { createApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createDispatcher } from '../../src/github/dispatcher.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fake-github/index.ts';

export interface AppOnFakeGitHub {
  github: FakeGitHub;
  config: Config;
  /** The gateway's `fetch` (no socket): what a client library's `fetch` option can be pointed at. */
  fetch: typeof fetch;
  /** `http://gateway.test/graphql`: the URL to give clients together with `fetch`. */
  url: string;
  close(): Promise<void>;
}

/** The real app over a real fake GitHub on loopback, reached through `app.fetch` (Yoga's own test style). */
export async function startAppOnFakeGitHub(env: Record<string, string> = {}): Promise<AppOnFakeGitHub> {
  const github = await startFakeGitHub();
  const config = loadConfig({ GITHUB_API_URL: github.apiUrl, LOG_STORAGE_HOSTS: github.storageUrl, ...env });
  const dispatcher = createDispatcher(config);
  const app = createApp({ config, dispatcher });
  return {
    github,
    config,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => app.fetch(input as never, init ?? {})) as typeof fetch,
    url: 'http://gateway.test/graphql',
    async close() {
      await dispatcher.close();
      await github.close();
    },
  };
}
