// Builds one job object with exactly the 23 properties of GitHub's `job` schema, and the step
// list GitHub produces: "Set up job" first, main steps 1..N, post steps from 61 on (run in reverse
// order of their main steps, as the runner does), "Complete job" last.
import type { components } from '@octokit/openapi-types';
import type { Rng } from './prng.ts';
import { COMPLETE_JOB, POST_PREFIX, SET_UP_JOB, STEP_KINDS, type StepKindName } from './step-catalog.ts';

/**
 * The REST job. The fake only ever produces number ids (GitHub's are < 2^53, so JSON is exact).
 * In the dataset `url`, `run_url` and `check_run_url` hold paths relative to the API base, and
 * `html_url` a path relative to the web origin: the server makes them absolute when it answers,
 * because the same data is served under `/` and under GHES' `/api/v3` on a port picked at start.
 */
export type Job = components['schemas']['job'] & { id: number; run_id: number };
export type Step = NonNullable<Job['steps']>[number];
type StepStatus = Step['status'];

/**
 * GitHub sends step status "pending" for not-yet-started steps of a running job, although the
 * REST description's step enum lacks it (seen on real running jobs). The fake must send it; the cast is the
 * one place where the data is knowingly outside the official type.
 */
export const PENDING_STEP_STATUS = 'pending' as string as StepStatus;

export type Outcome = 'success' | 'failure' | 'cancelled' | 'skipped' | 'in_progress' | 'queued' | 'waiting';
export type RunnerKind = 'ubuntu' | 'windows' | 'macos' | 'self-hosted';

export interface JobSpec {
  id: number;
  runId: number;
  attempt: number;
  name: string;
  owner: string;
  repo: string;
  repoId: number;
  workflowName: string;
  headBranch: string | null;
  headSha: string;
  /** Epoch seconds. */
  createdAt: number;
  outcome: Outcome;
  runner: RunnerKind;
  /** Main steps, between "Set up job" and the post steps. */
  steps: readonly StepKindName[];
  /** The step that fails, is cancelled, or is running (for in_progress). Defaults to 'test' or the last step. */
  stopAt?: StepKindName;
  /** 'offset' writes step timestamps as `2026-07-26T08:55:18.000-07:00`, which GitHub has also sent. */
  stepTimestamps?: 'utc' | 'offset';
  rng: Rng;
}

export function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

function isoWithOffset(epochSeconds: number): string {
  return new Date((epochSeconds - 7 * 3600) * 1000).toISOString().replace('Z', '-07:00');
}

const DURATION_SECONDS: Record<StepKindName, [number, number]> = {
  checkout: [1, 4],
  setupNode: [2, 9],
  install: [8, 45],
  lint: [5, 30],
  build: [10, 90],
  test: [20, 240],
  upload: [1, 6],
  deploy: [15, 60],
  stress: [60, 600],
};

const RUNNERS: Record<RunnerKind, { labels: string[]; group: [number, string]; names: (n: number) => string }> = {
  ubuntu: { labels: ['ubuntu-latest'], group: [0, 'GitHub Actions'], names: (n) => `GitHub Actions ${n}` },
  windows: { labels: ['windows-latest'], group: [0, 'GitHub Actions'], names: (n) => `GitHub Actions ${n}` },
  macos: { labels: ['macos-14'], group: [0, 'GitHub Actions'], names: (n) => `GitHub Actions ${n}` },
  'self-hosted': {
    labels: ['self-hosted', 'linux', 'x64'],
    group: [1, 'Default'],
    names: (n) => `build-box-${String(n % 40).padStart(2, '0')}`,
  },
};

export function makeJob(spec: JobSpec): Job {
  const { rng } = spec;
  const runner = RUNNERS[spec.runner];
  const waitsForRunner = spec.outcome === 'queued' || spec.outcome === 'waiting' || spec.outcome === 'skipped';
  const startedAt = waitsForRunner ? spec.createdAt : spec.createdAt + rng.int(2, 25);
  const steps = waitsForRunner ? [] : makeSteps(spec, startedAt);
  const lastCompleted = steps.at(-1)?.completed_at;
  const runnerId = spec.runner === 'self-hosted' ? rng.int(17, 56) : rng.int(1_000_000_000, 1_000_999_999);
  const status: Job['status'] =
    spec.outcome === 'in_progress' || spec.outcome === 'queued' || spec.outcome === 'waiting' ? spec.outcome : 'completed';
  const completedAt =
    status !== 'completed' ? null : lastCompleted ? isoSeconds(Date.parse(lastCompleted) / 1000 + rng.int(0, 1)) : isoSeconds(startedAt);
  return {
    id: spec.id,
    run_id: spec.runId,
    workflow_name: spec.workflowName,
    head_branch: spec.headBranch,
    run_url: `/repos/${spec.owner}/${spec.repo}/actions/runs/${spec.runId}`,
    run_attempt: spec.attempt,
    node_id: `CR_kwDO${Buffer.from(`${spec.repoId}:${spec.id}`).toString('base64url')}`,
    head_sha: spec.headSha,
    url: `/repos/${spec.owner}/${spec.repo}/actions/jobs/${spec.id}`,
    html_url: `/${spec.owner}/${spec.repo}/actions/runs/${spec.runId}/job/${spec.id}`,
    status,
    conclusion: status === 'completed' ? conclusionOf(spec.outcome) : null,
    created_at: isoSeconds(spec.createdAt),
    // GitHub fills started_at with created_at while a job waits for a runner.
    started_at: isoSeconds(startedAt),
    completed_at: completedAt,
    name: spec.name,
    steps,
    check_run_url: `/repos/${spec.owner}/${spec.repo}/check-runs/${spec.id}`,
    labels: [...runner.labels],
    // Runner fields stay null until a runner picks the job up (and for jobs skipped by `if:`).
    runner_id: waitsForRunner ? null : runnerId,
    runner_name: waitsForRunner ? null : runner.names(runnerId),
    runner_group_id: waitsForRunner ? null : runner.group[0],
    runner_group_name: waitsForRunner ? null : runner.group[1],
  };
}

function conclusionOf(outcome: Outcome): Job['conclusion'] {
  if (outcome === 'failure' || outcome === 'cancelled' || outcome === 'skipped') return outcome;
  return 'success';
}

type StepState = 'success' | 'failure' | 'cancelled' | 'skipped' | 'running' | 'pending';

function makeSteps(spec: JobSpec, startedAt: number): Step[] {
  const { rng } = spec;
  const stamp = spec.stepTimestamps === 'offset' ? isoWithOffset : isoSeconds;
  const stopAt = spec.stopAt ?? (spec.steps.includes('test') ? 'test' : spec.steps.at(-1));
  const steps: Step[] = [];
  let clock = startedAt;
  // After a failure or cancellation GitHub still runs post steps and "Complete job";
  // in a running job everything after the current step is pending.
  let phase: 'before' | 'after' = 'before';
  const push = (name: string, number: number, state: StepState, duration: number): void => {
    if (state === 'pending') {
      steps.push({ name, status: PENDING_STEP_STATUS, conclusion: null, number, started_at: null, completed_at: null });
      return;
    }
    const start = clock;
    if (state === 'running') {
      steps.push({ name, status: 'in_progress', conclusion: null, number, started_at: stamp(start), completed_at: null });
      return;
    }
    // Skipped steps take no time: started_at == completed_at.
    const end = state === 'skipped' ? start : start + duration;
    clock = end;
    steps.push({ name, status: 'completed', conclusion: state, number, started_at: stamp(start), completed_at: stamp(end) });
  };
  const running = spec.outcome === 'in_progress';
  push(SET_UP_JOB, 1, 'success', rng.int(1, 3));
  const ran = new Set<StepKindName>();
  spec.steps.forEach((kind, index) => {
    const [min, max] = DURATION_SECONDS[kind];
    let state: StepState = 'success';
    if (phase === 'after') state = running ? 'pending' : 'skipped';
    else if (kind === stopAt && spec.outcome !== 'success') {
      state = running ? 'running' : spec.outcome === 'cancelled' ? 'cancelled' : 'failure';
      phase = 'after';
    }
    if (state !== 'skipped') ran.add(kind);
    push(STEP_KINDS[kind].name, index + 2, state, rng.int(min, max));
  });
  const after: StepState = running ? 'pending' : 'success';
  // Only actions whose main step ran get a post step.
  const posts = spec.steps.filter((kind) => ran.has(kind) && 'post' in STEP_KINDS[kind]).reverse();
  posts.forEach((kind, index) => push(`${POST_PREFIX}${STEP_KINDS[kind].name}`, 61 + index, after, rng.int(0, 2)));
  push(COMPLETE_JOB, 61 + posts.length, after, rng.int(0, 1));
  return steps;
}
