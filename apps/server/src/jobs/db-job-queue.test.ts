// The database job queue on real storage (SQLite and, with TEST_DATABASE_URL, PostgreSQL):
// idempotent enqueue, survival across a "restart", retries with back-off, and two
// workers racing for the same jobs running each job exactly once.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabaseFactories } from '../testing/test-databases.js';
import { DbJobQueue } from './db-job-queue.js';

const logger = pino({ level: 'silent' });

describe.each(testDatabaseFactories())('DbJobQueue on $name', (factory) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await factory.open();
  });
  afterEach(async () => {
    await t.close();
  });

  it('enqueues once per idempotency key and runs due jobs only', async () => {
    let nowMs = 1_000_000;
    const queue = new DbJobQueue(t.db, logger, { now: () => nowMs });
    const ran: unknown[] = [];
    queue.handle('score', async (payload) => {
      ran.push(payload);
    });
    expect(await queue.enqueue('score', { callId: 'a' }, { idempotencyKey: 'score:a' })).toBe(true);
    expect(await queue.enqueue('score', { callId: 'a' }, { idempotencyKey: 'score:a' })).toBe(false);
    expect(
      await queue.enqueue('score', { callId: 'b' }, { idempotencyKey: 'score:b', runAtMs: nowMs + 60_000 }),
    ).toBe(true);
    await queue.drain();
    expect(ran).toEqual([{ callId: 'a' }]);
    nowMs += 60_000;
    await queue.drain();
    expect(ran).toEqual([{ callId: 'a' }, { callId: 'b' }]);
  });

  it('keeps pending jobs across a restart', async () => {
    const first = new DbJobQueue(t.db, logger);
    await first.enqueue('follow-up', { taskId: 't1' }, { idempotencyKey: 'fu:t1' });
    await first.stop();
    const second = new DbJobQueue(t.db, logger);
    const ran: unknown[] = [];
    second.handle('follow-up', async (payload) => {
      ran.push(payload);
    });
    await second.drain();
    expect(ran).toEqual([{ taskId: 't1' }]);
  });

  it('retries a failing job with exponential back-off, then marks it failed', async () => {
    let nowMs = 0;
    const queue = new DbJobQueue(t.db, logger, { now: () => nowMs, baseBackoffMs: 1000 });
    let attempts = 0;
    const seen: number[] = [];
    queue.handle('flaky', async (_payload, job) => {
      attempts++;
      seen.push(job.attempt);
      throw new Error('boom');
    });
    await queue.enqueue('flaky', {}, { idempotencyKey: 'flaky', maxAttempts: 3 });
    await queue.drain();
    expect(attempts).toBe(1);
    nowMs += 999;
    await queue.drain();
    expect(attempts).toBe(1);
    nowMs += 1;
    await queue.drain();
    expect(attempts).toBe(2);
    nowMs += 2000;
    await queue.drain();
    expect(attempts).toBe(3);
    const row = await t.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'boom' });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('runs each job once when two workers race', async () => {
    const a = new DbJobQueue(t.db, logger);
    const b = new DbJobQueue(t.db, logger);
    const runs = new Map<string, number>();
    const handler = async (payload: unknown) => {
      const key = (payload as { n: number }).n.toString();
      runs.set(key, (runs.get(key) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 1));
    };
    a.handle('work', handler);
    b.handle('work', handler);
    for (let n = 0; n < 30; n++) await a.enqueue('work', { n }, { idempotencyKey: `work:${n}` });
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    expect(runs.size).toBe(30);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  });
});
