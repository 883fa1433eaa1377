// The latency and throughput phases run the fake GitHub and the gateway (src/server.ts, the production
// entry) as child processes, so the load generator, the gateway and the upstream do not share one event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

export interface Child {
  url: string;
  stop(): Promise<void>;
}

function startChild(script: string, env: Record<string, string>, urlPattern: RegExp): Promise<Child> {
  const child: ChildProcess = spawn(tsx, [script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      const match = urlPattern.exec(output);
      if (!match) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve({
        url: match[1] as string,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += String(chunk)));
    child.once('exit', (code) => reject(new Error(`bench: ${script} exited (${code}) before it was ready:\n${output}`)));
  });
}

/** The fake GitHub with rate limits off (load would spend any bucket) and max-age 0, so every call reaches it. */
export function startFakeProcess(): Promise<Child> {
  return startChild('bench/fake-process.ts', {}, /FAKE_API_URL=(\S+)/);
}

export async function startGatewayProcess(apiUrl: string, env: Record<string, string>): Promise<Child> {
  const child = await startChild('src/server.ts', { GITHUB_API_URL: apiUrl, HOST: '127.0.0.1', PORT: '0', GRAPHIQL: 'false', ...env }, /GraphiQL at http:\/\/localhost:(\d+)\/graphql/);
  return { url: `http://127.0.0.1:${child.url}/graphql`, stop: child.stop };
}
