// The caller's GitHub token must never reach the log storage host (GITHUB-REST.md, "Logs"): it
// would leak to a third party. Call this at the top of a suite that downloads logs through the
// gateway; after the suite it fails if any storage request carried Authorization or Cookie.
import { afterAll, expect } from 'vitest';
import type { FakeGitHub } from '../../fake-github/index.ts';

export function guardStorageCredentials(getFake: () => FakeGitHub | undefined): void {
  afterAll(() => {
    const fake = getFake();
    if (!fake) return;
    const leaked = fake.storageRequests.filter((request) => request.headers.authorization !== undefined || request.headers.cookie !== undefined);
    expect(
      fake.authorizationSeenByStorage,
      `credentials sent to log storage: ${leaked.map((request) => `${request.method} ${request.url}`).join(', ') || '(records were reset)'}`,
    ).toBe(false);
  });
}

/**
 * The same check for every fake GitHub a test file started, whether or not the file called
 * guardStorageCredentials: registered for the whole suite as a vitest setup file (vitest.config.ts).
 */
export function guardEveryFakeStorage(fakes: () => FakeGitHub[]): void {
  afterAll(() => {
    const leaked = fakes().filter((fake) => fake.authorizationSeenByStorage && !exempt.has(fake));
    expect(leaked.map((fake) => fake.storageUrl), 'a test sent credentials to the log storage host').toEqual([]);
  });
}

const exempt = new WeakSet<FakeGitHub>();

/** For the one test that leaks on purpose (it checks the fake's own latch): the suite guard skips this fake. */
export function exemptFromStorageGuard(fake: FakeGitHub): void {
  exempt.add(fake);
}
