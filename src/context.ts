import type { YogaInitialContext } from 'graphql-yoga';
import type { Config } from './config.ts';
import type { CallOptions, GitHubClient } from './github/client.ts';
import { credentialFrom, fingerprintKeyFrom, type Credential } from './github/credentials.ts';
import type { LogStorageOptions } from './github/logs.ts';
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
  loaders: Loaders;
  /** Job logs: one download per job per request, however many log fields ask (log-loader.ts). */
  logs: LogLoader;
  stats: RequestStats;
}

export function createContextFactory({ config, client, storage }: { config: Config; client: GitHubClient; storage: LogStorageOptions }) {
  const fingerprintKey = fingerprintKeyFrom(config.credentialKey);
  return (initial: YogaInitialContext): GatewayContext => {
    // A malformed Authorization header throws InvalidAuthorizationError: errors.ts makes it UNAUTHENTICATED.
    const credential = credentialFrom(initial.request.headers.get('authorization'), config.githubToken, fingerprintKey);
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
    return {
      config,
      credential,
      github: { client: tracked, call },
      loaders: createLoaders({ client: tracked, call, batch: config.dataloader }),
      logs: createLogLoader({ client: tracked, call, storage, maxLogBytes: config.maxLogBytes }),
      stats,
    };
  };
}
