// The three measurements of the bench: upstream cost (requests, points, round trips, connections) on an
// in-process fake with rate limits on; latency percentiles of sequential round trips; throughput with autocannon.
import autocannon from 'autocannon';
import { Agent } from 'undici';
import { startFakeGitHub, TOKENS, type FakeGitHub } from '../fake-github/index.ts';
import { getRest, graphqlHeaders, postGraphQL, restHeaders, startBenchGateway } from './gateway.ts';
import { median } from './rss.ts';
import type { Round, Workload } from './workloads.ts';

export type Target = 'gateway' | 'naive' | 'raw';

/** Gateway settings per target: the naive baseline is "DataLoader and cache off". */
export const TARGET_ENV: Record<Exclude<Target, 'raw'>, Record<string, string>> = {
  gateway: {},
  naive: { DATALOADER: 'false', CACHE: 'false', GITHUB_SHARE_IN_FLIGHT: 'false' },
};

export interface Cost {
  requests: number;
  points: number;
  roundTrips: number;
  /** New upstream TCP connections (gateway targets only). */
  connections?: number;
}

const TOKEN = TOKENS.full;

/** Runs a workload on a fresh fake (and a fresh gateway: a cold cache), returning what GitHub saw. */
export async function measureCost(workload: Workload, target: Target): Promise<Cost> {
  const fake = await startFakeGitHub();
  const gateway = target === 'raw' ? undefined : await startBenchGateway(fake, TARGET_ENV[target], fake.clock.now);
  const rest = new Agent();
  const play = async (rounds: Round[], hooks?: Workload['between']) => {
    let trips = 0;
    for (const [index, round] of rounds.entries()) {
      if (index > 0) hooks?.(index, { advance: (ms) => fake.clock.advance(ms), dataset: fake.dataset });
      if (gateway) {
        await gateway.query(round.query, TOKEN);
        trips += 1;
      } else {
        await Promise.all(round.rest.map((path) => getRest(rest, fake.apiUrl, path, TOKEN)));
        trips += round.rest.length;
      }
    }
    return trips;
  };
  try {
    if (workload.warmup) await play(workload.warmup.rounds(fake.dataset));
    const before = snapshot(fake);
    const roundTrips = await play(workload.rounds(fake.dataset), workload.between);
    const after = snapshot(fake);
    return {
      requests: after.requests - before.requests,
      points: after.used - before.used,
      roundTrips,
      ...(gateway ? { connections: gateway.upstreamConnections } : {}),
    };
  } finally {
    await gateway?.close();
    await rest.close();
    await fake.close();
  }
}

function snapshot(fake: FakeGitHub) {
  return { requests: fake.requests.filter((request) => request.path !== '/rate_limit').length, used: fake.rateLimit(TOKEN).used };
}

export interface Latency {
  p50: number;
  p95: number;
}

/** Sequential repetitions after a short warm-up; milliseconds. */
export async function measureLatency(repetitions: number, once: () => Promise<unknown>): Promise<Latency> {
  // Warm up for three times as many rounds as are measured and at least 3 s: a freshly spawned process is
  // still compiling its hot paths for its first two thousand-odd requests (W1's p50 falls from ~1.7 ms to
  // ~1.0 ms over them here), and a gateway in production is warm.
  const warmUntil = Date.now() + 3_000;
  for (let i = 0; i < repetitions * 3 || Date.now() < warmUntil; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const start = process.hrtime.bigint();
    await once();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** One workload round as a function, against a gateway URL or straight at the upstream. */
export function roundRunner(target: Target, round: Round, urls: { gateway: string; naive: string; apiUrl: string }, client: Agent): () => Promise<unknown> {
  if (target === 'raw') return () => Promise.all(round.rest.map((path) => getRest(client, urls.apiUrl, path, TOKEN)));
  const url = target === 'gateway' ? urls.gateway : urls.naive;
  return () => postGraphQL(client, url, round.query, TOKEN);
}

interface LoadRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

const graphqlRequest = (url: string, query: string): LoadRequest => ({
  url,
  method: 'POST',
  headers: graphqlHeaders(TOKEN),
  body: JSON.stringify({ query }),
});

const restRequest = (apiUrl: string, path: string): LoadRequest => ({
  url: apiUrl + path,
  method: 'GET',
  headers: restHeaders(TOKEN),
});

/** Requests per second for `seconds`, 10 connections. */
async function requestsPerSecond(target: string, request: LoadRequest, seconds: number): Promise<number> {
  const result = await autocannon({ ...request, connections: 10, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`bench: autocannon saw ${result.non2xx} non-2xx and ${result.errors} errors against ${target}`);
  return result.requests.average;
}

export interface Throughput {
  /** The gateway answering the round's query. */
  gateway: number;
  /** The round's GET straight at the fake. */
  raw: number;
  /** The gateway's calls to GitHub per GraphQL request of the round (identical calls in flight share one). */
  upstreamPerRequest: number;
  /**
   * `{ __typename }` (no upstream call, no resolver) through the gateway and through bare graphql-yoga
   * (bench/bare-yoga-process.ts): what a request costs before the round's own work, the floor of `gateway`.
   */
  floor?: { gateway: number; bareYoga: number };
}

/**
 * Throughput of the round through the gateway beside raw REST (and, given `bareYoga`, beside the floor),
 * alternated `rounds` times (gateway, raw, …, gateway, raw, …) and the medians kept: on a shared 2-core
 * machine a neighbour's burst lands on one side of a single pair and moves the ratio by half; alternating
 * spreads it over all of them.
 */
export async function measureThroughput(round: Round, urls: { gateway: string; apiUrl: string; bareYoga?: string }, seconds: number, rounds = 3): Promise<Throughput> {
  const targets: Record<string, LoadRequest> = { gateway: graphqlRequest(urls.gateway, round.query), raw: restRequest(urls.apiUrl, round.rest[0] ?? '') };
  if (urls.bareYoga) {
    targets.gatewayTypename = graphqlRequest(urls.gateway, '{ __typename }');
    targets.bareYoga = graphqlRequest(urls.bareYoga, '{ __typename }');
  }
  const seen = new Map<string, number[]>(Object.keys(targets).map((name) => [name, []]));
  const calls = { graphql: 0, upstream: 0 };
  for (let i = 0; i < rounds; i++) {
    for (const [name, request] of Object.entries(targets)) {
      const before = name === 'gateway' ? await exchangeCounts(urls.gateway) : undefined;
      seen.get(name)?.push(await requestsPerSecond(name, request, seconds));
      if (!before) continue;
      const after = await exchangeCounts(urls.gateway);
      calls.graphql += after.graphql - before.graphql;
      calls.upstream += after.upstream - before.upstream;
    }
  }
  const medianOf = (name: string) => median(seen.get(name) ?? []);
  return {
    gateway: medianOf('gateway'),
    raw: medianOf('raw'),
    upstreamPerRequest: calls.upstream / calls.graphql,
    ...(urls.bareYoga ? { floor: { gateway: medianOf('gatewayTypename'), bareYoga: medianOf('bareYoga') } } : {}),
  };
}

/**
 * GraphQL requests served and HTTP exchanges with GitHub so far, from the gateway's own /metrics: under
 * load, concurrent identical calls share one exchange (src/github/shared-flight.ts), so the raw path's
 * one GET per request is not the gateway's.
 */
async function exchangeCounts(graphqlUrl: string): Promise<{ graphql: number; upstream: number }> {
  const text = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  const sum = (metric: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(`${metric}{`))
      .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  return { graphql: sum('graphql_requests_total'), upstream: sum('github_requests_total') };
}

/**
 * Keep-alive reuse: one warm gateway runs `rounds` of each workload while every call reaches the upstream
 * (max-age 0); the pool's new TCP connections are counted against the upstream requests they carried.
 */
export async function measureKeepAlive(workloads: Workload[], rounds: number): Promise<{ requests: number; connections: number }> {
  const fake = await startFakeGitHub({ rateLimits: false, cacheMaxAge: 0 });
  const gateway = await startBenchGateway(fake, TARGET_ENV.gateway);
  try {
    for (const workload of workloads) {
      const [round] = workload.rounds(fake.dataset);
      if (!round) continue;
      for (let i = 0; i < rounds; i++) await gateway.query(round.query, TOKEN);
    }
    return { requests: fake.requests.length, connections: gateway.upstreamConnections };
  } finally {
    await gateway.close();
    await fake.close();
  }
}
