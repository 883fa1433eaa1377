import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

// Loaded on first use: a gateway without REDIS_URL (and every test that builds an app) does not pay for
// importing ioredis (a few hundred ms on a busy machine).
const loadIoredis = () => createRequire(import.meta.url)('ioredis') as typeof import('ioredis');

/** 'connecting' until the first answer; then 'up' or 'down' as Redis answers or stops answering. */
export type RedisState = 'connecting' | 'up' | 'down';

export interface RedisStatus {
  state: RedisState;
  /** When the state last changed (ISO 8601). */
  since: string;
}

/** The pino-shaped subset used here; `info` when the logger has it, else `warn` for the good news too. */
export interface RedisLinkLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  info?(fields: Record<string, unknown>, message: string): void;
}

export interface RedisLinkOptions {
  /** May hold a password: never logged. */
  url: string;
  /** Bound on every command (ioredis' `commandTimeout`); the PING probe uses it too. */
  commandTimeoutMs: number;
  /** How often a PING checks Redis, up or down: a hung server is noticed without a request waiting on it. */
  probeIntervalMs?: number;
  logger: RedisLinkLogger;
  onError?: (op: string) => void;
  onState?: (state: RedisState) => void;
}

export interface RedisLink {
  /**
   * One command when Redis is up; `undefined` at once when it is down, and `undefined` after at most
   * the command timeout when it fails or hangs (then Redis counts as down until a PING answers).
   */
  run<T>(op: string, command: (redis: Redis) => Promise<T>): Promise<T | undefined>;
  status(): RedisStatus;
  /**
   * A second connection in subscriber mode (Redis wants one), made on first use, with the same bounds.
   * Channels are re-subscribed whenever it (re)connects; while it is away nothing arrives.
   */
  channels(onMessage: (channel: string, message: Buffer) => void): RedisChannels;
  close(): void;
}

export interface RedisChannels {
  subscribe(channel: string): void;
  unsubscribe(channel: string): void;
}

/**
 * The one connection to Redis, treated as an optimisation that may vanish at any moment. ioredis'
 * defaults suit a database, not a cache: commands issued while disconnected queue until it is back
 * (forever), and commands sent to a server that hangs wait forever. Here the offline queue is off (a
 * command while disconnected fails at once), every command has a timeout, nothing is re-sent after a
 * reconnect, and reconnection retries every second at most, indefinitely.
 */
export function createRedisLink({ url, commandTimeoutMs, probeIntervalMs = 1_000, logger, onError, onState }: RedisLinkOptions): RedisLink {
  const { Redis, ReplyError } = loadIoredis();
  const redis = new Redis(url, {
    commandTimeout: commandTimeoutMs,
    connectTimeout: Math.max(commandTimeoutMs, 1_000),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 1_000),
  });
  let state: RedisState = 'connecting';
  let since = new Date();
  let closed = false;

  const become = (next: RedisState, reason?: string) => {
    // Our own close() is not an outage worth a warning.
    if (state === next || closed) return;
    const previous = state;
    state = next;
    since = new Date();
    onState?.(next);
    if (next === 'down') {
      logger.warn({ redis: 'down', reason }, "Redis unavailable: this replica answers from its own memory and checks Redis every second");
    } else if (next === 'up') {
      (logger.info ?? logger.warn).call(logger, { redis: 'up' }, previous === 'down' ? 'Redis answers again: sharing resumes' : 'Redis connected: cache and rate-limit stops are shared');
    }
  };

  // ioredis emits 'error' on each failed reconnect; without a listener Node would crash the process.
  redis.on('error', (error: Error) => become('down', describe(error)));
  redis.on('close', () => become('down', 'connection closed'));
  redis.on('ready', () => become('up'));

  const probe = setInterval(() => {
    // Not connected yet (or reconnecting): the connection's own events say so; the PING is for a link that looks fine.
    if (redis.status !== 'ready') return;
    redis.ping().then(
      () => become('up'),
      (error: unknown) => become('down', describe(error)),
    );
  }, probeIntervalMs);
  probe.unref();

  let subscriber: Redis | undefined;
  const channels = (onMessage: (channel: string, message: Buffer) => void): RedisChannels => {
    const wanted = new Set<string>();
    const connection = redis.duplicate({ autoResubscribe: false });
    subscriber = connection;
    connection.on('error', () => {}); // the main connection's probe reports the outage
    connection.on('ready', () => {
      if (wanted.size > 0) connection.subscribe(...wanted).catch(() => {});
    });
    connection.on('messageBuffer', (channel: Buffer, message: Buffer) => onMessage(channel.toString(), message));
    return {
      subscribe(channel) {
        wanted.add(channel);
        if (connection.status === 'ready') connection.subscribe(channel).catch(() => {});
      },
      unsubscribe(channel) {
        wanted.delete(channel);
        if (connection.status === 'ready') connection.unsubscribe(channel).catch(() => {});
      },
    };
  };

  return {
    channels,
    async run(op, command) {
      if (state !== 'up') return undefined;
      try {
        return await command(redis);
      } catch (error) {
        onError?.(op);
        // A refused command (wrong type, out of memory) is Redis answering: only silence or a lost link is "down".
        if (!(error instanceof ReplyError)) become('down', describe(error));
        else logger.warn({ redis: 'error', op, reason: describe(error) }, 'Redis refused a command');
        return undefined;
      }
    },
    status: () => ({ state, since: since.toISOString() }),
    close() {
      closed = true;
      clearInterval(probe);
      // Not QUIT: a hung server would never answer it.
      redis.disconnect();
      subscriber?.disconnect();
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
