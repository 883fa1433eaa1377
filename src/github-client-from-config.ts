import type { Config } from './config.ts';
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from './github/client.ts';

/**
 * The GitHub client the settings describe: base URL, API version, User-Agent, timeouts, retries,
 * concurrency. The app's client and the readiness probe's both come from here, each with its own
 * overrides (the probe: no cache, no retries, a short deadline), so a setting cannot reach one and miss
 * the other.
 */
export function githubClientFrom(config: Config, options: Pick<GitHubClientOptions, 'dispatcher'> & Partial<GitHubClientOptions>): GitHubClient {
  return createGitHubClient({
    baseUrl: config.githubApiUrl,
    apiVersion: config.githubApiVersion,
    userAgent: config.userAgent,
    headersTimeoutMs: config.githubHeadersTimeoutMs,
    bodyTimeoutMs: config.githubBodyTimeoutMs,
    deadlineMs: config.githubRequestDeadlineMs,
    retries: config.githubRetries,
    maxConcurrency: config.githubMaxConcurrency,
    cacheMaxAge: config.cacheMaxAge,
    shareInFlight: config.githubShareInFlight,
    ...options,
  });
}
