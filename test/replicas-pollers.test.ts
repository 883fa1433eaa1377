// The seam subscriptions use to poll a watched run once across replicas: a lease decides who polls, a
// channel carries what it found to every replica's subscribers with the same credential, sealed for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKENS } from '../fake-github/index.ts';
import { credentialFrom } from '../src/github/credentials.ts';
import { createRedisPollerCoordination, type PollerCoordination } from '../src/replicas/poller-coordination.ts';
import { createRedisLink, type RedisLink } from '../src/replicas/redis-link.ts';
import { createKeyNamer, createSealer } from '../src/replicas/sealed-entry.ts';
import { sharedPollLeader } from '../src/replicas/shared-poll-leader.ts';
import { hasRedisServer, startRedis, type TestRedis } from './support/redis-server.ts';

const CREDENTIAL_KEY = 'test-credential-key-0123456789abcdef0123456789';
const TOPIC = 'octo-org/private-api/runs/30433642105';

describe.skipIf(!hasRedisServer)('poller coordination through Redis', () => {
  let redis: TestRedis;
  const links: RedisLink[] = [];
  let a: PollerCoordination;
  let b: PollerCoordination;
  const full = () => credentialFrom(`Bearer ${TOKENS.full}`, undefined);

  beforeAll(async () => {
    redis = await startRedis();
    [a, b] = [0, 1].map(() => {
      const link = createRedisLink({ url: redis.url, commandTimeoutMs: 500, logger: { warn() {} } });
      links.push(link);
      return createRedisPollerCoordination({ link, sealer: createSealer(CREDENTIAL_KEY), name: createKeyNamer(CREDENTIAL_KEY, 'ajg:') });
    }) as [PollerCoordination, PollerCoordination];
    await until(() => links.every((link) => link.status().state === 'up'));
  });
  afterAll(async () => {
    for (const link of links) link.close();
    await redis?.close();
  });

  it('lets one replica hold the lease per credential and topic, renew it, and hand it over on release', async () => {
    expect(await a.claim(TOPIC, full(), 30_000)).toBe(true);
    expect(await b.claim(TOPIC, full(), 30_000)).toBe(false);
    expect(await a.claim(TOPIC, full(), 30_000)).toBe(true);
    // Another credential watching the same run is polled on its own (it may see less).
    expect(await b.claim(TOPIC, credentialFrom(`Bearer ${TOKENS.publicOnly}`, undefined), 30_000)).toBe(true);
    await a.release(TOPIC, full());
    expect(await b.claim(TOPIC, full(), 30_000)).toBe(true);
    expect(await a.claim(TOPIC, full(), 30_000)).toBe(false);
  });

  it("gives the live poller one leader per watched resource and interval across replicas (the app wires it with REDIS_URL)", async () => {
    const [leaderA, leaderB] = [sharedPollLeader(a), sharedPollLeader(b)];
    const key = 'fingerprint-of-a-token run octo-org/public-app/30433642104';
    const first = await Promise.all([leaderA.lead(key, 60_000), leaderB.lead(key, 60_000)]);
    expect(first.filter(Boolean)).toHaveLength(1);
    // The holder keeps leading while its lease lasts; the other keeps reading the shared cache.
    const holder = first[0] ? leaderA : leaderB;
    const other = first[0] ? leaderB : leaderA;
    expect(await holder.lead(key, 60_000)).toBe(true);
    expect(await other.lead(key, 60_000)).toBe(false);
    // Another resource (or another credential's key) has a leader of its own.
    expect(await other.lead(`${key}-other`, 60_000)).toBe(true);
  });

  it("delivers the poller's results to every replica's subscribers with that credential, once each, and to no other credential", async () => {
    const onA: string[] = [];
    const onB: string[] = [];
    const stranger: string[] = [];
    const stopA = a.subscribe(TOPIC, full(), (payload) => onA.push(payload));
    const stopB = b.subscribe(TOPIC, full(), (payload) => onB.push(payload));
    const stopStranger = b.subscribe(TOPIC, credentialFrom(`Bearer ${TOKENS.publicOnly}`, undefined), (payload) => stranger.push(payload));
    await until(async () => ((await redis.inspect.call('PUBSUB', 'CHANNELS')) as string[]).length === 2);

    await a.publish(TOPIC, full(), '{"jobs":["private build"]}');
    await until(() => onB.length === 1);
    expect(onA).toEqual(['{"jobs":["private build"]}']);
    expect(onB).toEqual(['{"jobs":["private build"]}']);
    expect(stranger).toEqual([]);
    const channels = (await redis.inspect.call('PUBSUB', 'CHANNELS')) as string[];
    for (const channel of channels) expect(channel).toMatch(/^ajg:chan:[A-Za-z0-9_-]{43}$/);
    for (const stop of [stopA, stopB, stopStranger]) stop();
  });
});

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not reached');
}
