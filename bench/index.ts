// `npm run bench`: the fake GitHub and the gateway on loopback, workloads W1–W6, each beside
// its baselines measured in the same run: the computed minimum of REST calls, the naive resolver path
// (DATALOADER=false CACHE=false GITHUB_SHARE_IN_FLIGHT=false) and the raw upstream (direct REST calls with undici).
// Phases: cost (in process, rate limits on, cold cache per workload; W6 on the fake clock), latency
// (sequential round trips, child processes), throughput (W1, autocannon). `--load` runs the sustained-load phase.
import { Agent } from 'undici';
import { createDataset } from '../fake-github/dataset.ts';
import { measureCost, measureKeepAlive, measureLatency, measureThroughput, roundRunner, type Throughput, TARGET_ENV, type Cost, type Target } from './measure.ts';
import { startBareYogaProcess, startFakeProcess, startGatewayProcess } from './processes.ts';
import { renderChecks, renderTable, type Check, type Row } from './table.ts';
import { CHANGED_RESOURCES_W6, WORKLOADS, type Workload } from './workloads.ts';
import { runFairnessBench } from './fairness.ts';
import { runLogsBench } from './logs.ts';
import { measureReplicaPolls, replicaRows, type ReplicaCost } from './replicas.ts';
import { measureStartup, renderStartup, startupChecks } from './startup.ts';
import { runSubscriptionBench } from './subscriptions.ts';
import { measureWarmW2, warmCheck, warmRows } from './warm.ts';

const STARTUP_RUNS = 5;
const REPETITIONS: Record<string, number> = { W1: 1000, W2: 40, W3: 40, W4: 100, W5: 40 };
const THROUGHPUT_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const THROUGHPUT_ROUNDS = 3;
const UPSTREAM_LATENCY_MS = 25;
const LABEL: Record<Target, string> = { gateway: 'gateway', naive: 'naive (DataLoader + cache off)', raw: 'raw REST (undici)' };

/** Startup and idle memory, first, while nothing else of the bench runs. */
async function startup(): Promise<string> {
  log(`startup: ${STARTUP_RUNS} starts each, the compiled gateway beside the old tsx start`);
  const fake = await startFakeProcess();
  try {
    const rows = await measureStartup(fake.url, STARTUP_RUNS);
    return `${renderStartup(rows, STARTUP_RUNS)}\n\n${renderChecks(startupChecks(rows))}`;
  } finally {
    await fake.stop();
  }
}

async function main() {
  const started = Date.now();
  const dataset = createDataset();
  const rows: Row[] = [];
  const costs = new Map<string, Cost>();
  const notes: string[] = [];
  const startupReport = await startup();

  log('cost: upstream requests, points and round trips per workload (fresh fake, cold gateway)');
  for (const workload of WORKLOADS) {
    const minimum = workload.minimum(dataset);
    rows.push({ workload: `${workload.id} ${workload.title}`, path: 'minimum (computed)', requests: minimum.calls, points: minimum.points });
    for (const target of ['gateway', 'naive', 'raw'] as const) {
      const cost = await measureCost(workload, target);
      costs.set(`${workload.id}/${target}`, cost);
      rows.push({ workload: `${workload.id} ${workload.title}`, path: LABEL[target], requests: cost.requests, points: cost.points, roundTrips: cost.roundTrips });
    }
    if (workload.id === 'W6') {
      const revalidating = await measureCostWith(workload, { CACHE_MAX_AGE: 'off' });
      costs.set('W6/revalidate', revalidating);
      rows.push({ workload: `${workload.id} ${workload.title}`, path: 'gateway, CACHE_MAX_AGE=off', requests: revalidating.requests, points: revalidating.points, roundTrips: revalidating.roundTrips });
    }
  }

  log('replicas: W7 over 1, 2 and 4 gateways sharing one redis-server, and 4 without it');
  const replicaCosts = await measureReplicaPolls();
  if (replicaCosts) rows.push(...replicaRows(replicaCosts));
  else log('replicas: redis-server not installed, W7 skipped');

  log('keep-alive: W1–W5, 20 rounds each, on one warm gateway');
  const keepAlive = await measureKeepAlive(WORKLOADS.filter((w) => !w.simulated), 20);

  log('latency and throughput: fake GitHub and gateways as child processes');
  const fake = await startFakeProcess();
  const [gateway, naive, bareYoga] = await Promise.all([startGatewayProcess(fake, TARGET_ENV.gateway), startGatewayProcess(fake, TARGET_ENV.naive), startBareYogaProcess()]);
  const urls = { gateway: gateway.url, naive: naive.url, apiUrl: fake.url };
  const client = new Agent({ connections: 16 });
  try {
    for (const workload of WORKLOADS.filter((w) => !w.simulated)) {
      const round = workload.rounds(dataset)[0];
      if (!round) continue;
      for (const target of ['gateway', 'naive', 'raw'] as const) {
        const latency = await measureLatency(REPETITIONS[workload.id] ?? 30, roundRunner(target, round, urls, client));
        const row = rows.find((r) => r.workload.startsWith(`${workload.id} `) && r.path === LABEL[target]);
        if (row) Object.assign(row, latency);
      }
    }
    log(`throughput: W1, gateway and raw (and { __typename } through the gateway and bare graphql-yoga) alternated ${THROUGHPUT_ROUNDS} times for ${THROUGHPUT_SECONDS} s each, 10 connections`);
    const w1 = WORKLOADS[0]?.rounds(dataset)[0];
    if (w1) {
      const throughput = await measureThroughput(w1, { ...urls, bareYoga: bareYoga.url }, THROUGHPUT_SECONDS, THROUGHPUT_ROUNDS);
      for (const target of ['gateway', 'raw'] as const) {
        const row = rows.find((r) => r.workload.startsWith('W1 ') && r.path === LABEL[target]);
        if (row) row.throughput = throughput[target];
      }
      rows.push(...floorRows(throughput));
      notes.push(throughputLine(throughput));
    }
  } finally {
    await client.close();
    await Promise.all([gateway.stop(), naive.stop(), bareYoga.stop()]);
    await fake.stop();
  }

  log('warm cache: W2 inside the fake\'s max-age (no upstream call) beside the raw three-page fetch');
  const warm = await measureWarmW2(dataset, TARGET_ENV.gateway);
  rows.push(...warmRows(warm));

  // The loopback fake answers in ~0.3 ms, so the ratio above compares the gateway's CPU per request with
  // a bare JSON server's. GitHub answers in tens of milliseconds; with that latency both paths wait on
  // the upstream and the ratio shows what a caller actually loses by going through the gateway.
  log(`throughput: W1 again with ${UPSTREAM_LATENCY_MS} ms upstream latency (GitHub-like)`);
  const slowFake = await startFakeProcess(UPSTREAM_LATENCY_MS);
  const slowGateway = await startGatewayProcess(slowFake, TARGET_ENV.gateway);
  try {
    const w1 = WORKLOADS[0]?.rounds(dataset)[0];
    if (w1) {
      const slowUrls = { gateway: slowGateway.url, apiUrl: slowFake.url };
      const throughput = await measureThroughput(w1, slowUrls, THROUGHPUT_SECONDS, 1);
      for (const target of ['gateway', 'raw'] as const) {
        rows.push({ workload: `W1 one job with steps by id, ${UPSTREAM_LATENCY_MS} ms upstream`, path: LABEL[target], throughput: throughput[target] });
      }
    }
  } finally {
    await slowGateway.stop();
    await slowFake.stop();
  }

  console.log('\n' + startupReport + '\n');
  log('subscriptions: 1 and 50 subscribers on one live run, 60 s of simulated time');
  rows.push(...(await runSubscriptionBench()));

  console.log('\n' + renderTable(rows) + '\n');
  console.log(renderChecks([...checks(rows, costs), warmCheck(warm), ...(replicaCosts ? [replicaCheck(replicaCosts)] : [])]));
  for (const note of notes) console.log(`\n${note}`);
  console.log(`\nkeep-alive: ${keepAlive.connections} upstream TCP connections carried ${keepAlive.requests} upstream requests (W1–W5 × 20 on one gateway).`);
  console.log(`W6: ${CHANGED_RESOURCES_W6} lists change during the 60 simulated seconds; GitHub's max-age is 60 s.`);
  console.log(`latency: every gateway call reaches the upstream (the fake sends max-age=0, so the gateway revalidates: 304s), except W8 (max-age=60).`);

  log('logs: the 50 MB log, gateway beside the naive whole-body download');
  await runLogsBench();

  log('fairness: one caller amplifying output while another probes, default bounds beside none');
  await runFairnessBench();
  console.log(`bench took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function measureCostWith(workload: Workload, env: Record<string, string>): Promise<Cost> {
  const saved = { ...TARGET_ENV.gateway };
  Object.assign(TARGET_ENV.gateway, env);
  try {
    return await measureCost(workload, 'gateway');
  } finally {
    for (const key of Object.keys(env)) delete TARGET_ENV.gateway[key];
    Object.assign(TARGET_ENV.gateway, saved);
  }
}

function checks(rows: Row[], costs: Map<string, Cost>): Check[] {
  const dataset = createDataset();
  const result: Check[] = [];
  for (const workload of WORKLOADS.slice(0, 4)) {
    const cost = costs.get(`${workload.id}/gateway`);
    const minimum = workload.minimum(dataset).calls;
    result.push({ target: `${workload.id} requests = minimum`, ok: cost?.requests === minimum, detail: `${cost?.requests} vs ${minimum}` });
  }
  const w5 = costs.get('W5/gateway');
  result.push({ target: 'W5 spends 0 points', ok: w5?.points === 0, detail: `${w5?.points} points, ${w5?.requests} requests` });
  const w6 = costs.get('W6/gateway');
  const w3 = costs.get('W3/gateway');
  const afterFirst = (w6?.points ?? NaN) - (w3?.points ?? NaN);
  result.push({ target: 'W6 ≤ 1 point per changed resource after the first poll', ok: afterFirst <= CHANGED_RESOURCES_W6, detail: `${afterFirst} points for ${CHANGED_RESOURCES_W6} changed lists (first poll: ${w3?.points})` });
  const w1 = rows.filter((row) => row.workload.startsWith('W1 '));
  const gateway = w1.find((row) => row.path === LABEL.gateway);
  const raw = w1.find((row) => row.path === LABEL.raw);
  const overhead = (gateway?.p50 ?? NaN) - (raw?.p50 ?? NaN);
  result.push({ target: 'W1 gateway overhead at p50 < 1 ms', ok: overhead < 1, detail: `${overhead.toFixed(2)} ms (${gateway?.p50?.toFixed(2)} vs ${raw?.p50?.toFixed(2)})` });
  const share = (gateway?.throughput ?? NaN) / (raw?.throughput ?? NaN);
  const floor = rows.filter((row) => row.workload === FLOOR_WORKLOAD).map((row) => `${row.path} ${percentOf(row.throughput, raw?.throughput)}`);
  result.push({
    target: 'W1 throughput ≥ 40% of raw (issue 11)',
    ok: share >= 0.4,
    detail: `${(share * 100).toFixed(0)}% (${Math.round(gateway?.throughput ?? 0)} vs ${Math.round(raw?.throughput ?? 0)} req/s); { __typename }: ${floor.join(', ')}`,
  });
  const slow = rows.filter((row) => row.workload.startsWith('W1 ') && row.workload.includes('ms upstream'));
  const slowShare = (slow.find((row) => row.path === LABEL.gateway)?.throughput ?? NaN) / (slow.find((row) => row.path === LABEL.raw)?.throughput ?? NaN);
  result.push({
    target: `W1 throughput ≥ 70% of raw, ${UPSTREAM_LATENCY_MS} ms upstream latency`,
    ok: slowShare >= 0.7,
    detail: `${(slowShare * 100).toFixed(0)}% (${slow.map((row) => `${Math.round(row.throughput ?? 0)}`).join(' vs ')} req/s)`,
  });
  return result;
}

function replicaCheck(costs: ReplicaCost[]): Check {
  const shared = costs.filter((cost) => cost.shared);
  const points = shared.map((cost) => cost.points);
  return { target: 'W7 same points over 1, 2 and 4 replicas with one Redis', ok: points.every((p) => p === points[0]), detail: `${points.join(' / ')} points (4 replicas without Redis: ${costs.find((cost) => !cost.shared)?.points})` };
}

async function throughputOnly(): Promise<string> {
  const fake = await startFakeProcess();
  const [gateway, bareYoga] = await Promise.all([startGatewayProcess(fake, TARGET_ENV.gateway), startBareYogaProcess()]);
  try {
    const w1 = WORKLOADS[0]?.rounds(createDataset())[0];
    if (!w1) return 'no W1 round';
    const throughput = await measureThroughput(w1, { gateway: gateway.url, apiUrl: fake.url, bareYoga: bareYoga.url }, THROUGHPUT_SECONDS, THROUGHPUT_ROUNDS);
    return `${renderTable(floorRows(throughput))}\n\n${throughputLine(throughput)}`;
  } finally {
    await Promise.all([gateway.stop(), bareYoga.stop()]);
    await fake.stop();
  }
}

const FLOOR_WORKLOAD = '{ __typename }: no upstream call, no resolver (the floor)';

/** The floor of W1's throughput: the same HTTP and GraphQL path with nothing to resolve, ours and bare graphql-yoga's. */
function floorRows({ floor }: Throughput): Row[] {
  if (!floor) return [];
  return [
    { workload: FLOOR_WORKLOAD, path: LABEL.gateway, throughput: floor.gateway },
    { workload: FLOOR_WORKLOAD, path: 'bare graphql-yoga (its defaults)', throughput: floor.bareYoga },
  ];
}

const percentOf = (part: number | undefined, whole: number | undefined) => `${(((part ?? NaN) / (whole ?? NaN)) * 100).toFixed(0)}%`;

function throughputLine({ gateway, raw, upstreamPerRequest, floor }: Throughput): string {
  const line = `W1 throughput (medians of ${THROUGHPUT_ROUNDS} alternated rounds of ${THROUGHPUT_SECONDS} s, 10 connections): gateway ${Math.round(gateway)} req/s, raw REST ${Math.round(raw)} req/s: ${percentOf(gateway, raw)} of raw; the gateway made ${upstreamPerRequest.toFixed(2)} calls to GitHub per request (identical calls in flight shared).`;
  if (!floor) return line;
  return `${line} The floor, { __typename } in the same rounds: the gateway ${Math.round(floor.gateway)} req/s (${percentOf(floor.gateway, raw)} of raw), bare graphql-yoga ${Math.round(floor.bareYoga)} req/s (${percentOf(floor.bareYoga, raw)}); W1 is ${percentOf(gateway, floor.gateway)} of the gateway's own floor.`;
}

function log(message: string) {
  console.error(`bench: ${message}`);
}

if (process.argv.includes('--startup')) {
  // Only the startup and idle-memory rows (a minute instead of the whole bench).
  console.log(await startup());
  process.exit(0);
}
if (process.argv.includes('--warm')) {
  // Only W8, the warm-cache rows and their check (half a minute).
  const warm = await measureWarmW2(createDataset(), TARGET_ENV.gateway);
  console.log(`${renderTable(warmRows(warm))}\n\n${renderChecks([warmCheck(warm)])}`);
  process.exit(0);
}
if (process.argv.includes('--throughput')) {
  // Only W1's throughput, gateway beside raw REST on one loopback fake, and the { __typename } floor (a minute).
  console.log(await throughputOnly());
  process.exit(0);
}
if (process.argv.includes('--cpu')) {
  // CPU per request in one process (bench/cpu-per-request.ts; a minute): the steadiest figure for comparing builds.
  const { measureCpuPerRequest } = await import('./cpu-per-request.ts');
  console.log(await measureCpuPerRequest());
  process.exit(0);
}
if (process.argv.includes('--load')) {
  // Sustained load (bench/load.ts); `--duration 10` for a quick run.
  const { runLoad } = await import('./load.ts');
  process.exit((await runLoad()) ? 0 : 1);
}
await main();
