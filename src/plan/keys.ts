import { isValidId, isValidOwner, isValidRepo } from '../github/names.ts';

/**
 * Names of what one request loads: a job, one list of jobs. The loaders key their caches with them, the
 * cursors carry the list's scope, and the cost estimate dedupes by the same names, so a lookup the
 * loaders answer once is counted once.
 */

export interface JobKey {
  owner: string;
  repo: string;
  jobId: number;
}

export interface JobListRef {
  owner: string;
  repo: string;
  runId: number;
  filter: 'latest' | 'all';
  /** When set, the attempt's own endpoint; `filter` does not apply there. */
  attempt: number | null;
}

export interface RunKey {
  owner: string;
  repo: string;
  runId: number;
}

/** Case-insensitive, like GitHub's owner/repo: `Octo-Org/App` and `octo-org/app` are one repository. */
export function repoKey({ owner, repo }: { owner: string; repo: string }): string {
  return `${owner.toLowerCase()}/${repo.toLowerCase()}`;
}

export function jobCacheKey({ owner, repo, jobId }: JobKey): string {
  return `${repoKey({ owner, repo })}/${jobId}`;
}

export function runCacheKey({ owner, repo, runId }: RunKey): string {
  return `${repoKey({ owner, repo })}/${runId}`;
}

/** Names one list for cursors and cache keys. */
export function listScope(list: JobListRef): string {
  const which = list.attempt !== null ? `attempt-${list.attempt}` : list.filter;
  return `${repoKey(list)}/${list.runId}/${which}`;
}

/** Whether (owner, repo, id) pass the argument rules, so a lookup with them reaches GitHub. */
export function isValidRef(owner: unknown, repo: unknown, id: unknown): id is number {
  return typeof owner === 'string' && typeof repo === 'string' && isValidOwner(owner) && isValidRepo(repo) && typeof id === 'number' && isValidId(id);
}
