// The latency and throughput phases run the fake GitHub and the gateway (dist/src/server.js, the compiled
// production entry `npm start` runs) as child processes, so the load generator, the gateway and the upstream
// do not share one event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtServerEntry, startNodeFlags } from '../scripts/built-server.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

export interface Child {
  url: string;
  stop(): Promise<void>;
}

/** The fake GitHub's API and its log storage host (where log redirects lead). */
export interface FakeChild extends Child {
  storageUrl: string;
}

interface Started {
  match: RegExpExecArray;
  stop(): Promise<void>;
}

/** `script`: a .ts file (run with tsx) or a compiled .js one (run with node, as in production). */
function startChild(script: string, env: Record<string, string>, readyPattern: RegExp, nodeFlags: string[] = []): Promise<Started> {
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
      const match = readyPattern.exec(output);
      if (!match) return;
      clearInterval(poll);
      child.off('exit', onExit);
      resolve({ match, stop });
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
export async function startFakeProcess(latencyMs = 0, { cacheMaxAge = 0 }: { cacheMaxAge?: number } = {}): Promise<FakeChild> {
  const { match, stop } = await startChild('bench/fake-process.ts', { FAKE_LATENCY_MS: String(latencyMs), FAKE_CACHE_MAX_AGE: String(cacheMaxAge) }, /FAKE_API_URL=(\S+) FAKE_STORAGE_URL=(\S+)/);
  return { url: match[1] as string, storageUrl: match[2] as string, stop };
}

/**
 * Bare graphql-yoga (bench/bare-yoga-process.ts): what any Yoga server spends per request, the throughput
 * floor. With the node flags of `npm start`, as the gateway has: the two differ only in what they run.
 */
export async function startBareYogaProcess(): Promise<Child> {
  const { match, stop } = await startChild('bench/bare-yoga-process.ts', {}, /BARE_YOGA_URL=(\S+)/, startNodeFlags());
  return { url: match[1] as string, stop };
}

/** The gateway against `fake`, its log storage host allowed (else every log field fails with UPSTREAM_ERROR). */
export async function startGatewayProcess(fake: FakeChild, env: Record<string, string>): Promise<Child> {
  // The node flags of `npm start` (package.json; why those: README, Production, Memory), so the bench
  // measures what production runs.
  const { match, stop } = await startChild(
    builtServerEntry(),
    { GITHUB_API_URL: fake.url, LOG_STORAGE_HOSTS: fake.storageUrl, HOST: '127.0.0.1', PORT: '0', GRAPHIQL: 'false', ...env },
    /GraphiQL at http:\/\/localhost:(\d+)\/graphql/,
    startNodeFlags(),
  );
  return { url: `http://127.0.0.1:${match[1]}/graphql`, stop };
}
