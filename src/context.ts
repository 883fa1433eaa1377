import type { YogaInitialContext } from 'graphql-yoga';
import type { Config } from './config.ts';
import type { CallOptions, GitHubClient } from './github/client.ts';
import { credentialFrom, type Credential } from './github/credentials.ts';
import type { LogStorageOptions } from './github/logs.ts';
import type { LivePoller } from './live/poller.ts';
import { createLogLoader, type LogLoader } from './log-loader.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import { requestInfo } from './request-info.ts';
import { RequestStats } from './request-stats.ts';

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
  stats: RequestStats;
}

export function createContextFactory({ config, client, storage, live }: { config: Config; client: GitHubClient; storage: LogStorageOptions; live: LivePoller }) {
  return (initial: YogaInitialContext): GatewayContext => {
    // A malformed Authorization header throws InvalidAuthorizationError: errors.ts makes it UNAUTHENTICATED.
    const credential = credentialFrom(initial.request.headers.get('authorization'), config.githubToken);
    const stats = new RequestStats();
    // The request id (x-request-id or a fresh one) goes upstream; the stats feed the request's log line.
    const info = requestInfo(initial.request);
    info.stats.push(stats);
    const tracked: GitHubClient = {
      baseUrl: client.baseUrl,
      getJson: (path, query, options) => stats.track(() => client.getJson(path, query, options)),
      getRedirect: (path, options) => stats.track(() => client.getRedirect(path, options)),
      latestRateLimit: (who) => client.latestRateLimit?.(who),
    };
    const call: CallOptions = { credential, signal: initial.request.signal, onUpstream: stats.record, requestId: info.id };
    const newLogLoader = () => createLogLoader({ client: tracked, call, storage, maxLogBytes: config.maxLogBytes });
    return {
      config,
      credential,
      github: { client: tracked, call },
      loaders: createLoaders({ client: tracked, call, batch: config.dataloader }),
      live,
      logs: newLogLoader(),
      newLogLoader,
      stats,
    };
  };
}
