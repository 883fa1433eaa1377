import type { RateLimitSnapshot } from '../github/rate-limit.ts';
import { getRateLimitStatus } from '../github/rate-limit-status.ts';
import { declareCost } from '../plan/cost.ts';
import { builder } from './builder.ts';

const RateLimitRef = builder.objectRef<RateLimitSnapshot>('RateLimit');

RateLimitRef.implement({
  description: "GitHub's primary rate limit for the caller's credential.",
  fields: (t) => ({
    limit: t.exposeInt('limit'),
    remaining: t.exposeInt('remaining'),
    used: t.exposeInt('used'),
    resetAt: t.field({ type: 'DateTime', resolve: (limit) => limit.resetAt }),
    resource: t.exposeString('resource'),
  }),
});

builder.queryField('rateLimit', (t) =>
  t.field({
    type: RateLimitRef,
    nullable: true,
    description:
      'From the x-ratelimit-* headers the calls of this request saw (after they finish); if it made none, the latest this caller saw in an earlier request; else from GET /rate_limit, which is free. Null where GitHub has no limit (GHES default).',
    resolve: async (_root, _args, ctx) => {
      await ctx.stats.whenIdle();
      return ctx.rateLimitSeen() ?? (await getRateLimitStatus(ctx.github.client, ctx.github.call)) ?? null;
    },
  }),
);

// At most one GET /rate_limit (free of rate-limit points, but a call), and only when nothing else told the limit.
declareCost('Query.rateLimit', () => ({ demands: [{ key: 'rateLimit', calls: 1 }] }));
