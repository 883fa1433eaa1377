// The gateway of the fairness bench (bench/fairness.ts) as a process of its own: the real app on a port,
// printing its URL, then its RSS every 20 ms as JSON lines, until SIGTERM. Settings come from the environment.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createDispatcher } from '../src/github/dispatcher.ts';

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', GRAPHIQL: 'false' });
const dispatcher = createDispatcher(config);
const server = createServer(createApp({ config, dispatcher }));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` }));
const sampler = setInterval(() => console.log(JSON.stringify({ rss: process.memoryUsage.rss() })), 20);
process.on('SIGTERM', () => {
  clearInterval(sampler);
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
