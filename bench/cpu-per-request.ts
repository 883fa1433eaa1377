// CPU per GraphQL request inside one process (`npm run bench -- --cpu`): the app reached through
// yoga.fetch, 10 requests at a time, against the fake GitHub in a process of its own, so what is counted
// (process.cpuUsage) is the gateway's own work: Yoga and the plugins, execution, the upstream client.
// Far steadier than throughput on a shared 2-core machine, where the load generator and the fake compete
// for the same cores; compare two builds with it by running it on each, interleaved.
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createDispatcher } from '../src/github/dispatcher.ts';
import { createDataset } from '../fake-github/dataset.ts';
import { TOKENS } from '../fake-github/index.ts';
import { graphqlHeaders } from './gateway.ts';
import { startFakeProcess } from './processes.ts';
import { median } from './rss.ts';
import { W1 } from './workloads.ts';

const CONCURRENCY = 10;
const ROUNDS = 5;
const PER_ROUND = 5_000;

async function measure(fetchOne: () => Promise<string>): Promise<{ min: number; median: number; upstreamPerRequest: number }> {
  let upstream = 0;
  let served = 0;
  const run = async (count: number) => {
    let left = count;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (left-- > 0) {
          const text = await fetchOne();
          upstream += (JSON.parse(text) as { extensions?: { github?: { requests?: number } } }).extensions?.github?.requests ?? 0;
          served += 1;
        }
      }),
    );
  };
  // A fresh process compiles its hot paths during its first few thousand requests.
  await run(PER_ROUND);
  [upstream, served] = [0, 0];
  const perRequest: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.cpuUsage();
    await run(PER_ROUND);
    const spent = process.cpuUsage(started);
    perRequest.push((spent.user + spent.system) / PER_ROUND);
  }
  return { min: Math.min(...perRequest), median: median(perRequest), upstreamPerRequest: upstream / served };
}

export async function measureCpuPerRequest(): Promise<string> {
  const fake = await startFakeProcess();
  const config = loadConfig({ GITHUB_API_URL: fake.url, LOG_STORAGE_HOSTS: fake.storageUrl, GRAPHIQL: 'false' });
  const dispatcher = createDispatcher(config);
  const yoga = createApp({ config, dispatcher });
  const headers = graphqlHeaders(TOKENS.full);
  const post = (query: string) => async () => {
    const response = await yoga.fetch('http://gateway.invalid/graphql', { method: 'POST', headers, body: JSON.stringify({ query }) });
    const text = await response.text();
    if (response.status !== 200 || text.includes('"errors"')) throw new Error(`bench: ${response.status} ${text}`);
    return text;
  };
  try {
    const lines = [`CPU per request in process (${CONCURRENCY} at a time, ${ROUNDS} rounds of ${PER_ROUND}; min and median of the rounds):`];
    for (const [label, query] of [['W1 one job with steps', W1.rounds(createDataset())[0]?.query ?? ''], ['{ __typename }', '{ __typename }']] as const) {
      const { min, median, upstreamPerRequest } = await measure(post(query));
      lines.push(`  ${label.padEnd(22)} min ${min.toFixed(1)} µs, median ${median.toFixed(1)} µs; ${upstreamPerRequest.toFixed(2)} calls to GitHub per request`);
    }
    return lines.join('\n');
  } finally {
    await Promise.all([dispatcher.close(), yoga.dispose()]);
    await fake.stop();
  }
}
