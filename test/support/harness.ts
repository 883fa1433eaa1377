import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../../fake-github/index.ts';
import { createGatewayApp, startGateway, type GatewayApp, type RunningGateway } from './gateway.ts';

export interface Harness<G extends RunningGateway = RunningGateway> {
  github: FakeGitHub;
  gateway: G;
}

/**
 * Registers the suite's hooks: one fake GitHub and one real gateway on loopback for the file, faults
 * cleared and request records reset before each test. Read `github`/`gateway` inside tests only.
 */
export function useGatewayOnFakeGitHub(env: Record<string, string> = {}, fakeOptions: FakeGitHubOptions = {}): Harness {
  return useOnFakeGitHub((apiUrl) => startGateway(apiUrl, env), fakeOptions);
}

/**
 * The same hooks with the gateway reached through `yoga.fetch` (createGatewayApp): for files where the
 * wire between client and gateway is not what they test. The fake GitHub is a real HTTP server either way.
 */
export function useAppOnFakeGitHub(env: Record<string, string> = {}, fakeOptions: FakeGitHubOptions = {}): Harness<GatewayApp> {
  return useOnFakeGitHub(async (apiUrl) => createGatewayApp(apiUrl, env), fakeOptions);
}

function useOnFakeGitHub<G extends RunningGateway>(start: (apiUrl: string) => Promise<G>, fakeOptions: FakeGitHubOptions): Harness<G> {
  const harness = {} as Harness<G>;
  beforeAll(async () => {
    harness.github = await startFakeGitHub(fakeOptions);
    harness.gateway = await start(harness.github.apiUrl);
  });
  afterAll(async () => {
    await harness.gateway?.close();
    await harness.github?.close();
  });
  beforeEach(() => {
    harness.github.clearFaults();
    harness.github.resetRecords();
  });
  return harness;
}
