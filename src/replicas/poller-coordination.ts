import { randomUUID } from 'node:crypto';
import type { Credential } from '../github/credentials.ts';
import type { RedisLink } from './redis-link.ts';
import type { Sealer } from './sealed-entry.ts';

/**
 * The seam for subscriptions across replicas: subscribers of the same topic (a watched run) with the same
 * credential share one poller. The replica holding the lease polls GitHub and publishes what it found;
 * every replica hands what is published to its own subscribers. A poller that dies stops renewing its
 * lease and another replica's claim succeeds once it expires.
 *
 * Usage: every `intervalMs`, `if (await claim(topic, credential, 3 * intervalMs)) publish(topic, credential, await poll())`;
 * subscribers `subscribe(topic, credential, onPayload)`. Topics are the caller's own words (owner/repo/run id):
 * they are hashed into key names and never stored in the clear; payloads are sealed for the credential.
 */
export interface PollerCoordination {
  /** Claim or renew the right to poll `topic` for this credential for `ttlMs`. false: another replica polls it. */
  claim(topic: string, credential: Credential, ttlMs: number): Promise<boolean>;
  release(topic: string, credential: Credential): Promise<void>;
  /** Reaches this replica's subscribers at once and, through Redis, every other replica's. */
  publish(topic: string, credential: Credential, payload: string): Promise<void>;
  /** Payloads for this topic and credential, from whichever replica polls; returns the unsubscribe. */
  subscribe(topic: string, credential: Credential, onPayload: (payload: string) => void): () => void;
}

interface Subscriber {
  credential: Credential;
  onPayload: (payload: string) => void;
}

/** One process: it always polls itself; subscribers are fanned out in memory. */
export function createLocalPollerCoordination(): PollerCoordination {
  const fanOut = createFanOut();
  return {
    claim: async () => true,
    release: async () => {},
    publish: async (topic, credential, payload) => fanOut.deliver(`${credential.fingerprint} ${topic}`, payload),
    subscribe: (topic, credential, onPayload) => fanOut.add(`${credential.fingerprint} ${topic}`, { credential, onPayload }).remove,
  };
}

// SET NX PX, or PEXPIRE when this replica already holds it: atomic, so two replicas never both hold a lease.
const CLAIM = `if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

export interface RedisPollerCoordinationOptions {
  link: RedisLink;
  sealer: Sealer;
  name: (kind: string, name: string) => string;
}

/**
 * Through Redis: a lease key per (credential, topic) and a pub/sub channel per (credential, topic). With
 * Redis away every replica polls for itself (claim answers true): more calls, never a silent subscriber.
 */
export function createRedisPollerCoordination({ link, sealer, name }: RedisPollerCoordinationOptions): PollerCoordination {
  const replica = randomUUID();
  const fanOut = createFanOut();
  const lease = (topic: string, credential: Credential) => name('lease', `${credential.fingerprint} ${topic}`);
  const channelOf = (topic: string, credential: Credential) => name('chan', `${credential.fingerprint} ${topic}`);
  const channels = link.channels((channel, message) => {
    for (const subscriber of fanOut.subscribers(channel)) {
      const opened = sealer.open(subscriber.credential, channel, message);
      if (opened === undefined) continue;
      const { origin, payload } = JSON.parse(opened) as { origin: string; payload: string };
      // This replica's own publications were delivered in memory already.
      if (origin !== replica) subscriber.onPayload(payload);
    }
  });

  return {
    async claim(topic, credential, ttlMs) {
      const held = await link.run('claim', (redis) => redis.eval(CLAIM, 1, lease(topic, credential), replica, String(ttlMs)));
      return held === undefined ? true : held === 1;
    },
    async release(topic, credential) {
      await link.run('release', (redis) => redis.eval(RELEASE, 1, lease(topic, credential), replica));
    },
    async publish(topic, credential, payload) {
      const channel = channelOf(topic, credential);
      fanOut.deliver(channel, payload);
      const sealed = sealer.seal(credential, channel, JSON.stringify({ origin: replica, payload }));
      await link.run('publish', (redis) => redis.publish(channel, sealed));
    },
    subscribe(topic, credential, onPayload) {
      const channel = channelOf(topic, credential);
      const { first, remove } = fanOut.add(channel, { credential, onPayload });
      if (first) channels.subscribe(channel);
      return () => {
        if (remove()) channels.unsubscribe(channel);
      };
    },
  };
}

function createFanOut() {
  const byChannel = new Map<string, Set<Subscriber>>();
  return {
    subscribers: (channel: string): Subscriber[] => [...(byChannel.get(channel) ?? [])],
    deliver(channel: string, payload: string) {
      for (const subscriber of byChannel.get(channel) ?? []) subscriber.onPayload(payload);
    },
    /** `first`: the channel had no subscriber before; `remove()` answers whether it has none left. */
    add(channel: string, subscriber: Subscriber) {
      const set = byChannel.get(channel) ?? new Set<Subscriber>();
      const first = set.size === 0;
      set.add(subscriber);
      byChannel.set(channel, set);
      return {
        first,
        remove: () => {
          set.delete(subscriber);
          if (set.size > 0) return false;
          byChannel.delete(channel);
          return true;
        },
      };
    },
  };
}
