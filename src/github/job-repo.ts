import { isValidOwner, isValidRepo } from './names.ts';
import { GitHubRequestError } from './request-error.ts';
import type { GitHubJob } from './types.ts';

/**
 * A job names its repository only inside its `url` (`…/repos/{owner}/{repo}/actions/jobs/{id}`, with
 * GitHub's canonical casing; on GHES the base has an /api/v3 prefix). Parsed, not re-mapped.
 * The names go into later REST paths (the job's run, its logs) with the caller's token, so they pass the
 * same rules as a caller's arguments: a body naming `..%2F..` or no repository at all is UPSTREAM_ERROR.
 */
export function jobRepo(job: GitHubJob): { owner: string; repo: string } {
  const match = /\/repos\/([^/]+)\/([^/]+)\/actions\//.exec(job.url) ?? /\/repos\/([^/]+)\/([^/]+)\/actions\//.exec(job.run_url);
  const owner = safeDecode(match?.[1]);
  const repo = safeDecode(match?.[2]);
  if (owner === undefined || repo === undefined || !isValidOwner(owner) || !isValidRepo(repo)) {
    throw new GitHubRequestError({ kind: 'bad_body', method: 'GET', path: `/actions/jobs/${Number(job.id) || 0}`, message: 'GitHub sent a job whose url names no valid repository' });
  }
  return { owner, repo };
}

function safeDecode(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * A job body must be the job that was asked for: the same id, in the same repository (names compared
 * case-insensitively, as GitHub does), and, in a list, of the same run. A body that names something else
 * (a compromised upstream, a proxy mixing answers) would put one repository's data under another's
 * name: UPSTREAM_ERROR, never data.
 */
export function checkJobIdentity(job: GitHubJob, expected: { owner: string; repo: string; jobId?: number; runId?: number }, path: string): GitHubJob {
  const { owner, repo } = jobRepo(job);
  const sameRepo = owner.toLowerCase() === expected.owner.toLowerCase() && repo.toLowerCase() === expected.repo.toLowerCase();
  const sameJob = expected.jobId === undefined || job.id === expected.jobId;
  const sameRun = expected.runId === undefined || job.run_id === expected.runId;
  if (!sameRepo || !sameJob || !sameRun) {
    throw new GitHubRequestError({ kind: 'bad_body', method: 'GET', path, message: 'GitHub sent a job other than the one asked for' });
  }
  return job;
}
