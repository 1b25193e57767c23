// The BullMQ job queue as several nodes use it: two RedisJobQueue instances ("nodes") on
// one real redis-server. A due delayed job runs on exactly one node; an idempotent
// re-enqueue from either node is a no-op; a failed job runs again after back-off; a job
// outlives the node that enqueued it and the node that died running it; stop() leaves no
// connection behind, and a node's process still ends when Redis died under it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { redisUnavailableReason, startTestRedis, type TestRedis } from '../testing/redis.js';
import type { JobHandler } from './job-queue.js';
import { RedisJobQueue, type RedisJobQueueOptions } from './redis-job-queue.js';

const logger = pino({ level: 'silent' });
const skipReason = redisUnavailableReason();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadlineMs = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadlineMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** A node (fixtures/job-node.ts) in a process of its own, so a test can kill it or watch it end. */
function startNodeProcess(url: string, prefix: string, leaseMs: number) {
  const fixture = path.join(import.meta.dirname, '__fixtures__/job-node.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, url, prefix, String(leaseMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    waitFor: (line: string) => until(() => output.includes(`${line}\n`), 20_000),
  };
}

describe.skipIf(skipReason !== null)(
  `RedisJobQueue on two nodes sharing one Redis${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let redis: TestRedis;
    let prefix: string;
    let testNumber = 0;
    const nodes: RedisJobQueue[] = [];

    beforeAll(async () => {
      redis = await startTestRedis();
    });
    afterAll(async () => {
      await redis?.close();
    });
    beforeEach(() => {
      // Each test its own queue, so a job left by one test never reaches the next.
      prefix = `${redis.keyPrefix}${++testNumber}`;
    });
    afterEach(async () => {
      await Promise.all(nodes.splice(0).map((node) => node.stop()));
    });

    function node(options: Partial<RedisJobQueueOptions> = {}): RedisJobQueue {
      const queue = new RedisJobQueue({ url: redis.url, prefix, ...options }, logger);
      nodes.push(queue);
      return queue;
    }

    function onBoth(nodesRunning: RedisJobQueue[], kind: string, handler: (name: string) => JobHandler) {
      nodesRunning.forEach((queue, index) => {
        queue.handle(kind, handler(`node${index + 1}`));
        queue.start();
      });
    }

    it('runs a due delayed job on exactly one node; enqueueing its key again is a no-op', async () => {
      const a = node();
      const b = node();
      const runs: { taskId: string; node: string; atMs: number }[] = [];
      onBoth([a, b], 'follow-up', (name) => async (payload) => {
        runs.push({ taskId: (payload as { taskId: string }).taskId, node: name, atMs: Date.now() });
        // Long enough that one node cannot take every job before the other looks.
        await sleep(50);
      });
      const runAtMs = Date.now() + 500;
      const taskIds = Array.from({ length: 20 }, (_, i) => `task-${i}`);
      for (const taskId of taskIds) {
        const options = { idempotencyKey: `follow-up:${taskId}`, runAtMs };
        expect(await a.enqueue('follow-up', { taskId }, options)).toBe(true);
        expect(await b.enqueue('follow-up', { taskId }, options)).toBe(false);
      }
      await until(() => runs.length >= taskIds.length);
      await sleep(300); // a second run of any job would show up by now
      expect(runs.map((run) => run.taskId).sort()).toEqual([...taskIds].sort());
      expect(runs.every((run) => run.atMs >= runAtMs)).toBe(true);
      expect(new Set(runs.map((run) => run.node))).toEqual(new Set(['node1', 'node2']));

      // Finished jobs keep their keys: the same work enqueued again from either node adds nothing.
      expect(await b.enqueue('follow-up', { taskId: 'task-0' }, { idempotencyKey: 'follow-up:task-0' })).toBe(
        false,
      );
      expect(await a.enqueue('follow-up', { taskId: 'task-1' }, { idempotencyKey: 'follow-up:task-1' })).toBe(
        false,
      );
      await sleep(300);
      expect(runs).toHaveLength(taskIds.length);
    });

    it('runs a failed job again after exponential back-off, on either node, up to maxAttempts', async () => {
      const baseBackoffMs = 200;
      const a = node({ baseBackoffMs });
      const b = node({ baseBackoffMs });
      const flaky: { attempt: number; atMs: number }[] = [];
      const doomed: number[] = [];
      onBoth([a, b], 'score-call', () => async (_payload, job) => {
        flaky.push({ attempt: job.attempt, atMs: Date.now() });
        if (job.attempt < 3) throw new Error('scoring worker busy');
      });
      onBoth([a, b], 'dial-result', () => async (_payload, job) => {
        doomed.push(job.attempt);
        throw new Error('task gone');
      });
      await a.enqueue('score-call', { callId: 'c1' }, { idempotencyKey: 'score-call:c1' });
      await b.enqueue('dial-result', { callId: 'c2' }, { idempotencyKey: 'dial-result:c2', maxAttempts: 2 });
      await until(() => flaky.length >= 3 && doomed.length >= 2);
      await sleep(4 * baseBackoffMs + 300); // past the next back-off, were there another attempt
      expect(flaky.map((run) => run.attempt)).toEqual([1, 2, 3]);
      const [first, second, third] = flaky.map((run) => run.atMs) as [number, number, number];
      expect(second - first).toBeGreaterThanOrEqual(baseBackoffMs);
      expect(third - second).toBeGreaterThanOrEqual(2 * baseBackoffMs);
      expect(doomed).toEqual([1, 2]);
    });

    it('keeps a job across a restart: enqueued by a node that stopped, run by one started later', async () => {
      const first = node();
      await first.enqueue('after-call', { callId: 'c9' }, { idempotencyKey: 'after-call:c9' });
      await first.enqueue(
        'after-call',
        { callId: 'c10' },
        { idempotencyKey: 'after-call:c10', runAtMs: Date.now() + 300 },
      );
      await first.stop();
      const ran: unknown[] = [];
      onBoth([node()], 'after-call', () => async (payload) => {
        ran.push(payload);
      });
      await until(() => ran.length >= 2);
      expect(ran).toEqual([{ callId: 'c9' }, { callId: 'c10' }]);
    });

    it('runs a job again on another node when the node running it dies', async () => {
      const leaseMs = 1_000;
      const dying = startNodeProcess(redis.url, prefix, leaseMs);
      try {
        await dying.waitFor('ready');
        const survivor = node({ leaseMs });
        await survivor.enqueue('follow-up', { taskId: 't1' }, { idempotencyKey: 'follow-up:t1' });
        await dying.waitFor('running 1');
        dying.child.kill('SIGKILL');
        const attempts: number[] = [];
        onBoth([survivor], 'follow-up', () => async (_payload, job) => {
          attempts.push(job.attempt);
        });
        await until(() => attempts.length > 0, 4 * leaseMs + 2_000);
        expect(attempts).toEqual([2]);
      } finally {
        dying.child.kill('SIGKILL');
      }
    });

    it('lets go of every Redis connection on stop(), and reports health', async () => {
      const a = node();
      a.handle('noop', async () => undefined);
      a.start();
      await a.enqueue('noop', {}, { idempotencyKey: 'noop:1' });
      expect(await a.health()).toEqual({ backend: 'redis', status: 'ok' });
      const admin = new Redis(redis.url);
      const ours = async () =>
        String(await admin.client('LIST'))
          .split('\n')
          .filter((line) => line.includes(` name=${prefix}:`)).length;
      try {
        expect(await ours()).toBeGreaterThan(0);
        await a.stop();
        expect(await ours()).toBe(0);
      } finally {
        admin.disconnect();
      }
    });

    it('reports Redis down when nothing answers, without waiting on reconnects', async () => {
      const lost = node({ url: 'redis://127.0.0.1:1', healthTimeoutMs: 300 });
      const startedMs = Date.now();
      expect(await lost.health()).toEqual({ backend: 'redis', status: 'down' });
      expect(Date.now() - startedMs).toBeLessThan(2_000);
    });
  },
);

const exclusiveSkipReason = redisUnavailableReason({ exclusive: true });

describe.skipIf(exclusiveSkipReason !== null)(
  `RedisJobQueue when Redis goes away${exclusiveSkipReason ? ` (skipped: ${exclusiveSkipReason})` : ''}`,
  () => {
    it('stops, and its process ends by itself, after Redis died under it', async () => {
      const redis = await startTestRedis({ exclusive: true });
      const node = startNodeProcess(redis.url, redis.keyPrefix, 60_000);
      try {
        await node.waitFor('ready');
        await redis.close();
        node.child.kill('SIGTERM');
        const timeout = sleep(5_000).then(() => 'still running');
        expect(await Promise.race([node.exited, timeout])).toBe(0);
        expect(node.output()).toContain('stopped\n');
      } finally {
        node.child.kill('SIGKILL');
        await redis.close();
      }
    });
  },
);
