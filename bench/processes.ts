// The latency and throughput phases run the fake GitHub and the gateway (dist/src/server.js, the compiled
// production entry `npm start` runs) as child processes, so the load generator, the gateway and the upstream
// do not share one event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtServerEntry } from '../scripts/built-server.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

export interface Child {
  url: string;
  stop(): Promise<void>;
}

/** `script`: a .ts file (run with tsx) or a compiled .js one (run with node, as in production). */
function startChild(script: string, env: Record<string, string>, urlPattern: RegExp, nodeFlags: string[] = []): Promise<Child> {
  // The child writes to a file, not a pipe: a pipe would wake this process (the load generator) for every
  // request log line the gateway writes, and that would show up in the latencies measured here.
  const logDir = mkdtempSync(join(tmpdir(), 'bench-'));
  const logPath = join(logDir, 'output.log');
  const out = openSync(logPath, 'w');
  const runner = script.endsWith('.ts') ? tsx : process.execPath;
  const child: ChildProcess = spawn(runner, [...nodeFlags, script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  closeSync(out);
  const stop = () =>
    new Promise<void>((done) => {
      const finish = () => {
        rmSync(logDir, { recursive: true, force: true });
        done();
      };
      if (child.exitCode !== null) return finish();
      child.once('exit', finish);
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const output = readFileSync(logPath, 'utf8');
      const match = urlPattern.exec(output);
      if (!match) return;
      clearInterval(poll);
      child.off('exit', onExit);
      resolve({ url: match[1] as string, stop });
    }, 25);
    const onExit = (code: number | null) => {
      clearInterval(poll);
      reject(new Error(`bench: ${script} exited (${code}) before it was ready:\n${readFileSync(logPath, 'utf8')}`));
    };
    child.once('exit', onExit);
  });
}

/**
 * The fake GitHub with rate limits off (load would spend any bucket) and max-age 0 unless told, so every
 * call reaches it; `cacheMaxAge: 60` is GitHub's own, inside which a warm gateway answers without asking.
 */
export function startFakeProcess(latencyMs = 0, { cacheMaxAge = 0 }: { cacheMaxAge?: number } = {}): Promise<Child> {
  return startChild('bench/fake-process.ts', { FAKE_LATENCY_MS: String(latencyMs), FAKE_CACHE_MAX_AGE: String(cacheMaxAge) }, /FAKE_API_URL=(\S+)/);
}

/**
 * A 32 MiB young generation (semi-space; Node 20's default tops out at 16): under load a GraphQL request's
 * objects (parsed job pages, results, JSON) live ~100 ms, long enough to be promoted out of a small young
 * generation and freed only by major GCs, which made the old generation a 100–280 MB sawtooth here.
 * Measured with `npm run bench -- --load`: RSS spread over the minute 26% → 0.7%, throughput unchanged.
 */
const GATEWAY_NODE_FLAGS = ['--max-semi-space-size=32'];

export async function startGatewayProcess(apiUrl: string, env: Record<string, string>): Promise<Child> {
  // The same node flags as `npm start` (package.json), so the bench measures what production runs.
  const child = await startChild(builtServerEntry(), { GITHUB_API_URL: apiUrl, HOST: '127.0.0.1', PORT: '0', GRAPHIQL: 'false', ...env }, /GraphiQL at http:\/\/localhost:(\d+)\/graphql/, GATEWAY_NODE_FLAGS);
  return { url: `http://127.0.0.1:${child.url}/graphql`, stop: child.stop };
}
