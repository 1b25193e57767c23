// Node liveness on a real redis-server with three monitors ("nodes"): a node whose
// heartbeat stops is found dead within TTL + one interval and recovered by exactly one
// survivor; a failed recovery is retried; a node that leaves cleanly is taken over at once.
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redisUnavailableReason, startTestRedis, type TestRedis } from '../testing/redis.js';
import { NodeMonitor } from './node-monitor.js';

const skipReason = redisUnavailableReason();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const HEARTBEAT_INTERVAL_MS = 100;
const HEARTBEAT_TTL_MS = 300;

describe.skipIf(skipReason !== null)(`NodeMonitor${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let redis: TestRedis;
  let testNumber = 0;
  const connections: Redis[] = [];
  const monitors: NodeMonitor[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterEach(async () => {
    for (const monitor of monitors.splice(0)) await monitor.close();
    for (const connection of connections.splice(0)) connection.disconnect();
  });
  afterAll(async () => {
    await redis?.close();
  });

  function monitorsOn(
    keyPrefix: string,
    names: string[],
    recover: (by: string, dead: string) => Promise<void>,
  ) {
    return names.map((name) => {
      const connection = new Redis(redis.url);
      connections.push(connection);
      const monitor = new NodeMonitor({
        redis: connection,
        instanceId: name,
        keyPrefix,
        heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
        heartbeatTtlMs: HEARTBEAT_TTL_MS,
        recover: (dead) => recover(name, dead),
        logger: pino({ level: 'silent' }),
      });
      monitors.push(monitor);
      return monitor;
    });
  }

  it('recovers a node whose heartbeat stopped once, within TTL + one interval', async () => {
    const keyPrefix = `${redis.keyPrefix}m${++testNumber}:`;
    const recovered: { by: string; dead: string; atMs: number }[] = [];
    const survivors = monitorsOn(keyPrefix, ['s1', 's2'], async (by, dead) => {
      recovered.push({ by, dead, atMs: Date.now() });
    });
    for (const monitor of survivors) await monitor.start();
    // A node that beat once and then went silent (as after kill -9).
    const admin = connections[0]!;
    await admin.set(`${keyPrefix}node:crashed`, '1', 'PX', HEARTBEAT_TTL_MS);
    await admin.sadd(`${keyPrefix}nodes`, 'crashed');
    const lastBeatMs = Date.now();
    const deadline = Date.now() + 3_000;
    while (recovered.length === 0 && Date.now() < deadline) await sleep(10);
    await sleep(5 * HEARTBEAT_INTERVAL_MS);
    expect(recovered.map((r) => r.dead)).toEqual(['crashed']);
    expect(recovered[0]!.atMs - lastBeatMs).toBeLessThan(HEARTBEAT_TTL_MS + 2 * HEARTBEAT_INTERVAL_MS);
    expect(await admin.smembers(`${keyPrefix}nodes`)).toEqual(expect.not.arrayContaining(['crashed']));
  });

  it('retries a recovery that failed, and takes over a node that left cleanly at once', async () => {
    const keyPrefix = `${redis.keyPrefix}m${++testNumber}:`;
    const recovered: string[] = [];
    let failures = 0;
    const [survivor, leaving] = monitorsOn(keyPrefix, ['survivor', 'leaving'], async (by, dead) => {
      if (by === 'survivor' && dead === 'ghost' && failures++ === 0) throw new Error('database away');
      recovered.push(`${by} recovered ${dead}`);
    });
    await connections[0]!.sadd(`${keyPrefix}nodes`, 'ghost');
    await survivor!.start();
    await leaving!.start();
    const deadline = Date.now() + 3_000;
    while (!recovered.some((r) => r.endsWith('recovered ghost')) && Date.now() < deadline) await sleep(10);
    expect(failures).toBe(1);

    await leaving!.close();
    monitors.splice(monitors.indexOf(leaving!), 1);
    const leftAtMs = Date.now();
    while (!recovered.includes('survivor recovered leaving') && Date.now() < leftAtMs + 3_000)
      await sleep(10);
    expect(Date.now() - leftAtMs).toBeLessThan(2 * HEARTBEAT_INTERVAL_MS + 50);
    expect(recovered.filter((r) => r.endsWith('ghost'))).toHaveLength(1);
  });

  it('judges instances named only by unfinished call rows after one TTL', async () => {
    const keyPrefix = `${redis.keyPrefix}m${++testNumber}:`;
    const recovered: { dead: string; atMs: number }[] = [];
    const [starting] = monitorsOn(keyPrefix, ['starting'], async (_by, dead) => {
      recovered.push({ dead, atMs: Date.now() });
    });
    // "alive-elsewhere" has rows too, and beats (late, as after a Redis restart) before the TTL is up.
    const startedAtMs = Date.now();
    await starting!.start(['from-rows', 'alive-elsewhere']);
    await connections[0]!.set(`${keyPrefix}node:alive-elsewhere`, '1', 'PX', 10_000);
    while (recovered.length === 0 && Date.now() - startedAtMs < 3_000) await sleep(10);
    await sleep(3 * HEARTBEAT_INTERVAL_MS);
    expect(recovered.map((r) => r.dead)).toEqual(['from-rows']);
    expect(recovered[0]!.atMs - startedAtMs).toBeGreaterThanOrEqual(HEARTBEAT_TTL_MS);
  });
});
