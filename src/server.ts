import { createServer } from 'node:http';
import nodeModule from 'node:module';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { renderHelp } from './help.ts';

/**
 * Process entry only: config → app → listen → graceful shutdown. Only the settings are imported up
 * front: `--help` and a bad setting answer at once, and the rest (GraphQL, Yoga, undici, pino: most of
 * the start) loads after them, with Node's on-disk compile cache where Node has one (22.1+), so a
 * restarted replica skips compiling it again.
 */
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(renderHelp());
  process.exit(0);
}
const LISTEN_FAILURES: Record<string, (port: number) => string> = {
  EADDRINUSE: (port) => `port ${port} is already in use (set PORT to a free one)`,
  EACCES: (port) => `permission denied for port ${port} (ports below 1024 need privileges; set PORT)`,
  EADDRNOTAVAIL: () => 'HOST is not an address of this machine',
};
let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`actions-jobs-gateway: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
// Only now the app and its libraries (Yoga, Pothos, graphql-js, undici): seconds of module loading that
// `--help` and a bad setting, answered above, do not need.
const [{ createApp }, { createDispatcher }, { createLogger }] = await Promise.all([import('./app.ts'), import('./github/dispatcher.ts'), import('./telemetry/logging.ts')]);

// One keep-alive pool per upstream origin, shared by every request of this process.
const dispatcher = createDispatcher(config);
// One pino logger (src/telemetry/logging.ts: secrets redacted at every level) for request lines, Yoga's messages and
// upstream records (retries, rate-limit windows), which carry credential fingerprints, never tokens.
const logger = createLogger({ level: config.logLevel });
const yoga = createApp({ config, dispatcher, logger, log: logger });
// Bounds for slow clients: a connection trickling its headers gets 408 and is closed within
// CLIENT_HEADERS_TIMEOUT_MS plus one check interval (Node checks expired connections on a timer).
const server = createServer(
  {
    headersTimeout: config.clientHeadersTimeoutMs,
    requestTimeout: config.clientRequestTimeoutMs,
    connectionsCheckingInterval: Math.min(5_000, config.clientHeadersTimeoutMs),
  },
  yoga,
);
server.maxConnections = config.maxConnections;

// A port that is taken (another gateway, a stale process) is an operator's everyday mistake: one line, exit 1.
const onListenError = (error: NodeJS.ErrnoException) => {
  const why = LISTEN_FAILURES[error.code ?? ''];
  if (!why) throw error;
  console.error(`actions-jobs-gateway: cannot listen on ${config.host}:${config.port}: ${why(config.port)}`);
  process.exit(1);
};
server.once('error', onListenError);
server.listen(config.port, config.host, () => {
  server.off('error', onListenError);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`actions-jobs-gateway: GraphiQL at http://localhost:${port}/graphql (GitHub API: ${config.githubApiUrl})`);
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`actions-jobs-gateway: ${signal}, finishing in-flight requests`);
  const exit = (code: number) => logger.flush(() => process.exit(code));
  // Past the grace period, cut what is left and say so (exit 1); otherwise in-flight requests finish.
  const force = setTimeout(() => {
    logger.warn({ graceMs: config.shutdownGraceMs }, 'shutdown grace period over: closing remaining connections');
    server.closeAllConnections();
    void dispatcher.destroy().finally(() => exit(1));
  }, config.shutdownGraceMs).unref();
  // Subscriptions end now (their event streams complete); other requests get the grace period.
  void yoga.dispose();
  server.close(() => {
    clearInterval(idle);
    // dispose() closes what the app opened itself (the Redis connection with REDIS_URL).
    void Promise.all([dispatcher.close(), yoga.dispose()]).finally(() => {
      clearTimeout(force);
      exit(0);
    });
  });
  // Keep-alive sockets become idle as their last response goes out: close them as they do.
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 50);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
