// The REST `workflow-run` object, rendered from the dataset at answer time so that it always agrees
// with the run's jobs: a run's status and conclusion follow its (latest or asked-for) attempt's jobs,
// and `updated_at` moves when a job of that attempt starts or completes (not when a step inside a job
// does), so a run's ETag changes exactly when the run changed.
import type { components } from '@octokit/openapi-types';
import { isoSeconds, type Job } from './job-factory.ts';
import type { Actor } from './run-meta.ts';

export type WorkflowRunJson = components['schemas']['workflow-run'];

/** The slice of a dataset Run this file needs (dataset.ts' Run satisfies it). */
export interface RunSource {
  id: number;
  repo: { id: number; owner: string; name: string; fullName: string; private: boolean };
  meta: {
    workflow: { id: number; name: string; path: string };
    event: string;
    actor: Actor;
    triggeringActor: Actor;
    displayTitle: string;
    headCommitMessage: string;
    checkSuiteId: number;
  };
  runNumber: number;
  headBranch: string | null;
  headSha: string;
  /** Epoch seconds. */
  createdAt: number;
  latestAttempt: number;
}

export interface RunState {
  status: 'queued' | 'in_progress' | 'completed' | 'waiting';
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | null;
}

/**
 * Completed when every job is; waiting when a job waits (for an environment's approval) and none runs;
 * queued while no job started; in progress otherwise. A failure anywhere fails the run; a cancelled job
 * cancels it; a run whose jobs were all skipped is skipped.
 */
export function runState(jobs: readonly Job[]): RunState {
  if (jobs.length > 0 && jobs.every((job) => job.status === 'completed')) {
    const conclusions = jobs.map((job) => job.conclusion);
    if (conclusions.some((c) => c === 'failure' || c === 'timed_out')) return { status: 'completed', conclusion: 'failure' };
    if (conclusions.includes('cancelled')) return { status: 'completed', conclusion: 'cancelled' };
    if (conclusions.every((c) => c === 'skipped')) return { status: 'completed', conclusion: 'skipped' };
    return { status: 'completed', conclusion: 'success' };
  }
  const running = jobs.some((job) => job.status === 'in_progress');
  if (!running && jobs.some((job) => job.status === 'waiting')) return { status: 'waiting', conclusion: null };
  if (!running && jobs.every((job) => job.status !== 'completed')) return { status: 'queued', conclusion: null };
  return { status: 'in_progress', conclusion: null };
}

/** When the attempt last changed as a run: a job was created, started or completed. Epoch seconds. */
function updatedAt(startedAt: number, jobs: readonly Job[]): number {
  let latest = startedAt;
  for (const job of jobs) {
    const changed = job.completed_at ?? (job.status === 'in_progress' ? job.started_at : job.created_at);
    if (changed) latest = Math.max(latest, Date.parse(changed) / 1000);
  }
  return latest;
}

/** Attempt n starts half an hour after attempt n-1 (as dataset.ts schedules their jobs). */
export function attemptStartedAt(run: RunSource, attempt: number): number {
  return run.createdAt + (attempt - 1) * 1800;
}

/** GitHub's `simple-user`, every required property. */
export function simpleUser(actor: Actor, webBase: string, apiBase: string) {
  // `dependabot[bot]`: brackets are not allowed in a URI, GitHub percent-encodes them.
  const api = `${apiBase}/users/${encodeURIComponent(actor.login)}`;
  return {
    login: actor.login,
    id: actor.id,
    node_id: `MDQ6VXNlcj${Buffer.from(String(actor.id)).toString('base64url')}`,
    avatar_url: `${webBase}/avatars/u/${actor.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${webBase}/${encodeURIComponent(actor.login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: actor.type,
    site_admin: false,
  };
}

const REPO_URLS: Array<[string, string]> = [
  ['archive_url', '/{archive_format}{/ref}'], ['assignees_url', '/assignees{/user}'], ['blobs_url', '/git/blobs{/sha}'],
  ['branches_url', '/branches{/branch}'], ['collaborators_url', '/collaborators{/collaborator}'], ['comments_url', '/comments{/number}'],
  ['commits_url', '/commits{/sha}'], ['compare_url', '/compare/{base}...{head}'], ['contents_url', '/contents/{+path}'],
  ['contributors_url', '/contributors'], ['deployments_url', '/deployments'], ['downloads_url', '/downloads'], ['events_url', '/events'],
  ['forks_url', '/forks'], ['git_commits_url', '/git/commits{/sha}'], ['git_refs_url', '/git/refs{/sha}'], ['git_tags_url', '/git/tags{/sha}'],
  ['hooks_url', '/hooks'], ['issue_comment_url', '/issues/comments{/number}'], ['issue_events_url', '/issues/events{/number}'],
  ['issues_url', '/issues{/number}'], ['keys_url', '/keys{/key_id}'], ['labels_url', '/labels{/name}'], ['languages_url', '/languages'],
  ['merges_url', '/merges'], ['milestones_url', '/milestones{/number}'], ['notifications_url', '/notifications{?since,all,participating}'],
  ['pulls_url', '/pulls{/number}'], ['releases_url', '/releases{/id}'], ['stargazers_url', '/stargazers'], ['statuses_url', '/statuses/{sha}'],
  ['subscribers_url', '/subscribers'], ['subscription_url', '/subscription'], ['tags_url', '/tags'], ['teams_url', '/teams'], ['trees_url', '/git/trees{/sha}'],
];

/** GitHub's `minimal-repository`, every required property. */
function minimalRepository(repo: RunSource['repo'], webBase: string, apiBase: string): components['schemas']['minimal-repository'] {
  const api = `${apiBase}/repos/${repo.fullName}`;
  const owner: Actor = { id: 9_919_000 + (repo.id % 1000), login: repo.owner, type: 'User' };
  return {
    id: repo.id,
    node_id: `R_kgDO${Buffer.from(String(repo.id)).toString('base64url')}`,
    name: repo.name,
    full_name: repo.fullName,
    owner: { ...simpleUser(owner, webBase, apiBase), type: 'Organization' },
    private: repo.private,
    html_url: `${webBase}/${repo.fullName}`,
    description: null,
    fork: false,
    url: api,
    // The 36 `*_url` templates; their names come from a table, so the type is asserted here.
    ...(Object.fromEntries(REPO_URLS.map(([key, suffix]) => [key, api + suffix])) as Record<string, string>),
  } as components['schemas']['minimal-repository'];
}

/** The run as GitHub serves it for `attempt` (the latest by default), URLs absolute against the caller's bases. */
export function renderRun(run: RunSource, attempt: number, jobs: readonly Job[], apiBase: string, webBase: string): WorkflowRunJson {
  const api = `${apiBase}/repos/${run.repo.fullName}/actions/runs/${run.id}`;
  const startedAt = attemptStartedAt(run, attempt);
  const state = runState(jobs);
  const repository = minimalRepository(run.repo, webBase, apiBase);
  const login = run.meta.actor.login.replace('[bot]', '');
  const committer = { name: run.meta.actor.login, email: `${run.meta.actor.id}+${login}@users.noreply.github.com` };
  return {
    id: run.id,
    name: run.meta.workflow.name,
    node_id: `WFR_kwLO${Buffer.from(`${run.repo.id}:${run.id}`).toString('base64url')}`,
    check_suite_id: run.meta.checkSuiteId,
    check_suite_node_id: `CS_kwDO${Buffer.from(String(run.meta.checkSuiteId)).toString('base64url')}`,
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.meta.workflow.path,
    run_number: run.runNumber,
    run_attempt: attempt,
    referenced_workflows: [],
    event: run.meta.event,
    status: state.status,
    conclusion: state.conclusion,
    workflow_id: run.meta.workflow.id,
    url: api,
    html_url: `${webBase}/${run.repo.fullName}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: isoSeconds(run.createdAt),
    updated_at: isoSeconds(updatedAt(startedAt, jobs)),
    actor: simpleUser(run.meta.actor, webBase, apiBase),
    triggering_actor: simpleUser(attempt === 1 ? run.meta.actor : run.meta.triggeringActor, webBase, apiBase),
    run_started_at: isoSeconds(startedAt),
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${apiBase}/repos/${run.repo.fullName}/check-suites/${run.meta.checkSuiteId}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: attempt > 1 ? `${api}/attempts/${attempt - 1}` : null,
    workflow_url: `${apiBase}/repos/${run.repo.fullName}/actions/workflows/${run.meta.workflow.id}`,
    head_commit: {
      id: run.headSha,
      tree_id: run.headSha.split('').reverse().join(''),
      message: run.meta.headCommitMessage,
      timestamp: isoSeconds(run.createdAt - 30),
      author: committer,
      committer,
    },
    repository,
    head_repository: repository,
    head_repository_id: run.repo.id,
    display_title: run.meta.displayTitle,
  };
}
