import { ANONYMOUS } from '../github/credentials.ts';
import type { PollLeader } from '../live/poll-leader.ts';
import type { PollerCoordination } from './poller-coordination.ts';

/**
 * Subscriptions across replicas: the live poller's PollLeader (src/live/poll-leader.ts) on the Redis lease
 * of PollerCoordination. One replica per (credential, resource) and interval revalidates with GitHub; the
 * others read the answer it stored in the shared conditional cache, so N replicas watching a run cost one
 * request per interval. The poller's key already names the credential (its fingerprint), so the lease is
 * taken under that key alone; Redis down: every replica leads (the coordination says true), as one process would.
 */
export function sharedPollLeader(pollers: PollerCoordination): PollLeader {
  return { lead: (key, intervalMs) => pollers.claim(key, ANONYMOUS, intervalMs) };
}
