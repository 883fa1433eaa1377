// One case of the logs bench in a fresh process (bench/logs.ts), so its peak RSS is its own: the real app
// (createApp, the production pool) answering one GraphQL query through `yoga.fetch`, or the naive baseline
// that follows the redirect and downloads and splits the whole body. Prints one JSON line.
import { request } from 'undici';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createDispatcher } from '../src/github/dispatcher.ts';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { graphqlHeaders } from './gateway.ts';

export type CaseName = 'tail' | 'errors' | 'text';
export type CasePath = 'gateway' | 'naive';

const FIELDS: Record<CaseName, string> = {
  tail: 'lines(last: 100) { number content }',
  errors: 'errors { number content }',
  text: 'text truncated',
};

const [caseName, path, apiUrl, storageUrl] = process.argv.slice(2) as [CaseName, CasePath, string, string];
const config = loadConfig({ GITHUB_API_URL: apiUrl, LOG_STORAGE_HOSTS: storageUrl, PORT: '0', GRAPHIQL: 'false', CACHE: 'false' });
const dispatcher = createDispatcher(config);
const yoga = createApp({ config, dispatcher });

const query = (jobId: number, repo: string, fields: string) => `{ job(owner: "octo-org", repo: "${repo}", jobId: ${jobId}) { logs { ${fields} } } }`;

async function viaGateway(document: string): Promise<number> {
  const response = await yoga.fetch('http://bench.local/graphql', {
    method: 'POST',
    headers: graphqlHeaders(TOKENS.full),
    body: JSON.stringify({ query: document }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return JSON.stringify(body).length;
}

/** What a client without the gateway typically does: follow the redirect, read the whole body, split it. */
async function naive(jobId: number, repo: string, which: CaseName): Promise<number> {
  const redirect = await request(`${apiUrl}/repos/octo-org/${repo}/actions/jobs/${jobId}/logs`, {
    dispatcher,
    headers: { authorization: `Bearer ${TOKENS.full}`, 'user-agent': 'bench-naive', accept: 'application/vnd.github+json' },
  });
  await redirect.body.dump();
  const location = redirect.headers.location as string;
  const text = await (await request(location, { dispatcher })).body.text();
  const lines = text.split('\n');
  if (which === 'tail') return lines.slice(-100).length;
  if (which === 'errors') return lines.filter((line) => line.includes('##[error]')).length;
  return text.length;
}

const run = (jobId: number, repo: string) => (path === 'gateway' ? viaGateway(query(jobId, repo, FIELDS[caseName])) : naive(jobId, repo, caseName));

// Warm up code paths, the JIT and the pool on a small log, then measure from a settled baseline.
await run(KNOWN.jobId, 'public-app');
(globalThis as { gc?: () => void }).gc?.();
await new Promise((resolve) => setTimeout(resolve, 100));
const before = process.memoryUsage.rss();
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 2);
const started = performance.now();
await run(KNOWN.hugeLogJobId, 'monorepo');
const ms = performance.now() - started;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage.rss());
console.log(JSON.stringify({ rssBefore: before, peakAdded: peak - before, ms }));
await dispatcher.close();
process.exit(0);
