// The Redis router as two nodes share it, on a real redis-server: an offer reaches the
// node holding the chosen agent's socket wherever the call was queued; the longest-idle
// agent wins across nodes; ring timeout and queue abandon fire once although every node
// sweeps; concurrent calls never double-book an agent; a dead node's seats and calls are
// taken over.
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redisUnavailableReason, startTestRedis, type TestRedis } from '../testing/redis.js';
import { RedisRouter } from './redis-router.js';
import type { RouterEvents } from './routing.js';

const skipReason = redisUnavailableReason();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadlineMs = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadlineMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

interface TestNode {
  router: RedisRouter;
  log: string[];
}

describe.skipIf(skipReason !== null)(
  `RedisRouter on two nodes${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let redis: TestRedis;
    let testNumber = 0;
    const connections: Redis[] = [];
    const routers: RedisRouter[] = [];

    beforeAll(async () => {
      redis = await startTestRedis();
    });
    afterEach(() => {
      for (const router of routers.splice(0)) router.close();
      for (const connection of connections.splice(0)) connection.disconnect();
    });
    afterAll(async () => {
      await redis?.close();
    });

    /** Two routers ("nodes a and b") on fresh keys. */
    async function cluster(
      timing: { ringTimeoutMs?: number; maxQueueWaitMs?: number; sweepIntervalMs?: number } = {},
    ): Promise<{ a: TestNode; b: TestNode }> {
      const keyPrefix = `${redis.keyPrefix}r${++testNumber}:`;
      const make = async (nodeId: string): Promise<TestNode> => {
        const log: string[] = [];
        const events: RouterEvents = {
          agentStatus: (userId, s) =>
            log.push(`status ${userId} ${s.state}${s.reason ? ` (${s.reason})` : ''}`),
          offer: (call, userId) => {
            log.push(`offer ${call.callId} → ${userId}`);
          },
          ring: (callId, userId, n) => log.push(`ring ${callId} ${userId} #${n}`),
          offerWithdrawn: (callId, userId, reason) => log.push(`withdrawn ${callId} ${userId} ${reason}`),
          abandoned: (call, reason) => {
            log.push(`abandoned ${call.callId} ${reason}`);
          },
          released: (callId) => log.push(`released ${callId}`),
        };
        const command = new Redis(redis.url);
        const subscriber = new Redis(redis.url);
        connections.push(command, subscriber);
        const router = new RedisRouter(
          {
            redis: command,
            subscriber,
            nodeId,
            keyPrefix,
            ringTimeoutMs: timing.ringTimeoutMs ?? 5_000,
            ringPeriodMs: 200,
            maxQueueWaitMs: timing.maxQueueWaitMs ?? 60_000,
            sweepIntervalMs: timing.sweepIntervalMs ?? 50,
            logger: pino({ level: 'silent' }),
          },
          events,
        );
        routers.push(router);
        await router.ready;
        return { router, log };
      };
      return { a: await make('node-a'), b: await make('node-b') };
    }

    const call = (
      callId: string,
      extra: { targetUserId?: string; classId?: string; skills?: string[] } = {},
    ) => ({
      callId,
      skills: extra.skills ?? [],
      targetUserId: extra.targetUserId ?? null,
      classId: extra.classId ?? null,
    });

    it('offers a call queued on node A to the longest-idle agent, on node B, and B runs it', async () => {
      const { a, b } = await cluster();
      await b.router.register('x', []);
      await a.router.register('y', []);
      await b.router.setState('x', 'ready');
      await sleep(5);
      await a.router.setState('y', 'ready');
      await a.router.enqueue(call('c1'));
      await until(() => b.log.includes('ring c1 x #1'));
      expect(b.log).toContain('offer c1 → x');
      expect(b.log).toContain('status x ringing');
      expect(a.log).toContain('released c1');
      expect(a.log.some((l) => l.startsWith('offer'))).toBe(false);
      await until(() => b.log.includes('ring c1 x #2'));

      expect(await b.router.answer('c1', 'x')).toBeGreaterThanOrEqual(200);
      expect(await a.router.status('x')).toMatchObject({ state: 'on-call', callId: 'c1' });
      expect((await a.router.seat('x'))?.nodeId).toBe('node-b');
      const rings = b.log.filter((l) => l.startsWith('ring c1')).length;
      await sleep(300);
      expect(b.log.filter((l) => l.startsWith('ring c1'))).toHaveLength(rings);

      await b.router.enqueue(call('c2'));
      await until(() => a.log.includes('offer c2 → y'));
      await b.router.callEnded('c1', 'x');
      expect((await a.router.status('x')).state).toBe('after-call');
    });

    it('rings out once although both nodes sweep, then offers the call to the next agent', async () => {
      const { a, b } = await cluster({ ringTimeoutMs: 400 });
      await b.router.register('x', []);
      await a.router.register('y', []);
      await b.router.setState('x', 'ready');
      await sleep(5);
      await a.router.setState('y', 'ready');
      await a.router.enqueue(call('c1'));
      await until(() => a.log.includes('offer c1 → y'));
      await sleep(600);
      expect(b.log.filter((l) => l === 'withdrawn c1 x ring-timeout')).toHaveLength(1);
      expect(await a.router.status('x')).toMatchObject({ state: 'break', reason: 'missed-call' });
      expect([...a.log, ...b.log].filter((l) => l.startsWith('offer c1'))).toHaveLength(2);
      expect(b.log).toContain('released c1');
    });

    it('abandons an unanswered practice call once, and a queued call after its wait', async () => {
      const { a, b } = await cluster({ ringTimeoutMs: 300, maxQueueWaitMs: 700 });
      await b.router.register('x', []);
      await b.router.setState('x', 'ready');
      await a.router.enqueue(call('p1', { targetUserId: 'x' }));
      await a.router.enqueue(call('k1', { classId: 'class-1' }));
      await until(() => b.log.includes('abandoned p1 not-answered'));
      await until(() => a.log.includes('abandoned k1 queue-timeout'), 2_000);
      await sleep(300);
      const all = [...a.log, ...b.log];
      expect(all.filter((l) => l.startsWith('abandoned p1'))).toHaveLength(1);
      expect(all.filter((l) => l.startsWith('abandoned k1'))).toHaveLength(1);
      expect(all.filter((l) => l.startsWith('offer p1'))).toHaveLength(1);
      expect(await a.router.queued()).toHaveLength(0);
    });

    it('routes by class and skill, and refuses illegal state changes', async () => {
      const { a, b } = await cluster();
      await a.router.register('outsider', ['other'], ['after-sales']);
      await b.router.register('member', ['class-1'], ['pre-sales']);
      await a.router.setState('outsider', 'ready');
      await sleep(5);
      await b.router.setState('member', 'ready');
      await a.router.enqueue(call('s1', { skills: ['pre-sales'] }));
      await until(() => b.log.includes('offer s1 → member'));
      await b.router.abandon('s1', 'caller-hung-up');
      await until(() => b.log.includes('status member ready'));
      await a.router.enqueue(call('k1', { classId: 'class-1' }));
      await until(() => b.log.includes('offer k1 → member'));
      expect(a.log.some((l) => l.startsWith('offer'))).toBe(false);
      expect(await a.router.queued()).toEqual([]);
      await b.router.answer('k1', 'member');
      await expect(a.router.setState('member', 'ready')).rejects.toMatchObject({
        code: 'AGENT_STATE_ILLEGAL',
        details: { from: 'on-call', to: 'ready' },
      });
      await expect(a.router.answer('k1', 'outsider')).rejects.toMatchObject({ code: 'CALL_NOT_FOUND' });
    });

    it('never offers one agent two calls when both nodes queue at once', async () => {
      const { a, b } = await cluster();
      const agents = Array.from({ length: 12 }, (_, i) => `agent-${i}`);
      for (const [i, id] of agents.entries()) {
        const node = i % 2 === 0 ? a : b;
        await node.router.register(id, []);
        await node.router.setState(id, 'ready');
      }
      const calls = Array.from({ length: 16 }, (_, i) => `call-${i}`);
      await Promise.all(calls.map((id, i) => (i % 2 === 0 ? a : b).router.enqueue(call(id))));
      await until(() => [...a.log, ...b.log].filter((l) => l.startsWith('offer')).length >= 12);
      await sleep(100);
      const offers = [...a.log, ...b.log].filter((l) => l.startsWith('offer'));
      expect(offers).toHaveLength(12);
      expect(new Set(offers.map((l) => l.split(' → ')[1])).size).toBe(12);
      expect(new Set(offers.map((l) => l.split(' ')[1])).size).toBe(12);
      expect(await a.router.queued()).toHaveLength(4);
    });

    it('takes over a dead node: its agents go offline, its calls are reported, its queue is kept', async () => {
      const { a, b } = await cluster({ maxQueueWaitMs: 1_000 });
      await b.router.register('ringing-agent', []);
      await b.router.register('busy-agent', []);
      await b.router.setState('busy-agent', 'ready');
      await b.router.enqueue(call('answered', { targetUserId: 'busy-agent' }));
      await until(() => b.log.includes('offer answered → busy-agent'));
      await b.router.answer('answered', 'busy-agent');
      await b.router.setState('ringing-agent', 'ready');
      await b.router.enqueue(call('ringing', { targetUserId: 'ringing-agent' }));
      await b.router.enqueue(call('waiting', { classId: 'nobody' }));
      b.router.close();

      const adopted = await a.router.adoptNode('node-b');
      expect(adopted.lost).toEqual(
        expect.arrayContaining([
          { callId: 'answered', userId: 'busy-agent', state: 'answered' },
          { callId: 'ringing', userId: 'ringing-agent', state: 'ringing' },
        ]),
      );
      expect(adopted.kept).toEqual(['waiting']);
      expect(await a.router.status('busy-agent')).toMatchObject({ state: 'offline', reason: 'node-lost' });
      expect(await a.router.status('ringing-agent')).toMatchObject({ state: 'offline', reason: 'node-lost' });
      expect(await a.router.routes('ringing')).toBe(false);
      // The kept call is now A's: its queue timeout reaches A.
      await until(() => a.log.includes('abandoned waiting queue-timeout'), 2_000);
      // Adopting again finds nothing.
      expect(await a.router.adoptNode('node-b')).toEqual({ lost: [], kept: [] });
      // The agent comes back on node A: calls ring there.
      await a.router.setState('busy-agent', 'ready');
      expect((await a.router.seat('busy-agent'))?.nodeId).toBe('node-a');
    });

    it('ignores a stale disconnect after the agent moved to another node', async () => {
      const { a, b } = await cluster();
      await a.router.register('x', []);
      await a.router.setState('x', 'ready');
      await b.router.register('x', []);
      await a.router.disconnect('x');
      expect((await b.router.status('x')).state).toBe('ready');
      await b.router.disconnect('x');
      expect(await b.router.status('x')).toMatchObject({ state: 'offline', reason: 'disconnected' });
    });
  },
);
