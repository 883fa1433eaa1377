// The fake GitHub as a process of its own (bench/processes.ts): prints its URL, runs until SIGTERM.
import { startFakeGitHub } from '../test/support/fake-github.ts';

const fake = await startFakeGitHub({ rateLimits: false, cacheMaxAge: 0 });
console.log(`FAKE_API_URL=${fake.apiUrl}`);
process.on('SIGTERM', () => void fake.close().finally(() => process.exit(0)));
