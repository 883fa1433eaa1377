import { gatewayError } from '../errors/translate.ts';
import type { CallOptions, GitHubClient } from '../github/client.ts';
import type { Credential } from '../github/credentials.ts';
import { createLoaders, type Loaders } from '../loaders/job-loaders.ts';
import { singleProcessLeader, type PollLeader } from './poll-leader.ts';

/**
 * One poll per (credential, resource) per interval, however many subscriptions watch it: each interval,
 * the group gets fresh per-poll loaders (revalidating with If-None-Match, so an unchanged answer is a
 * 304 that costs no rate-limit point) and hands the same loaders to every subscriber of the group; the
 * loaders dedupe, so N subscribers selecting the same thing cost one request. Groups are keyed by the
 * credential's fingerprint: different credentials never share an answer.
 */
export interface LivePollerOptions {
  client: GitHubClient;
  intervalMs: number;
  maxPerCredential: number;
  leader?: PollLeader;
}

/** One subscriber's view of its group's polls. */
export interface LiveWatch {
  /** The loaders of the next poll; undefined once closed. */
  next(): Promise<Loaders | undefined>;
  close(): void;
}

export interface LivePoller {
  /** Joins the group for (credential, resource); throws TOO_MANY_SUBSCRIPTIONS over the per-credential cap. */
  watch(credential: Credential, resource: string): LiveWatch;
  /** Groups polling right now (one per credential and resource). */
  readonly groups: number;
  close(): void;
}

interface Subscriber {
  pending: Loaders | undefined;
  wake: ((loaders: Loaders | undefined) => void) | undefined;
  closed: boolean;
}

interface Group {
  credential: Credential;
  subscribers: Set<Subscriber>;
  timer: NodeJS.Timeout;
}

export function createLivePoller({ client, intervalMs, maxPerCredential, leader = singleProcessLeader }: LivePollerOptions): LivePoller {
  const groups = new Map<string, Group>();
  const perCredential = new Map<string, number>();

  const deliver = (subscriber: Subscriber, loaders: Loaders | undefined): void => {
    if (subscriber.wake) {
      const wake = subscriber.wake;
      subscriber.wake = undefined;
      wake(loaders);
    } else {
      // A subscriber still busy with the previous poll gets only the latest one.
      subscriber.pending = loaders;
    }
  };

  const poll = async (key: string, group: Group): Promise<void> => {
    const revalidate = await leader.lead(key, intervalMs).catch(() => true);
    const call: CallOptions = { credential: group.credential, revalidate };
    const loaders = createLoaders({ client, call });
    for (const subscriber of group.subscribers) deliver(subscriber, loaders);
  };

  const leave = (key: string, group: Group, subscriber: Subscriber): void => {
    if (subscriber.closed) return;
    subscriber.closed = true;
    deliver(subscriber, undefined);
    group.subscribers.delete(subscriber);
    const count = (perCredential.get(group.credential.fingerprint) ?? 1) - 1;
    if (count > 0) perCredential.set(group.credential.fingerprint, count);
    else perCredential.delete(group.credential.fingerprint);
    if (group.subscribers.size === 0) {
      clearInterval(group.timer);
      groups.delete(key);
    }
  };

  return {
    watch(credential, resource) {
      const held = perCredential.get(credential.fingerprint) ?? 0;
      if (held >= maxPerCredential) {
        throw gatewayError('TOO_MANY_SUBSCRIPTIONS', `This credential already holds ${held} subscriptions; the limit is ${maxPerCredential}`, { limit: maxPerCredential });
      }
      perCredential.set(credential.fingerprint, held + 1);
      const key = `${credential.fingerprint} ${resource}`;
      let group = groups.get(key);
      if (!group) {
        const created: Group = { credential, subscribers: new Set(), timer: setInterval(() => void poll(key, created), intervalMs) };
        created.timer.unref();
        groups.set(key, created);
        group = created;
      }
      const subscriber: Subscriber = { pending: undefined, wake: undefined, closed: false };
      group.subscribers.add(subscriber);
      const joined = group;
      return {
        next: () => {
          if (subscriber.closed) return Promise.resolve(undefined);
          if (subscriber.pending) {
            const loaders = subscriber.pending;
            subscriber.pending = undefined;
            return Promise.resolve(loaders);
          }
          return new Promise((resolve) => {
            subscriber.wake = resolve;
          });
        },
        close: () => leave(key, joined, subscriber),
      };
    },
    get groups() {
      return groups.size;
    },
    close() {
      for (const [key, group] of groups) for (const subscriber of [...group.subscribers]) leave(key, group, subscriber);
    },
  };
}
