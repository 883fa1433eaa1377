// The fake GitHub as a process of its own (bench/processes.ts): prints its URL, runs until SIGTERM.
import { startFakeGitHub } from '../fake-github/index.ts';

// FAKE_LATENCY_MS adds GitHub-like latency to every answer (the latency-bound throughput phase);
// FAKE_CACHE_MAX_AGE is the max-age of its answers (0: every gateway call reaches it).
const fake = await startFakeGitHub({ rateLimits: false, cacheMaxAge: Number(process.env.FAKE_CACHE_MAX_AGE ?? 0), latencyMs: Number(process.env.FAKE_LATENCY_MS ?? 0) });
// One line: the bench reads both URLs from it (the gateway must be told the log storage host).
console.log(`FAKE_API_URL=${fake.apiUrl} FAKE_STORAGE_URL=${fake.storageUrl}`);
process.on('SIGTERM', () => void fake.close().finally(() => process.exit(0)));
