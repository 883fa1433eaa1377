import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.ts';
import type { RateLimitSnapshot } from '../github/rate-limit.ts';

export interface GitHubStatsExtension {
  requests: number;
  cacheHits: number;
  notModified: number;
  rateLimit: { limit: number; remaining: number; used: number; resetAt: string; resource: string } | null;
}

/**
 * Puts what a GraphQL request cost upstream into `extensions.github`, so a client can watch its own
 * rate-limit spend per query (GitHub's GraphQL API offers `rateLimit { cost }` for the same reason).
 * The rate limit is the one this request saw, else the latest seen for this caller, else null.
 */
export function useGitHubStats(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          // Incremental delivery (@defer/@stream) has no single result to annotate.
          if (!('data' in result || 'errors' in result)) return;
          const context = args.contextValue as Partial<GatewayContext>;
          if (!context.stats || !context.rateLimitSeen) return;
          setResult({ ...result, extensions: { ...result.extensions, github: githubStats(context as GatewayContext) } });
        },
      };
    },
  };
}

export function githubStats({ stats, rateLimitSeen }: Pick<GatewayContext, 'stats' | 'rateLimitSeen'>): GitHubStatsExtension {
  const rateLimit = rateLimitSeen();
  return { requests: stats.requests, cacheHits: stats.cacheHits, notModified: stats.notModified, rateLimit: rateLimit ? serialize(rateLimit) : null };
}

function serialize(snapshot: RateLimitSnapshot): NonNullable<GitHubStatsExtension['rateLimit']> {
  return { limit: snapshot.limit, remaining: snapshot.remaining, used: snapshot.used, resetAt: snapshot.resetAt.toISOString(), resource: snapshot.resource };
}
