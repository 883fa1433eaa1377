// Vitest setup file (vitest.config.ts `setupFiles`): in every test file, after its own hooks, fail if any fake
// GitHub it started ever saw an Authorization or Cookie header on the log storage host.
import { startedFakeGitHubs } from '../../fake-github/index.ts';
import { guardEveryFakeStorage } from './storage-guard.ts';

// Workers are shared by several test files (vitest.config.ts `isolate: false`) and this file runs again before
// each of them: check the fakes this test file started, not those of the files before it.
const startedBefore = new Set(startedFakeGitHubs());
guardEveryFakeStorage(() => startedFakeGitHubs().filter((fake) => !startedBefore.has(fake)));
