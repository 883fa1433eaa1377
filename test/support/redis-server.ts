import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** Debian's `redis-server` (`.ci/run` installs it); tests that need it are skipped with a message without it. */
export const REDIS_SERVER = 'redis-server';
export const hasRedisServer = spawnSync(REDIS_SERVER, ['--version']).status === 0;

export interface TestRedis {
  /** `redis://127.0.0.1:PORT/0` */
  readonly url: string;
  /** A client of the test's own, for inspecting what the gateway stored. */
  readonly inspect: Redis;
  /** Every key and its raw value, as a dump would show them. */
  dump(): Promise<Array<{ key: string; value: Buffer }>>;
  /** SIGSTOP: the server keeps its socket (connections are accepted by the kernel) and never answers. */
  pause(): void;
  resume(): void;
  /** SIGKILL, then a fresh empty server on the same port (what a crashed and restarted Redis looks like). */
  kill(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A private redis-server on a free loopback port, no persistence; killed by close(). `password` turns AUTH on. */
export async function startRedis({ password }: { password?: string } = {}): Promise<TestRedis> {
  const port = await freePort();
  const url = `redis://${password ? `:${password}@` : ''}127.0.0.1:${port}/0`;
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no', ...(password ? ['--requirepass', password] : [])], { stdio: 'ignore' });
    await waitForPing(url);
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGKILL');
    await exited;
  };

  await start();
  const inspect = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  // Reconnects on its own after kill()/start(); its errors meanwhile are expected.
  inspect.on('error', () => {});
  await inspect.connect();
  return {
    url,
    inspect,
    async dump() {
      const keys = await inspect.keys('*');
      return Promise.all(keys.map(async (key) => ({ key, value: (await inspect.getBuffer(key)) ?? Buffer.alloc(0) })));
    },
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    kill,
    start,
    async close() {
      inspect.disconnect();
      child?.kill('SIGCONT');
      await kill();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPing(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      probe.disconnect();
    }
  }
}
