// Fairness under a hostile caller (`npm run bench`, also alone: `npx tsx bench/fairness.ts`): while one
// caller sends the amplification queries of the security review (the same job id 30 times with its log
// text, ten aliases of a 10 MiB text, ten concurrent downloads of a ~50 MB log), another caller's
// `{ __typename }` and one-job query keep being asked every 50 ms. Run twice in one go: with the default
// bounds, and with the bounds raised out of the way (the baseline: what the gateway did before them).
// Prints the attack's response bytes, the gateway's peak RSS over idle, and the probe's p50/p99.
// The fake GitHub and the gateway each run in a process of their own: the fake once ran in this one, and
// serving the attack's 500 MB of logs from the prober's event loop delayed the very probes being timed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { encodeGlobalId } from '../src/schema/global-id.ts';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { startFakeProcess, type FakeChild } from './processes.ts';
import { graphqlHeaders } from './gateway.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

const UNBOUNDED = { MAX_RESPONSE_BYTES: String(GiB), MAX_REQUEST_LOG_BYTES: String(GiB), LOG_MEMORY_BYTES: String(16 * GiB) };

interface FairnessResult {
  label: string;
  attackBytes: number;
  attackCodes: string[];
  peakAddedMiB: number;
  /** `{ __typename }`: the gateway alone. */
  typenameP50: number;
  typenameP99: number;
  /** One job by id: the gateway and a call to the fake GitHub (which also serves the attack's 50 MB logs). */
  probeP50: number;
  probeP99: number;
  probeFailures: number;
}

async function post(client: Agent, url: string, query: string, token: string, variables?: unknown): Promise<{ bytes: number; codes: string[] }> {
  const response = await request(url, {
    method: 'POST',
    dispatcher: client,
    headers: graphqlHeaders(token),
    body: JSON.stringify({ query, variables }),
    headersTimeout: 120_000,
    bodyTimeout: 120_000,
  });
  const text = await response.body.text();
  const codes = [...text.slice(0, 100_000).matchAll(/"code":"([A-Z_]+)"/g)].map((match) => match[1] as string);
  return { bytes: text.length, codes: response.statusCode >= 500 ? [`HTTP_${response.statusCode}`, ...codes] : codes };
}

function attacks(url: string, client: Agent): Array<Promise<{ bytes: number; codes: string[] }>> {
  const id = encodeGlobalId('Job', `octo-org/public-app/${KNOWN.jobId}`);
  const huge = `job(owner: "octo-org", repo: "monorepo", jobId: ${KNOWN.hugeLogJobId})`;
  const text10 = Array.from({ length: 10 }, (_, i) => `t${i}: text`).join(' ');
  const token = TOKENS.full;
  return [
    ...Array.from({ length: 3 }, () => post(client, url, 'query Q($ids: [ID!]!) { nodes(ids: $ids) { ... on Job { logs { text } } } }', token, { ids: Array(30).fill(id) })),
    post(client, url, `{ ${huge} { logs { ${text10} } } }`, token),
    ...Array.from({ length: 10 }, () => post(client, url, `{ ${huge} { logs { text } } }`, token)),
  ];
}

async function runCase(fake: FakeChild, label: string, env: Record<string, string>): Promise<FairnessResult> {
  const child = spawn(tsx, ['bench/fairness-gateway.ts'], {
    cwd: root,
    env: { ...process.env, GITHUB_API_URL: fake.url, LOG_STORAGE_HOSTS: fake.storageUrl, CACHE: 'false', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const rss: number[] = [];
  let buffered = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += String(chunk);
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const value = JSON.parse(line) as { url?: string; rss?: number };
        if (value.url) resolve(value.url);
        if (value.rss) rss.push(value.rss);
      }
    });
    child.once('exit', (code) => reject(new Error(`fairness gateway exited ${code}`)));
  });
  const attacker = new Agent({ connections: 20 });
  const prober = new Agent({ connections: 2 });
  try {
    // Warm up, then an idle baseline of RSS.
    await post(prober, url, `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name } }`, TOKENS.other);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const idle = Math.min(...rss.slice(-10));
    const latencies: number[] = [];
    const typename: number[] = [];
    let failures = 0;
    let attacking = true;
    const probing = (async () => {
      while (attacking) {
        for (const query of ['{ __typename }', `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name status } }`]) {
          const started = performance.now();
          const { codes } = await post(prober, url, query, TOKENS.other).catch(() => ({ bytes: 0, codes: ['NETWORK'] }));
          (query === '{ __typename }' ? typename : latencies).push(performance.now() - started);
          if (codes.length > 0) failures += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const from = rss.length;
    const results = await Promise.all(attacks(url, attacker).map((attack) => attack.catch(() => ({ bytes: 0, codes: ['NETWORK'] }))));
    attacking = false;
    await probing;
    const at = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
    return {
      label,
      attackBytes: results.reduce((sum, result) => sum + result.bytes, 0),
      attackCodes: [...new Set(results.flatMap((result) => result.codes))],
      peakAddedMiB: (Math.max(...rss.slice(from)) - idle) / MiB,
      typenameP50: at(typename, 0.5),
      typenameP99: at(typename, 0.99),
      probeP50: at(latencies, 0.5),
      probeP99: at(latencies, 0.99),
      probeFailures: failures,
    };
  } finally {
    await Promise.all([attacker.close(), prober.close()]);
    child.kill('SIGTERM');
  }
}

export async function runFairnessBench(): Promise<FairnessResult[]> {
  const fake = await startFakeProcess();
  try {
    const bounded = await runCase(fake, 'gateway, default bounds', {});
    const unbounded = await runCase(fake, 'gateway, bounds out of the way (baseline)', UNBOUNDED);
    const results = [bounded, unbounded];
    console.log('\n| fairness under attack | attack response bytes | attack outcome | peak RSS over idle | `{ __typename }` p50 / p99 ms | one job p50 / p99 ms | probe errors |');
    console.log('|---|---:|---|---:|---:|---:|---:|');
    for (const r of results) {
      console.log(`| ${r.label} | ${(r.attackBytes / MiB).toFixed(1)} MiB | ${r.attackCodes.join(', ') || 'answered'} | ${r.peakAddedMiB.toFixed(0)} MiB | ${r.typenameP50.toFixed(1)} / ${r.typenameP99.toFixed(1)} | ${r.probeP50.toFixed(1)} / ${r.probeP99.toFixed(1)} | ${r.probeFailures} |`);
    }
    return results;
  } finally {
    await fake.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runFairnessBench();
