// W7: the same dashboard poll spread over 1, 2 and 4 gateway replicas sharing one Redis (README "Running
// several replicas"), and over 4 replicas without it. Counted at an in-process fake on its own clock; each
// poll sends each run's query to the next replica in turn, as a round-robin load balancer would.
import { startFakeGitHub, TOKENS } from '../fake-github/index.ts';
import { hasRedisServer, startRedis } from '../test/support/redis-server.ts';
import { startBenchGateway, type BenchGateway } from './gateway.ts';
import type { Row } from './table.ts';

const RUNS = 5;
const POLL_INTERVAL_MS = 10_000;
const POLLS = 7; // 0 s … 60 s
/** One job of the first run changes at 25 s: the one list that has to cost a point again. */
const CHANGE_AT_POLL = 3;
const CREDENTIAL_KEY = 'bench-credential-key-0123456789abcdef0123456789';
export const W7_TITLE = 'W7 10 s poll of 5 runs for 60 s over replicas';

export interface ReplicaCost {
  replicas: number;
  shared: boolean;
  requests: number;
  points: number;
}

export async function measureReplicaPolls(): Promise<ReplicaCost[] | undefined> {
  if (!hasRedisServer) return undefined;
  const results: ReplicaCost[] = [];
  for (const [replicas, shared] of [[1, true], [2, true], [4, true], [4, false]] as const) results.push(await pollOver(replicas, shared));
  return results;
}

async function pollOver(replicas: number, shared: boolean): Promise<ReplicaCost> {
  const fake = await startFakeGitHub();
  const redis = shared ? await startRedis() : undefined;
  const env: Record<string, string> = redis ? { REDIS_URL: redis.url, CREDENTIAL_KEY } : {};
  const gateways: BenchGateway[] = [];
  try {
    for (let i = 0; i < replicas; i += 1) gateways.push(await startBenchGateway(fake, env, fake.clock.now));
    if (redis) await Promise.all(gateways.map(waitForRedis));
    const runIds = fake.dataset.publicRunIds().slice(0, RUNS);
    const query = (runId: number) => {
      const run = fake.dataset.getRun(runId);
      return `{ workflowRun(owner: "${run?.repo.owner}", repo: "${run?.repo.name}", runId: ${runId}) { jobs(first: 100) { totalCount nodes { databaseId name status conclusion } } } }`;
    };
    const usedBefore = fake.rateLimit(TOKENS.full).used;
    const requestsBefore = fake.requests.length;
    let turn = 0;
    for (let poll = 0; poll < POLLS; poll += 1) {
      if (poll > 0) fake.clock.advance(POLL_INTERVAL_MS);
      if (poll === CHANGE_AT_POLL) {
        const job = fake.dataset.jobsOfRun(runIds[0] as number, 'latest')?.[0];
        if (job) fake.dataset.updateJob(job.id, { name: `${job.name} (changed)` });
      }
      for (const runId of runIds) {
        const gateway = gateways[turn % gateways.length] as BenchGateway;
        turn += 1;
        await gateway.query(query(runId), TOKENS.full);
      }
    }
    return { replicas, shared, requests: fake.requests.length - requestsBefore, points: fake.rateLimit(TOKENS.full).used - usedBefore };
  } finally {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await redis?.close();
    await fake.close();
  }
}

async function waitForRedis(gateway: BenchGateway): Promise<void> {
  const readyz = gateway.url.replace(/\/graphql$/, '/readyz');
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const body = (await (await fetch(readyz)).json()) as { redis?: { state: string } };
    if (body.redis?.state === 'up') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('bench: a replica never reached Redis');
}

export function replicaRows(costs: ReplicaCost[]): Row[] {
  return costs.map((cost) => ({
    workload: W7_TITLE,
    path: `${cost.replicas} replica${cost.replicas > 1 ? 's' : ''}${cost.shared ? (cost.replicas > 1 ? ', one Redis' : '') : ', no Redis'}`,
    requests: cost.requests,
    points: cost.points,
    roundTrips: RUNS * POLLS,
  }));
}
