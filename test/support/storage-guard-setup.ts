// Vitest setup file (vitest.config.ts `setupFiles`): in every test file, after its own hooks, fail if any fake
// GitHub it started ever saw an Authorization or Cookie header on the log storage host.
import { startedFakeGitHubs } from '../../fake-github/index.ts';
import { guardEveryFakeStorage } from './storage-guard.ts';

guardEveryFakeStorage(startedFakeGitHubs);
