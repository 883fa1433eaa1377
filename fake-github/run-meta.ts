// What a workflow run carries beyond its jobs: the workflow it belongs to, the event that triggered
// it, who did, its number and title. Spread over the data so that the list filters of
// GET …/actions/runs (workflow, branch, event, actor, status, created) select real, non-trivial subsets.
import type { Rng } from './prng.ts';

export interface Workflow {
  id: number;
  name: string;
  /** `.github/workflows/ci.yml`: its file name is what `…/workflows/{workflow_id}/runs` also accepts. */
  path: string;
}

export interface Actor {
  id: number;
  login: string;
  type: 'User' | 'Bot';
}

export type RunEvent = 'push' | 'pull_request' | 'schedule' | 'workflow_dispatch';

export interface RunMeta {
  workflow: Workflow;
  event: RunEvent;
  actor: Actor;
  /** Who started the latest attempt: the actor, or whoever re-ran it (dataset.ts sets it per attempt). */
  triggeringActor: Actor;
  displayTitle: string;
  headCommitMessage: string;
  checkSuiteId: number;
}

export const ACTORS: Actor[] = [
  { id: 583_231, login: 'octocat', type: 'User' },
  { id: 2_918_581, login: 'monalisa', type: 'User' },
  { id: 7_012_345, login: 'hubot', type: 'User' },
  { id: 49_699_333, login: 'dependabot[bot]', type: 'Bot' },
];

const workflow = (id: number, name: string, file: string): Workflow => ({ id, name, path: `.github/workflows/${file}` });

/** Workflows per repository (lowercase full name); the first is the one runs default to. */
export const WORKFLOWS: Record<string, Workflow[]> = {
  'octo-org/public-app': [workflow(61_234_001, 'CI', 'ci.yml'), workflow(61_234_002, 'Deploy', 'deploy.yml'), workflow(61_234_003, 'CodeQL', 'codeql.yml')],
  'octo-org/private-api': [workflow(61_234_011, 'CI', 'ci.yml')],
  'octo-org/monorepo': [workflow(61_234_021, 'Monorepo CI', 'ci.yml'), workflow(61_234_022, 'Nightly stress', 'nightly.yml'), workflow(61_234_023, 'Release', 'release.yml')],
  'acme/website': [workflow(61_234_031, 'CI', 'ci.yml'), workflow(61_234_032, 'Deploy', 'deploy.yml')],
};

export function workflowsOf(fullName: string): Workflow[] {
  return WORKFLOWS[fullName.toLowerCase()] ?? [];
}

/** The workflow of that name in the repository (its first workflow when the name is unknown). */
export function workflowNamed(fullName: string, name: string): Workflow {
  const all = workflowsOf(fullName);
  const found = all.find((candidate) => candidate.name === name) ?? all[0];
  if (!found) throw new Error(`no workflows for ${fullName}`);
  return found;
}

const COMMITS = [
  'Cache npm downloads between jobs',
  'Fix flaky retry test on Windows',
  'Bump undici from 7.0.0 to 7.1.0',
  'Add dark mode to the dashboard',
  'Split the test suite into shards',
  'Release v2.4.0',
];

/**
 * A run's metadata from its workflow and branch: dependabot branches are pull requests by the bot,
 * feature branches pull requests by people, schedules and dispatches belong to their workflows.
 */
export function makeRunMeta(rng: Rng, workflowOfRun: Workflow, headBranch: string | null): RunMeta {
  const bot = ACTORS[3] as Actor;
  const people = ACTORS.slice(0, 3);
  const headCommitMessage = headBranch?.startsWith('dependabot/') ? (COMMITS[2] as string) : rng.pick(COMMITS);
  let event: RunEvent = 'push';
  let actor = rng.pick(people);
  if (headBranch?.startsWith('dependabot/')) {
    event = 'pull_request';
    actor = bot;
  } else if (/nightly/i.test(workflowOfRun.name)) event = 'schedule';
  else if (/deploy|release/i.test(workflowOfRun.name)) event = 'workflow_dispatch';
  else if (headBranch !== 'main' && headBranch !== null) event = 'pull_request';
  const displayTitle = event === 'schedule' || event === 'workflow_dispatch' ? workflowOfRun.name : headCommitMessage;
  return { workflow: workflowOfRun, event, actor, triggeringActor: actor, displayTitle, headCommitMessage, checkSuiteId: rng.int(20_000_000_000, 29_999_999_999) };
}
