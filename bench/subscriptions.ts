// Subscriptions: N subscribers on one live run for 60 s of simulated time. The gateway polls every 5 s of
// that time (12 polls); a PollLeader counts the polls and moves the fake clock 5 s per poll, so the run
// progresses as it would (one change every 20 s) while the bench runs in a few seconds of real time.
// Counted from the moment every subscriber has its first payload: what the polling costs (each
// subscriber's first read is a query like any other and served by the conditional cache).
import { startFakeGitHub, TOKENS } from '../fake-github/index.ts';
import type { PollLeader } from '../src/live/poll-leader.ts';
import { startGateway } from '../test/support/gateway.ts';
import { subscribe } from '../test/support/sse.ts';
import type { Row } from './table.ts';

const SIMULATED_SECONDS = 60;
const POLL_SECONDS = 5;
const SELECTION = 'status conclusion jobs { nodes { name status steps { name status } } }';

export async function measureSubscribers(subscribers: number): Promise<Row> {
  const github = await startFakeGitHub();
  const polls = SIMULATED_SECONDS / POLL_SECONDS;
  let polled = 0;
  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  let counting = false;
  const leader: PollLeader = {
    lead: async () => {
      if (!counting) return true;
      polled += 1;
      github.clock.advance(POLL_SECONDS * 1000);
      if (polled >= polls) finished();
      return true;
    },
  };
  // 200 ms of real time per poll: room for 50 subscribers to take each one.
  const gateway = await startGateway(github.apiUrl, { SUBSCRIPTION_POLL_INTERVAL_MS: '200', MAX_SUBSCRIPTIONS_PER_CREDENTIAL: String(subscribers) }, { pollLeader: leader });
  const live = github.startLiveRun({ stepMs: 20_000 });
  const query = `subscription { workflowRun(owner: "octo-org", repo: "public-app", runId: ${live.runId}) { ${SELECTION} } }`;
  try {
    const streams = await Promise.all(Array.from({ length: subscribers }, () => subscribe(gateway.url, query, { token: TOKENS.full })));
    await Promise.all(streams.map((stream) => stream.next()));
    github.resetRecords();
    const pointsBefore = github.rateLimit(TOKENS.full).used;
    counting = true;
    const events = streams.map((stream) => stream.rest());
    await done;
    await Promise.all(streams.map((stream) => stream.close()));
    await Promise.allSettled(events);
    while (github.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const requests = github.requests.filter((request) => request.path !== '/rate_limit');
    return {
      workload: `S1 ${subscribers} subscriber${subscribers === 1 ? '' : 's'} on one live run, ${SIMULATED_SECONDS} s simulated (${polls} polls)`,
      path: 'gateway',
      requests: requests.length,
      points: github.rateLimit(TOKENS.full).used - pointsBefore,
    };
  } finally {
    await gateway.close();
    await github.close();
  }
}

export async function runSubscriptionBench(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const subscribers of [1, 50]) rows.push(await measureSubscribers(subscribers));
  return rows;
}
