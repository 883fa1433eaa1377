// The fake GitHub's data: repositories, workflow runs (with attempts) and their jobs, generated
// deterministically from a seed. Well-known scenarios have fixed ids (KNOWN) whatever the seed.
import { HUGE_LOG_JOB } from './huge-log.ts';
import { isoSeconds, makeJob, type Job, type JobSpec, type Outcome, type RunnerKind } from './job-factory.ts';
import { createRng, seedFrom, type Rng } from './prng.ts';
import type { StepKindName } from './step-catalog.ts';

export type { Job, Step } from './job-factory.ts';

export interface Repo {
  id: number;
  owner: string;
  name: string;
  /** `owner/name` in its canonical case. */
  fullName: string;
  private: boolean;
}

export interface Run {
  id: number;
  repo: Repo;
  workflowName: string;
  headBranch: string | null;
  headSha: string;
  /** Epoch seconds. */
  createdAt: number;
  latestAttempt: number;
  /** Job ids per attempt number (1-based). */
  jobIdsByAttempt: Map<number, number[]>;
}

/** How the storage host serves a job's log. */
export type LogFlavor = 'normal' | 'crlf' | 'huge' | 'expired';

// Ids are above 2^31 on purpose: job ids passed 2^31 in 2022 and do not fit GraphQL's Int.
export const KNOWN = {
  /** Failed job (a failed "Run tests" step, later steps skipped, post steps run) in KNOWN.jobRunId. */
  jobId: 111_495_700_026,
  /** Completed run of octo-org/public-app with 9 jobs (111495700020..28). */
  jobRunId: 30_433_642_101,
  /** Successful job in KNOWN.jobRunId whose log is served with CRLF line endings. */
  crlfLogJobId: 111_495_700_027,
  /** octo-org/monorepo run with exactly 260 jobs in its latest (only) attempt. */
  bigRunId: 30_433_642_102,
  bigRunJobCount: 260,
  /** octo-org/public-app run with 3 attempts of 4 jobs: 1 and 2 failed, 3 (latest) succeeded. */
  rerunRunId: 30_433_642_103,
  rerunJobsPerAttempt: 4,
  /** octo-org/public-app run in progress: one completed, one in_progress, one queued and one waiting job. */
  inProgressRunId: 30_433_642_104,
  completedJobInProgressRunId: 111_495_730_001,
  inProgressJobId: 111_495_730_002,
  queuedJobId: 111_495_730_003,
  waitingJobId: 111_495_730_004,
  /** Run and job of octo-org/private-api (404 without access). */
  privateRunId: 30_433_642_105,
  privateJobId: 111_495_740_001,
  /** Old public-app run whose logs answer 410. */
  expiredLogRunId: 30_433_642_106,
  expiredLogJobId: 111_495_750_001,
  /** monorepo run whose single job has a ~50 MB log (fake-logs.ts, hugeLogSize). */
  hugeLogRunId: 30_433_642_107,
  hugeLogJobId: 111_495_760_001,
} as const;

export interface AddRunSpec {
  /** `owner/name`, any case. */
  repo: string;
  jobCount?: number;
  attempts?: number;
  outcome?: Outcome;
  workflowName?: string;
  headBranch?: string | null;
  /** Patches applied to the latest attempt's jobs, by index. */
  jobs?: Array<Partial<Job>>;
}

export interface DatasetOptions {
  seed?: number;
  /** Runs generated besides the well-known ones: 30 (3 public repos) plus 3 private by default. */
  generatedRuns?: number;
}

export interface Dataset {
  readonly repos: readonly Repo[];
  /** Every run, well-known first, then generated ones newest first. */
  readonly runs: readonly Run[];
  findRepo(owner: string, name: string): Repo | undefined;
  getRun(runId: number): Run | undefined;
  getJob(jobId: number): Job | undefined;
  runOfJob(jobId: number): Run | undefined;
  /** The jobs of an attempt, of the latest attempt, or of all attempts (ascending id); undefined for an unknown attempt. */
  jobsOfRun(runId: number, attempt: number | 'latest' | 'all'): Job[] | undefined;
  /** Every job of every run and attempt (current versions; URL fields are relative, see job-factory.ts). */
  readonly jobs: readonly Job[];
  /** The same as `jobs`, as a fresh array. */
  allJobs(): Job[];
  /** Completed runs of public repos, for dashboards (at least 25 with 1..30 jobs each). */
  publicRunIds(): number[];
  logFlavor(jobId: number): LogFlavor;
  /** Replaces fields of a job (so its ETag changes); returns the new job. */
  updateJob(jobId: number, patch: Partial<Job>): Job;
  addRun(spec: AddRunSpec): Run;
}

const NOW = Date.parse('2026-07-26T15:00:00Z') / 1000;

const REPOS: Repo[] = [
  { id: 812_345_601, owner: 'octo-org', name: 'public-app', fullName: 'octo-org/public-app', private: false },
  { id: 812_345_602, owner: 'octo-org', name: 'private-api', fullName: 'octo-org/private-api', private: true },
  { id: 812_345_603, owner: 'octo-org', name: 'monorepo', fullName: 'octo-org/monorepo', private: false },
  { id: 812_345_604, owner: 'acme', name: 'website', fullName: 'acme/website', private: false },
];

const WEB_STEPS: StepKindName[] = ['checkout', 'setupNode', 'install', 'build', 'test', 'upload'];
const SHORT_STEPS: StepKindName[] = ['checkout', 'setupNode', 'install', 'lint'];

export function createDataset(options: DatasetOptions = {}): Dataset {
  const seed = options.seed ?? 20260726;
  const repos = REPOS.map((repo) => ({ ...repo }));
  const repoByKey = new Map(repos.map((repo) => [repo.fullName.toLowerCase(), repo]));
  const runs: Run[] = [];
  const runById = new Map<number, Run>();
  const jobs = new Map<number, Job>();
  const runIdOfJob = new Map<number, number>();
  const flavors = new Map<number, LogFlavor>();
  let nextGeneratedJobId = 111_495_800_000;
  let nextAddedRunId = 30_433_643_000;

  const repo = (fullName: string): Repo => {
    const found = repoByKey.get(fullName.toLowerCase());
    if (!found) throw new Error(`unknown repository ${fullName}`);
    return found;
  };

  const newRun = (id: number, fullName: string, createdAt: number, rng: Rng, workflowName = 'CI'): Run => {
    const run: Run = {
      id,
      repo: repo(fullName),
      workflowName,
      headBranch: rng.pick(['main', 'main', 'feature/faster-cache', 'dependabot/npm_and_yarn/undici-7.1.0']),
      headSha: rng.hex(40),
      createdAt,
      latestAttempt: 0,
      jobIdsByAttempt: new Map(),
    };
    runs.push(run);
    runById.set(id, run);
    return run;
  };

  type JobPlan = Omit<JobSpec, 'runId' | 'attempt' | 'owner' | 'repo' | 'repoId' | 'workflowName' | 'headBranch' | 'headSha' | 'createdAt' | 'rng'>;
  /** Adds the next attempt of a run; its jobs start a few minutes after the previous attempt's. */
  const addAttempt = (run: Run, plans: JobPlan[], rng: Rng): Job[] => {
    const attempt = run.latestAttempt + 1;
    const createdAt = run.createdAt + (attempt - 1) * 1800;
    const made = plans.map((plan) =>
      makeJob({
        ...plan,
        runId: run.id,
        attempt,
        owner: run.repo.owner,
        repo: run.repo.name,
        repoId: run.repo.id,
        workflowName: run.workflowName,
        headBranch: run.headBranch,
        headSha: run.headSha,
        createdAt: createdAt + rng.int(0, 4),
        // acme/website's steps carry `.000-07:00` timestamps, a format GitHub has also served.
        stepTimestamps: run.repo.name === 'website' ? 'offset' : 'utc',
        rng,
      }),
    );
    for (const job of made) {
      jobs.set(job.id, job);
      runIdOfJob.set(job.id, run.id);
    }
    run.latestAttempt = attempt;
    run.jobIdsByAttempt.set(attempt, made.map((job) => job.id));
    return made;
  };

  const plan = (id: number, name: string, outcome: Outcome, steps = WEB_STEPS, runner: RunnerKind = 'ubuntu'): JobPlan => ({
    id,
    name,
    outcome,
    runner,
    steps,
  });

  const randomPlans = (count: number, rng: Rng, outcome: Outcome): JobPlan[] =>
    Array.from({ length: count }, (_, index) => {
      let jobOutcome: Outcome = 'success';
      if (outcome === 'failure' && (index === count - 1 || rng.chance(0.15))) jobOutcome = 'failure';
      else if (outcome !== 'failure' && outcome !== 'success') jobOutcome = outcome;
      else if (rng.chance(0.04)) jobOutcome = 'skipped';
      else if (rng.chance(0.03)) jobOutcome = 'cancelled';
      const name = index === 0 ? 'build' : index === 1 ? 'lint' : `test (shard ${index - 1}/${count - 2})`;
      const runner = rng.pick<RunnerKind>(['ubuntu', 'ubuntu', 'ubuntu', 'windows', 'macos', 'self-hosted']);
      return plan(nextGeneratedJobId++, name, jobOutcome, index === 1 ? SHORT_STEPS : WEB_STEPS, runner);
    });

  // --- Well-known runs -------------------------------------------------------------------------
  const known = createRng(seedFrom(seed, 1));

  const jobRun = newRun(KNOWN.jobRunId, 'octo-org/public-app', NOW - 3600, known);
  addAttempt(
    jobRun,
    [
      plan(111_495_700_020, 'build', 'success'),
      plan(111_495_700_021, 'lint', 'success', SHORT_STEPS),
      plan(111_495_700_022, 'test (ubuntu-latest, 18)', 'success'),
      plan(111_495_700_023, 'test (ubuntu-latest, 20)', 'success'),
      plan(111_495_700_024, 'test (windows-latest, 20)', 'success', WEB_STEPS, 'windows'),
      plan(111_495_700_025, 'test (macos-14, 20)', 'success', WEB_STEPS, 'macos'),
      plan(KNOWN.jobId, 'test (ubuntu-latest, 22)', 'failure'),
      plan(KNOWN.crlfLogJobId, 'package (windows)', 'success', WEB_STEPS, 'windows'),
      plan(111_495_700_028, 'deploy (production)', 'skipped', ['checkout', 'deploy']),
    ],
    known,
  );
  flavors.set(KNOWN.crlfLogJobId, 'crlf');

  const bigRun = newRun(KNOWN.bigRunId, 'octo-org/monorepo', NOW - 5400, known, 'Monorepo CI');
  addAttempt(
    bigRun,
    Array.from({ length: KNOWN.bigRunJobCount }, (_, index) =>
      plan(
        111_495_710_001 + index,
        `test (packages/pkg-${String(index + 1).padStart(3, '0')})`,
        index % 37 === 5 ? 'failure' : 'success',
        SHORT_STEPS.concat('test'),
        index % 10 === 0 ? 'self-hosted' : 'ubuntu',
      ),
    ),
    known,
  );

  const rerun = newRun(KNOWN.rerunRunId, 'octo-org/public-app', NOW - 9000, known);
  for (const attempt of [1, 2, 3]) {
    const id = (index: number): number => 111_495_720_000 + attempt * 10 + index;
    addAttempt(
      rerun,
      [
        plan(id(1), 'build', 'success'),
        plan(id(2), 'lint', 'success', SHORT_STEPS),
        plan(id(3), 'test (ubuntu-latest, 20)', attempt === 3 ? 'success' : 'failure'),
        plan(id(4), 'test (windows-latest, 20)', attempt === 1 ? 'failure' : 'success', WEB_STEPS, 'windows'),
      ],
      known,
    );
  }

  const inProgress = newRun(KNOWN.inProgressRunId, 'octo-org/public-app', NOW - 240, known, 'Deploy');
  addAttempt(
    inProgress,
    [
      plan(KNOWN.completedJobInProgressRunId, 'build', 'success'),
      { ...plan(KNOWN.inProgressJobId, 'test (ubuntu-latest, 20)', 'in_progress'), stopAt: 'test' },
      plan(KNOWN.queuedJobId, 'lint', 'queued', SHORT_STEPS),
      plan(KNOWN.waitingJobId, 'deploy (production)', 'waiting', ['checkout', 'deploy']),
    ],
    known,
  );

  const privateRun = newRun(KNOWN.privateRunId, 'octo-org/private-api', NOW - 7200, known);
  addAttempt(
    privateRun,
    [
      plan(KNOWN.privateJobId, 'build', 'success', WEB_STEPS, 'self-hosted'),
      plan(111_495_740_002, 'test', 'failure', WEB_STEPS, 'self-hosted'),
      plan(111_495_740_003, 'lint', 'success', SHORT_STEPS, 'self-hosted'),
    ],
    known,
  );

  // 100 days old: past the default 90-day log retention.
  const expired = newRun(KNOWN.expiredLogRunId, 'octo-org/public-app', NOW - 100 * 86_400, known);
  addAttempt(expired, [plan(KNOWN.expiredLogJobId, 'build', 'success'), plan(111_495_750_002, 'lint', 'success', SHORT_STEPS)], known);
  flavors.set(KNOWN.expiredLogJobId, 'expired');
  flavors.set(111_495_750_002, 'expired');

  const huge = newRun(KNOWN.hugeLogRunId, 'octo-org/monorepo', HUGE_LOG_JOB.createdAt, known, 'Nightly stress');
  addAttempt(huge, [plan(KNOWN.hugeLogJobId, HUGE_LOG_JOB.name, 'success', ['stress'])], known);
  const hugeJob = jobs.get(KNOWN.hugeLogJobId);
  if (hugeJob) {
    jobs.set(KNOWN.hugeLogJobId, {
      ...hugeJob,
      created_at: isoSeconds(HUGE_LOG_JOB.createdAt),
      started_at: isoSeconds(HUGE_LOG_JOB.startedAt),
      completed_at: isoSeconds(HUGE_LOG_JOB.completedAt),
      steps: HUGE_LOG_JOB.steps.map((step) => ({ ...step })),
    });
  }
  flavors.set(KNOWN.hugeLogJobId, 'huge');

  // --- Generated runs --------------------------------------------------------------------------
  const generated = createRng(seedFrom(seed, 2));
  const publicRepos = ['octo-org/public-app', 'octo-org/monorepo', 'acme/website'];
  const generatedCount = options.generatedRuns ?? 30;
  for (let index = 0; index < generatedCount + 3; index++) {
    const fullName = index < generatedCount ? publicRepos[index % publicRepos.length] ?? 'acme/website' : 'octo-org/private-api';
    const run = newRun(30_433_642_200 + index, fullName, NOW - 1200 * (index + 1) - generated.int(0, 300), generated);
    const count = generated.int(1, 30);
    const attempts = generated.chance(0.2) ? 2 : 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const outcome: Outcome = attempt < attempts || generated.chance(0.25) ? 'failure' : 'success';
      addAttempt(run, randomPlans(count, generated, outcome), generated);
    }
  }

  const jobsOfRun = (runId: number, attempt: number | 'latest' | 'all'): Job[] | undefined => {
    const run = runById.get(runId);
    if (!run) return undefined;
    const attempts = attempt === 'all' ? [...run.jobIdsByAttempt.keys()] : [attempt === 'latest' ? run.latestAttempt : attempt];
    if (attempts.some((number) => !run.jobIdsByAttempt.has(number))) return undefined;
    const ids = attempts.flatMap((number) => run.jobIdsByAttempt.get(number) ?? []).sort((a, b) => a - b);
    return ids.map((id) => jobs.get(id)).filter((job): job is Job => job !== undefined);
  };

  return {
    repos,
    runs,
    findRepo: (owner, name) => repoByKey.get(`${owner}/${name}`.toLowerCase()),
    getRun: (runId) => runById.get(runId),
    getJob: (jobId) => jobs.get(jobId),
    runOfJob: (jobId) => runById.get(runIdOfJob.get(jobId) ?? -1),
    jobsOfRun,
    get jobs() {
      return [...jobs.values()];
    },
    allJobs: () => [...jobs.values()],
    publicRunIds: () =>
      runs
        .filter((run) => !run.repo.private && run.id >= 30_433_642_200)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((run) => run.id),
    logFlavor: (jobId) => flavors.get(jobId) ?? 'normal',
    updateJob: (jobId, patch) => {
      const job = jobs.get(jobId);
      if (!job) throw new Error(`unknown job ${jobId}`);
      const updated = { ...job, ...patch, id: job.id, run_id: job.run_id };
      jobs.set(jobId, updated);
      return updated;
    },
    addRun: (spec) => {
      const rng = createRng(seedFrom(seed, nextAddedRunId));
      const run = newRun(nextAddedRunId++, repo(spec.repo).fullName, NOW - 60, rng, spec.workflowName ?? 'CI');
      if (spec.headBranch !== undefined) run.headBranch = spec.headBranch;
      const count = spec.jobCount ?? spec.jobs?.length ?? 3;
      const attempts = spec.attempts ?? 1;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        const made = addAttempt(run, randomPlans(count, rng, attempt < attempts ? 'failure' : spec.outcome ?? 'success'), rng);
        if (attempt === attempts) {
          spec.jobs?.forEach((patch, index) => {
            const job = made[index];
            if (job) jobs.set(job.id, { ...job, ...patch, id: job.id, run_id: job.run_id });
          });
        }
      }
      return run;
    },
  };
}
