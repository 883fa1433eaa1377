// A workflow run that progresses on the fake clock: its jobs start, their steps complete one by one,
// the jobs complete, one change every `stepMs`. Tests move the clock (FakeClock.advance) to step it;
// the demo lets real time do it. Each change patches one job, so only what changed gets a new ETag:
// that job, the lists holding it, and the run itself when the change was a job starting or completing
// (run-factory.ts' updated_at), never a sibling job.
import type { Dataset, Job, Run, Step } from './dataset.ts';
import { isoSeconds } from './job-factory.ts';
import { PENDING_STEP_STATUS } from './job-factory.ts';
import { COMPLETE_JOB, SET_UP_JOB, STEP_KINDS, type StepKindName } from './step-catalog.ts';

export interface LiveRunOptions {
  /** `owner/name`; octo-org/public-app by default. */
  repo?: string;
  /** Milliseconds between two changes; 20 s by default. */
  stepMs?: number;
  /** The last job's tests fail (and so the run) instead of passing. */
  fail?: boolean;
}

export interface LiveRun {
  readonly runId: number;
  /** In the order they run (one after the other). */
  readonly jobIds: readonly number[];
  /** Clock time (ms) of every change, ascending; the run was created at `startedAt`. */
  readonly startedAt: number;
  readonly changeTimes: readonly number[];
  /** Changes applied so far. */
  readonly applied: number;
  readonly completed: boolean;
  /** Applies every change due at `now` (clock ms). */
  sync(now: number): void;
}

interface JobPlan {
  name: string;
  steps: StepKindName[];
}

const PLANS: JobPlan[] = [
  { name: 'build', steps: ['checkout', 'install', 'build'] },
  { name: 'test', steps: ['checkout', 'install', 'test'] },
];

/** Where a job stands: `started` (or not yet), how many of its steps completed. */
interface JobProgress {
  startedAt: number | null;
  /** Clock seconds at which each completed step completed. */
  stepDone: number[];
  completedAt: number | null;
}

export function startLiveRun(dataset: Dataset, now: number, { repo = 'octo-org/public-app', stepMs = 20_000, fail = false }: LiveRunOptions = {}): LiveRun {
  const createdAt = Math.floor(now / 1000);
  const run: Run = dataset.addRun({ repo, jobCount: PLANS.length, outcome: 'queued', headBranch: 'main', createdAt });
  const jobIds = dataset.jobsOfRun(run.id, 'latest')?.map((job) => job.id) ?? [];
  const stepNames = PLANS.map((plan) => [SET_UP_JOB, ...plan.steps.map((kind) => STEP_KINDS[kind].name), COMPLETE_JOB]);
  const progress: JobProgress[] = PLANS.map(() => ({ startedAt: null, stepDone: [], completedAt: null }));

  // One change per tick: for each job in turn, it starts, then each of its steps completes; the
  // completion of its last step is the job's completion.
  const changes: Array<(at: number) => number> = [];
  PLANS.forEach((_plan, index) => {
    const state = progress[index] as JobProgress;
    changes.push((at) => ((state.startedAt = at), index));
    (stepNames[index] as string[]).forEach((_name, step) => {
      const last = step === (stepNames[index] as string[]).length - 1;
      changes.push((at) => {
        state.stepDone.push(at);
        if (last) state.completedAt = at;
        return index;
      });
    });
  });
  const changeTimes = changes.map((_change, index) => now + (index + 1) * stepMs);

  const render = (index: number): Partial<Job> => {
    const state = progress[index] as JobProgress;
    const names = stepNames[index] as string[];
    const failing = fail && index === PLANS.length - 1;
    const testStep = names.indexOf(STEP_KINDS.test.name);
    const steps: Step[] = names.map((name, number) => {
      const done = state.stepDone[number];
      const started = number === 0 ? state.startedAt : state.stepDone[number - 1];
      const stepNumber = name === COMPLETE_JOB ? 61 : number + 1;
      if (done !== undefined) {
        const conclusion = failing && number === testStep ? 'failure' : failing && number > testStep && name !== COMPLETE_JOB ? 'skipped' : 'success';
        return { name, number: stepNumber, status: 'completed', conclusion, started_at: isoSeconds(started ?? done), completed_at: isoSeconds(done) };
      }
      if (started != null && state.startedAt !== null) return { name, number: stepNumber, status: 'in_progress', conclusion: null, started_at: isoSeconds(started), completed_at: null };
      return { name, number: stepNumber, status: PENDING_STEP_STATUS, conclusion: null, started_at: null, completed_at: null };
    });
    if (state.startedAt === null) return { status: 'queued', conclusion: null, started_at: isoSeconds(createdAt), completed_at: null, steps: [] };
    return {
      status: state.completedAt === null ? 'in_progress' : 'completed',
      conclusion: state.completedAt === null ? null : failing ? 'failure' : 'success',
      started_at: isoSeconds(state.startedAt),
      completed_at: state.completedAt === null ? null : isoSeconds(state.completedAt),
      steps,
      runner_id: 1_000_100_000 + index,
      runner_name: `GitHub Actions ${1_000_100_000 + index}`,
      runner_group_id: 0,
      runner_group_name: 'GitHub Actions',
      labels: ['ubuntu-latest'],
    };
  };

  jobIds.forEach((jobId, index) => dataset.updateJob(jobId, { name: (PLANS[index] as JobPlan).name, created_at: isoSeconds(createdAt), ...render(index) }));

  let applied = 0;
  return {
    runId: run.id,
    jobIds,
    startedAt: now,
    changeTimes,
    get applied() {
      return applied;
    },
    get completed() {
      return applied === changes.length;
    },
    sync(at) {
      while (applied < changes.length && (changeTimes[applied] as number) <= at) {
        const index = (changes[applied] as (at: number) => number)(Math.floor((changeTimes[applied] as number) / 1000));
        applied += 1;
        dataset.updateJob(jobIds[index] as number, render(index));
      }
    },
  };
}
