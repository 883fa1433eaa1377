// `npm run bench -- --load [--duration 60] [--connections 50]`: the gateway (src/server.ts) and the fake
// GitHub as child processes; autocannon drives a mixed query set; prints throughput, latency p50/p99,
// errors (must be 0) and the gateway's RSS at start (after a warm-up), middle and end (flat within 10%).
// RSS is read from the gateway's own /metrics (process_resident_memory_bytes).
import autocannon from 'autocannon';
import { createDataset } from '../fake-github/dataset.ts';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { startFakeProcess, startGatewayProcess } from './processes.ts';
import { median, MIB, mib, rssOf } from './rss.ts';

/** A replica's memory budget under this load: the medians of the RSS readings stay at or below it. */
const RSS_UNDER_LOAD_TARGET = 200 * MIB;

interface LoadOptions {
  duration: number;
  connections: number;
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`bench: --${name} must be a positive number`);
  return value;
}

/** What a dashboard and its drill-downs send: lists with steps, single jobs, tails of logs, node ids. */
function mixedQueries(): Array<{ name: string; query: string }> {
  const dataset = createDataset();
  const runs = dataset.publicRunIds().slice(0, 10).map((id) => dataset.runs.find((run) => run.id === id)!);
  const job = `job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId})`;
  return [
    ...runs.map((run, i) => ({ name: `RunJobs${i}`, query: `query RunJobs { workflowRun(owner: "${run.repo.owner}", repo: "${run.repo.name}", runId: ${run.id}) { jobs(first: 100) { totalCount nodes { name status conclusion steps { number name status } } } } }` })),
    { name: 'Dashboard', query: `query Dashboard { ${runs.slice(0, 5).map((run, i) => `r${i}: workflowRun(owner: "${run.repo.owner}", repo: "${run.repo.name}", runId: ${run.id}) { jobs(first: 30) { totalCount nodes { name conclusion } } }`).join(' ')} }` },
    { name: 'JobDetails', query: `query JobDetails { ${job} { name status conclusion duration runner { name } steps { name conclusion duration } } }` },
    { name: 'JobTail', query: `query JobTail { ${job} { name logs { lines(last: 20) { content } } } }` },
    { name: 'LastJobs', query: `query LastJobs { workflowRun(owner: "octo-org", repo: "monorepo", runId: ${KNOWN.bigRunId}) { jobs(last: 10) { nodes { name } pageInfo { hasPreviousPage } } } }` },
    { name: 'RateLimit', query: 'query RateLimit { rateLimit { remaining } }' },
  ];
}

export async function runLoad({ duration, connections }: LoadOptions = { duration: option('duration', 60), connections: option('connections', 50) }): Promise<boolean> {
  const fake = await startFakeProcess();
  const gateway = await startGatewayProcess(fake, { GITHUB_STATS_EXTENSION: 'false' });
  const metricsUrl = gateway.url.replace(/\/graphql$/, '/metrics');
  const queries = mixedQueries();
  const requests = queries.map(({ query }) => ({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}` }, body: JSON.stringify({ query }) }));
  let graphqlErrors = 0;
  try {
    // Warm-up: JIT, pools, the cache, and the heap growing to its working size under this load (the old
    // generation takes ~25 s to settle here); the start RSS is taken after it.
    await autocannon({ url: gateway.url, connections, duration: Math.min(30, Math.max(2, duration / 2)), requests } as never);
    console.error(`bench: load: ${connections} connections for ${duration} s on ${queries.length} queries (${queries.map((q) => q.name).join(', ')})`);
    // RSS once a second during the run. Under this load the old generation is a sawtooth (major GCs every
    // few seconds free 100+ MB), so a single reading says more about GC timing than about growth: start,
    // middle and end are medians of the readings in the first, middle and last fifths of the run.
    const readings: number[] = [];
    const sampler = setInterval(() => void rssOf(metricsUrl).then((rss) => readings.push(rss)), 1_000);
    const result = await autocannon({
      url: gateway.url,
      connections,
      duration,
      requests: requests.map((r) => ({
        ...r,
        // A 200 can still carry GraphQL errors: count them too.
        onResponse: (status: number, body: string) => {
          if (status === 200 && body.includes('"errors"')) graphqlErrors += 1;
        },
      })),
    } as never);
    clearInterval(sampler);
    const fifth = Math.max(1, Math.floor(readings.length / 5));
    const middleFrom = Math.max(0, Math.floor(readings.length / 2 - fifth / 2));
    const start = median(readings.slice(0, fifth));
    const middle = median(readings.slice(middleFrom, middleFrom + fifth));
    const end = median(readings.slice(-fifth));
    const errors = result.errors + result.timeouts + result.non2xx + graphqlErrors;
    const spread = (Math.max(start, middle, end) - Math.min(start, middle, end)) / start;
    const lines = [
      `load: ${connections} connections, ${duration} s, mixed set of ${queries.length} queries against the fake GitHub (latency added by the fake: 0)`,
      `  throughput   ${result.requests.average.toFixed(0)} req/s (total ${result.requests.total})`,
      `  latency      p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
      `  errors       ${errors} (socket ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, GraphQL ${graphqlErrors})`,
      `  RSS          start ${mib(start)}, middle ${mib(middle)}, end ${mib(end)} (medians of ${fifth} one-second readings each; spread ${(spread * 100).toFixed(1)}%)`,
    ];
    console.log(lines.join('\n'));
    const peak = Math.max(start, middle, end);
    const ok = errors === 0 && spread <= 0.1 && peak <= RSS_UNDER_LOAD_TARGET;
    console.log(ok ? `load: PASS (0 errors, RSS flat within 10% and at most ${mib(RSS_UNDER_LOAD_TARGET)})` : `load: FAIL (targets: 0 errors, RSS spread ≤ 10%, RSS medians ≤ ${mib(RSS_UNDER_LOAD_TARGET)})`);
    return ok;
  } finally {
    await gateway.stop();
    await fake.stop();
  }
}
