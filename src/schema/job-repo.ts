import type { GitHubJob } from '../github/types.ts';

/**
 * A job names its repository only inside its `url` (`…/repos/{owner}/{repo}/actions/jobs/{id}`, with
 * GitHub's canonical casing; on GHES the base has an /api/v3 prefix). Parsed, not re-mapped.
 */
export function jobRepo(job: GitHubJob): { owner: string; repo: string } {
  const match = /\/repos\/([^/]+)\/([^/]+)\/actions\//.exec(job.url) ?? /\/repos\/([^/]+)\/([^/]+)\/actions\//.exec(job.run_url);
  return { owner: decodeURIComponent(match?.[1] ?? ''), repo: decodeURIComponent(match?.[2] ?? '') };
}
