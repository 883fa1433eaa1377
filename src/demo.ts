/**
 * `npm run demo`: the gateway against an embedded GitHub stand-in, fully offline. The stand-in is the
 * fake GitHub the tests use (fake-github/index.ts) with the same generated dataset: a few
 * repositories, runs with re-run attempts, a 260-job run, logs, and a live run of octo-org/public-app
 * that progresses in real time (a new one starts after each completes), to watch with a subscription.
 * GraphiQL opens with the demo token in its headers, so a new user only presses Run.
 *
 * Process entry like server.ts: reads PORT and HOST only; everything else is fixed to the stand-in.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { KNOWN, startFakeGitHub, TOKENS, type FakeGitHub, type LiveRun } from '../fake-github/index.ts';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createDispatcher } from './github/dispatcher.ts';

/** GraphiQL's start in the demo: a run of the stand-in's data, so Run works at once (the token is in Headers). */
export const DEMO_QUERY = /* GraphQL */ `# A run's jobs with their steps, from the demo's data. The sample token is in the Headers tab.
# More runs to try are listed in the terminal that started the demo.
query RunJobs {
  workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) {
    jobs(first: 10) {
      totalCount
      nodes { name status conclusion duration steps { number name status conclusion } }
      pageInfo { hasNextPage endCursor }
    }
  }
  rateLimit { remaining resetAt }
}
`;

export interface RunningDemo {
  /** `http://HOST:PORT/graphql`: GraphiQL in a browser, GraphQL over POST. */
  graphqlUrl: string;
  /** The stand-in's base URL (what GITHUB_API_URL points at). */
  githubApiUrl: string;
  /** A token that sees every repository, octo-org/private-api included. */
  token: string;
  /** The run currently progressing live in octo-org/public-app. */
  liveRunId(): number;
  close(): Promise<void>;
}

/** Seconds between two changes of the demo's live run (a job starts, a step completes, a job completes). */
const LIVE_STEP_MS = 4_000;

/** Keeps one live run going: once one has completed (and stayed visible a while), the next starts. */
function keepLiveRunGoing(github: FakeGitHub, stepMs: number): { current(): LiveRun; stop(): void } {
  let live = github.startLiveRun({ stepMs });
  const timer = setInterval(() => {
    if (github.clock.now() > (live.changeTimes.at(-1) ?? 0) + 5 * stepMs) live = github.startLiveRun({ stepMs });
  }, stepMs);
  timer.unref();
  return { current: () => live, stop: () => clearInterval(timer) };
}

/**
 * `liveStepMs`: how fast the live run moves (tests that watch it need not wait for a person's pace);
 * subscriptions poll twice per step, so each change shows up promptly.
 */
export async function startDemo({ port = 4000, host = '127.0.0.1', liveStepMs = LIVE_STEP_MS }: { port?: number; host?: string; liveStepMs?: number } = {}): Promise<RunningDemo> {
  const github = await startFakeGitHub();
  const live = keepLiveRunGoing(github, liveStepMs);
  const config = loadConfig({ GITHUB_API_URL: github.apiUrl, LOG_STORAGE_HOSTS: github.storageUrl, PORT: String(port), HOST: host, SUBSCRIPTION_POLL_INTERVAL_MS: String(Math.max(10, Math.round(liveStepMs / 2))) });
  const dispatcher = createDispatcher(config);
  const token = TOKENS.full;
  const yoga = createApp({ config, dispatcher, graphiql: { query: DEMO_QUERY, headers: { Authorization: `Bearer ${token}` } } });
  const server: Server = createServer(yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host;
  return {
    graphqlUrl: `http://${shownHost}:${address.port}/graphql`,
    githubApiUrl: github.apiUrl,
    token,
    liveRunId: () => live.current().runId,
    async close() {
      live.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispatcher.close();
      await github.close();
    },
  };
}

function banner(demo: RunningDemo): string {
  return [
    '',
    'actions-jobs-gateway demo: offline, against an embedded GitHub stand-in',
    '',
    `  GraphiQL          ${demo.graphqlUrl}   (press Run: the default query and token are filled in)`,
    `  GitHub stand-in   ${demo.githubApiUrl}`,
    `  sample token      ${demo.token}   (sees octo-org/private-api too)`,
    `  public-only token ${TOKENS.publicOnly}`,
    '',
    '  Things to try (owner octo-org):',
    `    public-app  run ${KNOWN.jobRunId}   9 jobs, one failed (job ${KNOWN.jobId})`,
    `    public-app  run ${KNOWN.rerunRunId}   3 attempts: jobs(attempt: 1) or jobs(filter: ALL)`,
    `    monorepo    run ${KNOWN.bigRunId}   ${KNOWN.bigRunJobCount} jobs: page with first/after`,
    `    private-api run ${KNOWN.privateRunId}   404 (NOT_FOUND) without the sample token`,
    `    public-app  run ${demo.liveRunId()}   in progress right now: a new change every ${LIVE_STEP_MS / 1000} s, a new run after each completes`,
    '',
    '  Watch it live: in GraphiQL, run',
    '    { workflowRuns(owner: "octo-org", repo: "public-app", first: 1) { nodes { databaseId name status } } }',
    '  then, with that databaseId,',
    '    subscription { workflowRun(owner: "octo-org", repo: "public-app", runId: <databaseId>) {',
    '      status conclusion jobs { nodes { name status steps { name status } } } } }',
    '  (results stream in over Server-Sent Events; the stream ends once the run has completed)',
    '',
    '  curl:',
    `    curl -s ${demo.graphqlUrl} -H 'content-type: application/json' -H 'authorization: Bearer ${demo.token}' \\`,
    `      -d '{"query":"{ workflowRun(owner: \\"octo-org\\", repo: \\"public-app\\", runId: ${KNOWN.jobRunId}) { jobs(first: 3) { nodes { name conclusion } } } }"}'`,
    '',
    '  Ctrl-C stops both.',
    '',
  ].join('\n');
}

// Run only as the entry point (`tsx src/demo.ts`); tests import startDemo.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Validated like the server's; the demo binds to loopback unless HOST says otherwise.
  const { port, host } = loadConfig({ PORT: process.env.PORT, HOST: process.env.HOST ?? '127.0.0.1' });
  const demo = await startDemo({ port, host });
  console.log(banner(demo));
  const stop = () => void demo.close().finally(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
