// W8: W2 answered from a warm cache inside GitHub's max-age, so the gateway makes no upstream call and
// its time is its own (parsing the stored pages, execution, JSON). The fake sends max-age=60 here (the
// latency phase's fake sends 0, which makes W5 a revalidation: 3 × 304). Beside it, in the same run, the
// raw client's three pages fetched in parallel from the same fake.
import { Agent } from 'undici';
import { TOKENS } from '../fake-github/index.ts';
import type { Dataset } from '../fake-github/dataset.ts';
import { getRest, postGraphQL } from './gateway.ts';
import { measureLatency, type Latency } from './measure.ts';
import { startFakeProcess, startGatewayProcess } from './processes.ts';
import type { Check, Row } from './table.ts';
import { W2 } from './workloads.ts';

const REPETITIONS = 60;
/** The target of issue 11: from a warm cache, at most twice the raw fetch of the same three pages. */
const MAX_RATIO = 2;
const GITHUB_MAX_AGE_S = 60;
export const W8_TITLE = `W8 W2 inside max-age (warm cache, no upstream call)`;

export interface WarmResult {
  gateway: Latency;
  raw: Latency;
  /** Upstream requests the gateway reported (`extensions.github.requests`) over the measured rounds: 0 is the point. */
  upstreamRequests: number;
}

export async function measureWarmW2(dataset: Dataset, gatewayEnv: Record<string, string>): Promise<WarmResult> {
  const round = W2.rounds(dataset)[0];
  if (!round) throw new Error('bench: W2 has no round');
  const fake = await startFakeProcess(0, { cacheMaxAge: GITHUB_MAX_AGE_S });
  const gateway = await startGatewayProcess(fake, { ...gatewayEnv, GITHUB_STATS_EXTENSION: 'true' });
  const client = new Agent({ connections: 16 });
  let upstreamRequests = 0;
  try {
    // One cold round fills the cache (3 upstream calls); everything measured after it stays inside max-age.
    await postGraphQL(client, gateway.url, round.query, TOKENS.full);
    const gatewayLatency = await measureLatency(REPETITIONS, async () => {
      const body = await postGraphQL(client, gateway.url, round.query, TOKENS.full);
      upstreamRequests += Number((body.extensions?.github as { requests?: number } | undefined)?.requests ?? NaN);
    });
    const raw = await measureLatency(REPETITIONS, () => Promise.all(round.rest.map((path) => getRest(client, fake.url, path, TOKENS.full))));
    return { gateway: gatewayLatency, raw, upstreamRequests };
  } finally {
    await client.close();
    await gateway.stop();
    await fake.stop();
  }
}

export function warmRows(result: WarmResult): Row[] {
  return [
    { workload: W8_TITLE, path: 'minimum (computed)', requests: 0, points: 0 },
    { workload: W8_TITLE, path: 'gateway', requests: result.upstreamRequests, points: 0, roundTrips: 1, ...result.gateway },
    { workload: W8_TITLE, path: 'raw REST (undici)', requests: 3, points: 3, roundTrips: 3, ...result.raw },
  ];
}

export function warmCheck(result: WarmResult): Check {
  const ratio = result.gateway.p50 / result.raw.p50;
  return {
    target: `W8 warm cache p50 ≤ ${MAX_RATIO}× the raw three-page fetch, 0 upstream calls`,
    ok: ratio <= MAX_RATIO && result.upstreamRequests === 0,
    detail: `${ratio.toFixed(2)}× (${result.gateway.p50.toFixed(2)} vs ${result.raw.p50.toFixed(2)} ms), ${result.upstreamRequests} upstream calls`,
  };
}
