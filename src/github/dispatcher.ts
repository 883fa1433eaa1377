import { Agent, type Dispatcher } from 'undici';

export interface DispatcherConfig {
  /** TCP + TLS handshake limit for a new pooled connection. */
  githubConnectTimeoutMs: number;
  /** Sockets per upstream origin. */
  githubPoolConnections?: number;
}

/**
 * One keep-alive pool per upstream origin (undici's Agent keeps a Pool per origin): the API host and the
 * log storage host each get their own, and a GraphQL request reuses warm connections instead of paying a
 * TLS handshake per REST call. 50 sockets stays well under GitHub's 100-concurrent secondary limit.
 */
export function createDispatcher({ githubConnectTimeoutMs, githubPoolConnections = 50 }: DispatcherConfig): Dispatcher {
  return new Agent({
    connections: githubPoolConnections,
    // No pipelining: one slow answer must not hold up the ones queued behind it on the same socket.
    pipelining: 1,
    // GitHub's edge keeps idle connections for about a minute; close ours a little before it does.
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
    connect: { timeout: githubConnectTimeoutMs },
  });
}
