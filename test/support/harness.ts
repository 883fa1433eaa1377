import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../../fake-github/index.ts';
import { startGateway, type RunningGateway } from './gateway.ts';

export interface Harness {
  github: FakeGitHub;
  gateway: RunningGateway;
}

/**
 * Registers the suite's hooks: one fake GitHub and one real gateway on loopback for the file, faults
 * cleared and request records reset before each test. Read `github`/`gateway` inside tests only.
 */
export function useGatewayOnFakeGitHub(env: Record<string, string> = {}, fakeOptions: FakeGitHubOptions = {}): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    harness.github = await startFakeGitHub(fakeOptions);
    harness.gateway = await startGateway(harness.github.apiUrl, env);
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
