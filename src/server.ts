import { createServer } from 'node:http';
import { pino } from 'pino';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createDispatcher } from './github/dispatcher.ts';

/** Process entry only: config → app → listen → graceful shutdown. */
let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`actions-jobs-gateway: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

// One keep-alive pool per upstream origin, shared by every request of this process.
const dispatcher = createDispatcher(config);
// Upstream records (retries, rate-limit windows) carry credential fingerprints, never tokens.
const logger = pino({ name: 'actions-jobs-gateway' });
const yoga = createApp({ config, dispatcher, logger });
const server = createServer(yoga);

server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`actions-jobs-gateway: GraphiQL at http://localhost:${port}/graphql (GitHub API: ${config.githubApiUrl})`);
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`actions-jobs-gateway: ${signal}, finishing in-flight requests`);
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  server.close(() => {
    void dispatcher.close().finally(() => {
      clearTimeout(force);
      process.exit(0);
    });
  });
  server.closeIdleConnections();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
