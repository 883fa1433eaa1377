// The server as the process it is in production: the bundled entry (dist/src/server.js, which `npm start` runs with
// node, no tsx), built first if a source is newer, spawned against the fake GitHub.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS } from '../src/config.ts';
import { loadPersistedDocuments } from '../src/plugins/persisted-operations.ts';
import { builtServerEntry, startNodeFlags } from '../scripts/built-server.ts';
import { KNOWN, startFakeGitHub, TOKENS, type FakeGitHub } from '../fake-github/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
let serverEntry: string;

/** Spawns the built server (or `script`, e.g. `npm start`'s scripts/start.mjs) with node. */
function run(args: string[], env: Record<string, string>, script = serverEntry): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  // A GITHUB_TOKEN in the runner's own environment would stop the server at start (config.ts): drop it.
  const { GITHUB_TOKEN: _token, ANONYMOUS_USES_GITHUB_TOKEN: _anonymous, ...inherited } = process.env;
  // With `npm start`'s node flags: a flag this Node does not know would stop every start here.
  const child = spawn(process.execPath, [...startNodeFlags(), script, ...args], { cwd: root, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += String(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => (output += String(chunk)));
  // 'close', not 'exit': 'exit' may come before the last of the child's output has been read from its pipes
  // (Node's docs say so), and a one-line error printed just before exiting was then missing now and then.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Resolves with the first match of `pattern` in the process's output; rejects with the output if it exits first. */
function waitForOutput({ output, exited }: ReturnType<typeof run>, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = pattern.exec(output());
      if (match) {
        clearInterval(timer);
        resolve(match);
      }
    }, 20);
    void exited.then(() => {
      clearInterval(timer);
      const match = pattern.exec(output());
      if (match) resolve(match);
      else reject(new Error(output()));
    });
  });
}

/** The port the server announced it listens on. */
async function listeningPort(server: ReturnType<typeof run>): Promise<number> {
  const [, port] = await waitForOutput(server, /localhost:(\d+)\/graphql/);
  return Number(port);
}

let github: FakeGitHub;
beforeAll(async () => {
  serverEntry = builtServerEntry();
  github = await startFakeGitHub();
}, 120_000);
afterAll(async () => {
  await github.close();
});

// Each test is a process of its own, mostly waiting on its child: run them side by side. A start that loads
// the whole app takes seconds on an idle machine and many more on a loaded one; no assertion depends on it.
describe.concurrent('the bundled server (dist/src/server.js)', { timeout: 120_000 }, () => {
  // The tests that load the whole app come first, so they start first (at most 5 tests run at once).
  it('a port already in use: one line naming the port, no stack, exit 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const { output, exited } = run([], { GITHUB_API_URL: github.apiUrl, PORT: String(port), HOST: '127.0.0.1' });
      expect(await exited).toBe(1);
      expect(output().trim()).toBe(`actions-jobs-gateway: cannot listen on 127.0.0.1:${port}: port ${port} is already in use (set PORT to a free one)`);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('on SIGTERM stops accepting, finishes the in-flight request, closes the pool and exits 0', async () => {
    const server = run([], { GITHUB_API_URL: github.apiUrl, PORT: '0', HOST: '127.0.0.1', SHUTDOWN_GRACE_MS: '10000', LOG_LEVEL: 'warn' });
    const { child, exited } = server;
    const url = `http://127.0.0.1:${await listeningPort(server)}/graphql`;
    // GitHub (the fake) holds the gateway's request until the signal has been handled: no timing guess.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const reachedGitHub = new Promise<void>((onHold) => github.injectFault({ path: `/actions/jobs/${KNOWN.jobId}`, times: 1 }, { kind: 'hold', onHold, release: released }));
    const slow = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
      body: JSON.stringify({ query: `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name } }` }),
    });
    // The gateway's own request to GitHub is in flight when the signal comes.
    await reachedGitHub;
    child.kill('SIGTERM');
    await waitForOutput(server, /SIGTERM, finishing in-flight requests/);
    // Stopped accepting: a new connection is refused while the held request is still open.
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
    release();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { job: { name: string } } }).data.job.name).toBeTruthy();
    expect(await exited).toBe(0);
    // Nothing listens any more.
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it('closes a connection that trickles its headers past CLIENT_HEADERS_TIMEOUT_MS', async () => {
    const server = run([], { GITHUB_API_URL: github.apiUrl, PORT: '0', HOST: '127.0.0.1', CLIENT_HEADERS_TIMEOUT_MS: '500', LOG_LEVEL: 'warn' });
    const { child, exited } = server;
    try {
      const port = await listeningPort(server);
      const socket = connect(port, '127.0.0.1');
      // Closed by the server mid-request: a reset is as good as a FIN here.
      socket.on('error', () => undefined);
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      // One header line every 100 ms for up to 20 s: without a bound of ours the connection would stay open.
      let lines = 0;
      const trickle = setInterval(() => {
        if (!socket.destroyed && lines++ < 200) socket.write(`X-Slow-${lines}: y\r\n`);
      }, 100);
      await closed;
      clearInterval(trickle);
      expect(lines).toBeLessThan(200);
      expect(received).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('closes connections past MAX_CONNECTIONS as they are accepted; the open ones keep answering', async () => {
    const server = run([], { GITHUB_API_URL: github.apiUrl, PORT: '0', HOST: '127.0.0.1', MAX_CONNECTIONS: '2', LOG_LEVEL: 'warn' });
    const { child, exited } = server;
    try {
      const port = await listeningPort(server);
      const open = (): Promise<{ socket: ReturnType<typeof connect>; answer: () => Promise<string> }> =>
        new Promise((resolve) => {
          const socket = connect(port, '127.0.0.1', () => resolve({ socket, answer }));
          // A connection past the limit is reset by the server: that is the behaviour under test, not a failure.
          socket.on('error', () => undefined);
          let received = '';
          socket.on('data', (chunk) => (received += chunk.toString()));
          const closed = new Promise<void>((done) => socket.on('close', () => done()));
          const answer = async () => {
            socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
            await closed;
            return received;
          };
        });
      const [first, second] = [await open(), await open()];
      const third = await open();
      // The third is accepted by the kernel and closed by Node at once: no answer.
      expect(await third.answer()).toBe('');
      expect(await first.answer()).toMatch(/^HTTP\/1\.1 200/);
      expect(await second.answer()).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  it("`npm start`'s script (scripts/start.mjs) runs the built server in its own process, which answers", async () => {
    const server = run([], { GITHUB_API_URL: github.apiUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, 'scripts/start.mjs');
    const { child, exited } = server;
    try {
      const response = await fetch(`http://127.0.0.1:${await listeningPort(server)}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('runs a persisted operation by its hash from the documents built into the bundle (PERSISTED_OPERATIONS=only)', async () => {
    const [hash] = Object.entries(loadPersistedDocuments()).find(([, text]) => text.startsWith('query JobDetails'))!;
    const server = run([], { GITHUB_API_URL: github.apiUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', PERSISTED_OPERATIONS: 'only' });
    const { child, exited } = server;
    try {
      const response = await fetch(`http://127.0.0.1:${await listeningPort(server)}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` },
        body: JSON.stringify({ documentId: hash, variables: { owner: 'octo-org', repo: 'public-app', jobId: KNOWN.jobId } }),
      });
      expect(((await response.json()) as { data: { job: { databaseId: number } } }).data.job.databaseId).toBe(KNOWN.jobId);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('--help lists every setting with its default, and exits 0', async () => {
    const { output, exited } = run(['--help'], {});
    expect(await exited).toBe(0);
    for (const setting of SETTINGS) expect(output()).toMatch(new RegExp(`^\\s+${setting.name}\\s.*\\(default: ${setting.default.replace(/[()]/g, '\\$&')}\\)$`, 'm'));
  });

  it.each([
    ['PORT', 'http'],
    ['GITHUB_API_URL', 'not a url'],
    ['MAX_UPSTREAM_CALLS_PER_QUERY', '-1'],
    ['SHUTDOWN_GRACE_MS', '1.5'],
    ['CORS_ORIGINS', '*'],
    ['PERSISTED_OPERATIONS', 'sometimes'],
    ['METRICS_OPERATIONS', 'Real,{ __typename }'],
    ['LOG_STORAGE_HOSTS', 'https://storage.example/path'],
    ['CLIENT_REQUEST_TIMEOUT_MS', '1000'],
    ['MAX_CONNECTIONS', '0'],
    // Without ANONYMOUS_USES_GITHUB_TOKEN=true the operator's token would silently act for anonymous callers.
    ['GITHUB_TOKEN', 'ghp_operator'],
  ])('stops at start with one line naming %s when it is %j', async (name, value) => {
    const { output, exited } = run([], { [name]: value, GITHUB_API_URL: name === 'GITHUB_API_URL' ? value : github.apiUrl });
    expect(await exited).toBe(2);
    const lines = output().split('\n').filter((line) => line.startsWith('actions-jobs-gateway:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
  });
});
