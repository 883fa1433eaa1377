import { isValidOwner, isValidRepo } from '../github/names.ts';
import { GitHubRequestError } from '../github/request-error.ts';
import type { GitHubJob } from '../github/types.ts';

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
