import type { CallOptions, GitHubClient } from './client.ts';
import { GitHubRequestError } from './request-error.ts';
import { expandRoute } from './routes.ts';
import type { RateLimitSnapshot } from './rate-limit.ts';

interface RateLimitBody {
  resources: { core: { limit: number; remaining: number; used: number; reset: number; resource?: string } };
}

/**
 * rate-limit/get: free (it does not count against the limit). GHES with rate limiting off answers 404;
 * that is "no limit", so undefined rather than an error.
 */
export async function getRateLimitStatus(client: GitHubClient, options: CallOptions): Promise<RateLimitSnapshot | undefined> {
  try {
    const { data } = await client.getJson<RateLimitBody>(expandRoute('getRateLimit', {}), undefined, options);
    const core = data.resources?.core;
    if (!core) return undefined;
    return { limit: core.limit, remaining: core.remaining, used: core.used, resetAt: new Date(core.reset * 1000), resource: core.resource ?? 'core' };
  } catch (error) {
    if (error instanceof GitHubRequestError && error.kind === 'http' && error.status === 404) return undefined;
    throw error;
  }
}
