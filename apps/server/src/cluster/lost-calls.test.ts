// Closing a dead node's calls from survivors, with a real database (SQLite), a real
// redis-server and a real half-written recording: the answered call ends once (system,
// node-lost) with a playable WAV of what reached the disk and one after-call hook, the
// ringing dial is abandoned and its task gets its dial back, a still-queued call stays
// queued under a survivor, and the agents' seats are freed, even with two survivors at once.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeWav } from '@callsim/audio';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingPaths, StereoRecorder } from '../recorder/stereo-recorder.js';
import { RedisRouter } from '../router/redis-router.js';
import type { RouterEvents } from '../router/routing.js';
import { openDatabase } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrator.js';
import type { CallsTable } from '../storage/schema.js';
import { redisUnavailableReason, startTestRedis, type TestRedis } from '../testing/redis.js';
import { recoverLostCalls } from './lost-calls.js';

const skipReason = redisUnavailableReason();
const logger = pino({ level: 'silent' });

const quietEvents: RouterEvents = {
  agentStatus: () => undefined,
  offer: () => undefined,
  ring: () => undefined,
  offerWithdrawn: () => undefined,
  abandoned: () => undefined,
  released: () => undefined,
};

function row(id: string, overrides: Partial<CallsTable>): CallsTable {
  return {
    id,
    scenarioId: 'complaint-damaged-cup',
    locale: 'zh-CN',
    direction: 'inbound',
    category: 'complaint',
    mode: 'practice',
    status: 'queued',
    source: 'practice',
    targetUserId: null,
    classId: null,
    agentUserId: null,
    createdAtMs: Date.now(),
    offeredAtMs: null,
    answeredAtMs: null,
    endedAtMs: null,
    ringCount: 0,
    endedBy: null,
    endReason: null,
    durationMs: null,
    recordingPath: null,
    timelinePath: null,
    nodeId: 'dead',
    taskId: null,
    ...overrides,
  };
}

describe.skipIf(skipReason !== null)(
  `recoverLostCalls${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let redis: TestRedis;
    const connections: Redis[] = [];
    const routers: RedisRouter[] = [];
    const recordingsDir = mkdtempSync(path.join(tmpdir(), 'callsim-lost-calls-'));

    beforeAll(async () => {
      redis = await startTestRedis();
    });
    afterAll(async () => {
      for (const router of routers) router.close();
      for (const connection of connections) connection.disconnect();
      await redis?.close();
      rmSync(recordingsDir, { recursive: true, force: true });
    });

    async function routerOf(nodeId: string): Promise<RedisRouter> {
      const command = new Redis(redis.url);
      const subscriber = new Redis(redis.url);
      connections.push(command, subscriber);
      const router = new RedisRouter(
        {
          redis: command,
          subscriber,
          nodeId,
          keyPrefix: `${redis.keyPrefix}lost:`,
          ringTimeoutMs: 30_000,
          ringPeriodMs: 5_000,
          maxQueueWaitMs: 60_000,
          logger,
        },
        quietEvents,
      );
      routers.push(router);
      await router.ready;
      return router;
    }

    it('closes each call of the dead node once, with its recording rebuilt', async () => {
      const opened = openDatabase('sqlite::memory:');
      await migrateToLatest(opened.db);
      const { db } = opened;

      // The node that will die: one answered call, one ringing dial, one call still queued.
      const dead = await routerOf('dead');
      await dead.register('busy', []);
      await dead.setState('busy', 'ready');
      await dead.enqueue({ callId: 'answered', skills: [], targetUserId: 'busy', classId: null });
      await dead.answer('answered', 'busy');
      await dead.register('dialer', []);
      await dead.setState('dialer', 'ready');
      await dead.enqueue({ callId: 'dial', skills: [], targetUserId: 'dialer', classId: null });
      await dead.enqueue({ callId: 'waiting', skills: [], targetUserId: null, classId: 'empty-class' });

      const answeredAtMs = Date.now() - 4_000;
      const paths = recordingPaths(recordingsDir, 'answered', answeredAtMs);
      const recorder = await StereoRecorder.create(paths, {
        callId: 'answered',
        scenarioId: 'complaint-damaged-cup',
        locale: 'zh-CN',
        direction: 'inbound',
        mode: 'practice',
        agentUserId: 'busy',
        sampleRateHz: 16000,
        answeredAtMs,
      });
      recorder.event({ type: 'answer', atMs: 0 });
      const tone = Int16Array.from({ length: 320 }, (_, i) => Math.round(8000 * Math.sin(i / 4)));
      for (let frame = 0; frame < 150; frame++) recorder.writeFrame(tone, null);
      // What a killed node leaves: audio and journal on disk, the WAV header never patched.
      await recorder.drain();

      await db
        .insertInto('calls')
        .values([
          row('answered', {
            status: 'active',
            agentUserId: 'busy',
            targetUserId: 'busy',
            answeredAtMs,
            recordingPath: paths.wavPath,
            timelinePath: paths.timelinePath,
          }),
          row('dial', { status: 'ringing', targetUserId: 'dialer', taskId: 'task-1', ringCount: 2 }),
          row('waiting', { classId: 'empty-class' }),
        ])
        .execute();
      dead.close();

      const finished: string[] = [];
      const dials: string[] = [];
      const notified: string[] = [];
      const survivors = [await routerOf('survivor-1'), await routerOf('survivor-2')];
      const results = await Promise.all(
        survivors.map((router) =>
          recoverLostCalls(
            {
              db,
              router,
              notifier: { emit: (userId, event) => notified.push(`${userId} ${event}`) },
              onCallFinished: (call) => {
                finished.push(`${call.callId} ${call.endedBy}`);
              },
              onDialResult: (result) => {
                dials.push(`${result.taskId} ${result.outcome}`);
              },
              logger,
            },
            'dead',
          ),
        ),
      );

      expect(results.reduce((sum, r) => sum + r.ended, 0)).toBe(1);
      expect(results.reduce((sum, r) => sum + r.abandoned, 0)).toBe(1);
      expect(finished).toEqual(['answered system']);
      expect(dials).toEqual(['task-1 cancelled']);
      expect(notified).toEqual(['busy call:ended']);

      const rows = await db.selectFrom('calls').selectAll().orderBy('id').execute();
      const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
      expect(byId.answered).toMatchObject({
        status: 'ended',
        endedBy: 'system',
        endReason: 'node-lost',
        durationMs: 3000,
      });
      expect(byId.dial).toMatchObject({ status: 'abandoned', endReason: 'node-lost' });
      expect(byId.waiting!.status).toBe('queued');
      expect(byId.waiting!.nodeId).toMatch(/^survivor-/);
      expect(await survivors[0]!.routes('waiting')).toBe(true);

      const wav = decodeWav(new Uint8Array(readFileSync(paths.wavPath)));
      expect(wav.channels).toHaveLength(2);
      expect(wav.channels[0]!.length).toBe(150 * 320);
      const timeline = JSON.parse(readFileSync(paths.timelinePath, 'utf8'));
      expect(timeline).toMatchObject({ callId: 'answered', recovered: true, durationMs: 3000 });

      for (const agent of ['busy', 'dialer'])
        expect(await survivors[0]!.status(agent)).toMatchObject({ state: 'offline', reason: 'node-lost' });
      await opened.close();
    });
  },
);
