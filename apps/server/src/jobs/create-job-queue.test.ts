// A whole callsim node with REDIS_URL set runs its jobs on BullMQ: /api/health reports
// Redis, the handlers the server registers (score-call here) run from Redis, and close()
// leaves no Redis connection. Without REDIS_URL nothing touches Redis and jobs stay in
// the database.
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { redisUnavailableReason, startTestRedis, type TestRedis } from '../testing/redis.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

// The node's queue lives under the fixed `callsim:` prefix, so it gets a Redis of its own.
const skipReason = redisUnavailableReason({ exclusive: true });

async function health(server: TestServer): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}/api/health`);
  return (await response.json()) as Record<string, unknown>;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadlineMs = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadlineMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(skipReason !== null)(
  `a callsim node with REDIS_URL${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let redis: TestRedis | undefined;
    let server: TestServer | undefined;
    afterEach(async () => {
      await server?.close();
      await redis?.close();
      server = undefined;
      redis = undefined;
    });

    it('runs its jobs on BullMQ, reports Redis in /api/health and closes every connection', async () => {
      redis = await startTestRedis({ exclusive: true });
      server = await startTestServer({ REDIS_URL: redis.url });
      expect(await health(server)).toMatchObject({ status: 'ok', redis: 'ok' });

      const admin = new Redis(redis.url);
      try {
        const { jobs } = server.server.ctx;
        const key = { idempotencyKey: 'score-call:no-such-call' };
        expect(await jobs.enqueue('score-call', { callId: 'no-such-call' }, key)).toBe(true);
        expect(await jobs.enqueue('score-call', { callId: 'no-such-call' }, key)).toBe(false);
        // The server's score-call handler drops an unknown call, which completes the job.
        await until(
          async () =>
            (await admin.zscore('callsim:jobs:completed', 'key.score-call%3Ano-such-call')) !== null,
        );
        expect(await server.server.ctx.db.selectFrom('jobs').selectAll().execute()).toEqual([]);

        const nodeConnections = async () =>
          String(await admin.client('LIST'))
            .split('\n')
            .filter((line) => line.includes(' name=callsim:')).length;
        expect(await nodeConnections()).toBeGreaterThan(0);
        await server.close();
        server = undefined;
        expect(await nodeConnections()).toBe(0);
      } finally {
        admin.disconnect();
      }
    });
  },
);

describe('a callsim node without REDIS_URL', () => {
  it('keeps its jobs in the database and reports no Redis', async () => {
    const server = await startTestServer();
    try {
      expect(await health(server)).not.toHaveProperty('redis');
      await server.server.ctx.jobs.enqueue('score-call', { callId: 'x' }, { idempotencyKey: 'score-call:x' });
      const rows = await server.server.ctx.db.selectFrom('jobs').select('idempotencyKey').execute();
      expect(rows).toEqual([{ idempotencyKey: 'score-call:x' }]);
    } finally {
      await server.close();
    }
  });
});
