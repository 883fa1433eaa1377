/**
 * Who polls GitHub for one (credential, resource) in one interval. Within a process the poller already
 * shares one poll among all its subscribers; across replicas a shared implementation (Redis: a lease per
 * key and interval, `SET key NX PX intervalMs`) lets one replica revalidate with GitHub while the others
 * read the answer it stored in the shared conditional-request cache store, so N replicas cost one
 * request per interval too.
 */
export interface PollLeader {
  /**
   * true: this process revalidates with GitHub now (If-None-Match, fresh answer guaranteed);
   * false: another replica did for this interval, so the stored answer (shared cache) is good enough.
   */
  lead(key: string, intervalMs: number): Promise<boolean>;
}

/** A single process always leads. */
export const singleProcessLeader: PollLeader = {
  lead: async () => true,
};
