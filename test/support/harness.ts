import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../../fake-github/index.ts';
import { createGatewayApp, startGateway, type AppWiring, type GatewayApp, type RunningGateway } from './gateway.ts';

export interface Harness<G extends RunningGateway = RunningGateway> {
  github: FakeGitHub;
  gateway: G;
}

/**
 * Registers the suite's hooks: one fake GitHub and one real gateway on loopback for the file, faults
 * cleared and request records reset before each test. Read `github`/`gateway` inside tests only.
 */
export function useGatewayOnFakeGitHub(env: Record<string, string> = {}, fakeOptions: FakeGitHubOptions = {}, wiring: AppWiring = {}): Harness {
  return useOnFakeGitHub((apiUrl) => startGateway(apiUrl, env, wiring), fakeOptions);
}

/**
 * The same hooks with the gateway reached through `yoga.fetch` (createGatewayApp): for files where the
 * wire between client and gateway is not what they test. The fake GitHub is a real HTTP server either way.
 */
export function useAppOnFakeGitHub(env: Record<string, string> = {}, fakeOptions: FakeGitHubOptions = {}, wiring: AppWiring = {}): Harness<GatewayApp> {
  return useOnFakeGitHub(async (apiUrl) => createGatewayApp(apiUrl, env, wiring), fakeOptions);
}

/**
 * The fake GitHub alone, for the file: started before its tests, faults cleared and request records reset
 * before each, closed after. Read `github` inside tests only.
 */
export function useFakeGitHub(fakeOptions: FakeGitHubOptions = {}): { github: FakeGitHub } {
  const holder = {} as { github: FakeGitHub };
  beforeAll(async () => {
    holder.github = await startFakeGitHub(fakeOptions);
  });
  afterAll(async () => {
    await holder.github?.close();
  });
  beforeEach(() => {
    holder.github.clearFaults();
    holder.github.resetRecords();
  });
  return holder;
}

function useOnFakeGitHub<G extends RunningGateway>(start: (apiUrl: string) => Promise<G>, fakeOptions: FakeGitHubOptions): Harness<G> {
  const harness = useFakeGitHub(fakeOptions) as Harness<G>;
  // Hooks run as a stack: the gateway starts after the fake and closes before it.
  beforeAll(async () => {
    harness.gateway = await start(harness.github.apiUrl);
  });
  afterAll(async () => {
    await harness.gateway?.close();
  });
  return harness;
}
