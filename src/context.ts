import type { YogaInitialContext } from 'graphql-yoga';
import type { Config } from './config.ts';
import type { CallOptions, GitHubClient } from './github/client.ts';
import { credentialFrom, fingerprintKeyFrom, type Credential } from './github/credentials.ts';
import { allowManyListeners } from './github/many-listeners.ts';
import type { LogStorageOptions } from './github/logs.ts';
import type { RateLimitSnapshot } from './github/rate-limit.ts';
import type { LivePoller } from './live/poller.ts';
import { createLogLoader, type LogLoader } from './loaders/log-loader.ts';
import { createLoaders, type Loaders } from './loaders/job-loaders.ts';
import { createNaiveLoaders } from './loaders/naive-loaders.ts';
import { accountOf, type RequestAccount } from './telemetry/request-account.ts';
import type { RequestStats } from './telemetry/request-stats.ts';
import { ByteBudget } from './logs/byte-budget.ts';
import { createLogHold } from './logs/log-hold.ts';

/** Everything a resolver may use, built fresh for each GraphQL request (and so for each caller). */
export interface GatewayContext {
  config: Config;
  credential: Credential;
  /** The client as this request sees it: every call tracked in `stats`. */
  github: { client: GitHubClient; call: CallOptions };
  /** Replaced by each poll's loaders in a subscription (src/live/live-stream.ts). */
  loaders: Loaders;
  /** The shared poller of live subscriptions (one per app). */
  live: LivePoller;
  /** Job logs: one download per job per request, however many log fields ask (log-loader.ts). */
  logs: LogLoader;
  /** A log loader of its own for a subscription's next poll: a job's log appears once the job completed. */
  newLogLoader(): LogLoader;
  /** This operation's upstream work (requests, cache hits, 304s, the rate limit seen; what is in flight). */
  stats: RequestStats;
  /** The HTTP request's account (telemetry/request-account.ts): id, estimate, response bytes, what runs at its end. */
  account: RequestAccount;
  /** The rate limit this request's calls saw, else the latest this caller saw in an earlier request. */
  rateLimitSeen(): RateLimitSnapshot | undefined;
}

export function createContextFactory({ config, client, storage, logMemory, live }: { config: Config; client: GitHubClient; storage: LogStorageOptions; logMemory: ByteBudget; live: LivePoller }) {
  const fingerprintKey = fingerprintKeyFrom(config.credentialKey);
  return (initial: YogaInitialContext): GatewayContext => {
    // A malformed Authorization header throws InvalidAuthorizationError: errors/translate.ts makes it UNAUTHENTICATED.
    const credential = credentialFrom(initial.request.headers.get('authorization'), config.githubToken, fingerprintKey);
    // The request id (x-request-id or a fresh one) goes upstream; the stats feed the request's log line.
    const account = accountOf(initial);
    const stats = account.openOperation();
    const tracked: GitHubClient = {
      baseUrl: client.baseUrl,
      getJson: (path, query, options) => stats.track(() => client.getJson(path, query, options)),
      getRedirect: (path, options) => stats.track(() => client.getRedirect(path, options)),
      latestRateLimit: (who) => client.latestRateLimit?.(who),
    };
    // Every upstream call and log-memory wait of this request listens to its signal: dozens at once is normal.
    allowManyListeners(initial.request.signal);
    const call: CallOptions = { credential, signal: initial.request.signal, onUpstream: stats.record, requestId: account.id };
    const hold = createLogHold({ processBudget: logMemory, requestBudget: new ByteBudget(config.maxRequestLogBytes), signal: initial.request.signal, maxWaitMs: config.githubRequestDeadlineMs });
    account.onEnd(() => hold.releaseAll());
    const newLogLoader = () => createLogLoader({ client: tracked, call, storage, maxLogBytes: config.maxLogBytes, hold, track: stats.track });
    return {
      config,
      credential,
      github: { client: tracked, call },
      loaders: (config.dataloader ? createLoaders : createNaiveLoaders)({ client: tracked, call }),
      live,
      logs: newLogLoader(),
      newLogLoader,
      stats,
      account,
      rateLimitSeen: () => stats.rateLimit ?? client.latestRateLimit?.(credential),
    };
  };
}
