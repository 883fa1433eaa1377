// The workloads W1–W6, built from the fake GitHub's dataset. Each says what a client sends
// (GraphQL documents, one per round trip), what a direct REST client would call instead (the raw
// baseline), and the physical minimum of REST calls and rate-limit points, computed from the dataset.
import { KNOWN, type Dataset } from '../fake-github/dataset.ts';

export interface Round {
  /** The GraphQL document of this round trip. */
  query: string;
  /** What a REST client calls for the same data: the minimum plan (paths with query). */
  rest: string[];
}

export interface Workload {
  id: string;
  title: string;
  rounds(dataset: Dataset): Round[];
  /** The physical limit: one call per distinct REST resource the rounds name, lists in pages of 100. */
  minimum(dataset: Dataset): { calls: number; points: number };
  /** Runs `warmup` first (unmeasured) on the same gateway: W5 is W2 on a warm cache. */
  warmup?: Workload;
  /** Simulated time between rounds (W6): advance the shared clock, change data upstream. */
  between?(round: number, context: SimulatedTime): void;
  /** Latency is measured on real time only; W6 lives on the fake clock. */
  simulated?: boolean;
}

export interface SimulatedTime {
  advance(ms: number): void;
  dataset: Dataset;
}

const MAX_PER_PAGE = 100;
const JOB_FIELDS = 'databaseId name status conclusion startedAt completedAt steps { number name status conclusion }';
const pages = (count: number) => Math.max(1, Math.ceil(count / MAX_PER_PAGE));
const runPath = (repo: string, runId: number, page: number, perPage = MAX_PER_PAGE) =>
  `/repos/${repo}/actions/runs/${runId}/jobs?filter=latest&per_page=${perPage}&page=${page}`;
const jobPath = (repo: string, jobId: number) => `/repos/${repo}/actions/jobs/${jobId}`;

function runOf(dataset: Dataset, runId: number) {
  const run = dataset.getRun(runId);
  if (!run) throw new Error(`bench: run ${runId} missing from the dataset`);
  return { repo: run.repo, count: dataset.jobsOfRun(runId, 'latest')?.length ?? 0 };
}

function runJobsField(alias: string, dataset: Dataset, runId: number, fields = JOB_FIELDS): string {
  const { repo, count } = runOf(dataset, runId);
  return `${alias}: workflowRun(owner: "${repo.owner}", repo: "${repo.name}", runId: ${runId}) { jobs(first: ${Math.max(count, 1)}) { totalCount nodes { ${fields} } } }`;
}

function runRest(dataset: Dataset, runId: number): string[] {
  const { repo, count } = runOf(dataset, runId);
  return Array.from({ length: pages(count) }, (_, i) => runPath(repo.fullName, runId, i + 1));
}

const dashboardRuns = (dataset: Dataset) => dataset.publicRunIds().slice(0, 20);

export const W1: Workload = {
  id: 'W1',
  title: 'one job with steps by id',
  rounds: () => [
    {
      query: `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { ${JOB_FIELDS} } }`,
      rest: [jobPath('octo-org/public-app', KNOWN.jobId)],
    },
  ],
  minimum: () => ({ calls: 1, points: 1 }),
};

export const W2: Workload = {
  id: 'W2',
  title: `all ${KNOWN.bigRunJobCount} jobs of the largest run with steps`,
  rounds: (dataset) => [{ query: `{ ${runJobsField('run', dataset, KNOWN.bigRunId)} }`, rest: runRest(dataset, KNOWN.bigRunId) }],
  minimum: (dataset) => ({ calls: pages(runOf(dataset, KNOWN.bigRunId).count), points: pages(runOf(dataset, KNOWN.bigRunId).count) }),
};

function dashboardRound(dataset: Dataset): Round {
  const runs = dashboardRuns(dataset);
  return {
    query: `{ ${runs.map((runId, i) => runJobsField(`r${i}`, dataset, runId, 'databaseId name status conclusion')).join(' ')} }`,
    rest: runs.flatMap((runId) => runRest(dataset, runId)),
  };
}
const dashboardCalls = (dataset: Dataset) => dashboardRuns(dataset).reduce((sum, runId) => sum + pages(runOf(dataset, runId).count), 0);

export const W3: Workload = {
  id: 'W3',
  title: 'the jobs of 20 runs in one query (aliases)',
  rounds: (dataset) => [dashboardRound(dataset)],
  minimum: (dataset) => ({ calls: dashboardCalls(dataset), points: dashboardCalls(dataset) }),
};

export const W4: Workload = {
  id: 'W4',
  title: 'one job asked 5 times plus its run’s list',
  rounds: (dataset) => {
    const job = `owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}`;
    const aliases = Array.from({ length: 5 }, (_, i) => `j${i}: job(${job}) { ${JOB_FIELDS} }`).join(' ');
    return [
      {
        query: `{ ${aliases} ${runJobsField('run', dataset, KNOWN.jobRunId)} }`,
        rest: [jobPath('octo-org/public-app', KNOWN.jobId), ...runRest(dataset, KNOWN.jobRunId)],
      },
    ];
  },
  // The job and the list are two resources: which run a job id belongs to is unknown until GitHub says.
  minimum: (dataset) => ({ calls: 1 + pages(runOf(dataset, KNOWN.jobRunId).count), points: 1 + pages(runOf(dataset, KNOWN.jobRunId).count) }),
};

export const W5: Workload = {
  id: 'W5',
  title: 'W2 repeated (warm cache)',
  rounds: W2.rounds,
  warmup: W2,
  // Unchanged data on a warm cache: GitHub's max-age or a 304 answers it, neither spends a point.
  minimum: () => ({ calls: 0, points: 0 }),
};

/** W6: a dashboard polls W3 every 10 s for 60 s of simulated time while a few jobs change upstream. */
export const POLL_INTERVAL_MS = 10_000;
export const POLL_SPAN_MS = 60_000;
/** Simulated seconds at which one job of the n-th dashboard run changes (3 changed lists in all). */
const CHANGES: Array<{ atMs: number; runIndex: number }> = [
  { atMs: 15_000, runIndex: 0 },
  { atMs: 25_000, runIndex: 7 },
  { atMs: 45_000, runIndex: 13 },
];
export const W6_GITHUB_MAX_AGE_S = 60;

export const W6: Workload = {
  id: 'W6',
  title: '10 s poll of W3 for 60 s (simulated time)',
  simulated: true,
  rounds: (dataset) => Array.from({ length: POLL_SPAN_MS / POLL_INTERVAL_MS + 1 }, () => dashboardRound(dataset)),
  between: (round, { advance, dataset }) => {
    const from = (round - 1) * POLL_INTERVAL_MS;
    const to = round * POLL_INTERVAL_MS;
    for (const change of CHANGES.filter((c) => c.atMs > from && c.atMs <= to)) {
      const runId = dashboardRuns(dataset)[change.runIndex] as number;
      const job = dataset.jobsOfRun(runId, 'latest')?.[0];
      if (job) dataset.updateJob(job.id, { name: `${job.name} (changed at ${change.atMs / 1000}s)` });
    }
    advance(POLL_INTERVAL_MS);
  },
  // The first poll fetches everything; later, GitHub's max-age (60 s) allows one look per list per
  // minute, and only a list that changed costs a point.
  minimum: (dataset) => {
    const polls = POLL_SPAN_MS / POLL_INTERVAL_MS + 1;
    const looks = Math.floor(((polls - 1) * POLL_INTERVAL_MS) / (W6_GITHUB_MAX_AGE_S * 1000)) + 1;
    return { calls: dashboardCalls(dataset) * looks, points: dashboardCalls(dataset) + CHANGES.length };
  },
};

export const CHANGED_RESOURCES_W6 = CHANGES.length;

export const WORKLOADS: Workload[] = [W1, W2, W3, W4, W5, W6];
