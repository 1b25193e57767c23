// The results list and trend on real storage: newest first, only the trainee's ended calls,
// pending until scored, failed when the job gave up, and the latest version of each call.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabaseFactories } from '../testing/test-databases.js';
import {
  insertCall,
  SCENARIO_ID,
  sampleScore,
  TRANSCRIPT,
  testLibrary,
} from './__fixtures__/stored-calls.js';
import { listResultCalls, resultTrend } from './results-queries.js';
import { scoreCallJobKey } from './score-call-job.js';
import { insertScoreVersion } from './score-store.js';

describe.each(testDatabaseFactories())('results queries on $name', (factory) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await factory.open();
  });
  afterEach(async () => {
    await t.close();
  });

  async function score(callId: string, agentUserId: string, rude = false) {
    return insertScoreVersion(t.db, {
      callId,
      agentUserId,
      scenarioId: SCENARIO_ID,
      score: await sampleScore({ rude }),
      transcript: TRANSCRIPT,
      transcriptSource: 'timeline',
      contours: null,
      reason: 'call-finished',
      actorUserId: null,
      createdAtMs: Date.now(),
    });
  }

  it('lists ended calls newest first with their score state', async () => {
    const library = await testLibrary();
    const scored = await insertCall(t.db, 'a', { mode: 'exam' });
    await score(scored.id, 'a');
    const rescored = await score(scored.id, 'a', true);
    const failed = await insertCall(t.db, 'a');
    await t.db
      .insertInto('jobs')
      .values({
        id: 'j1',
        kind: 'score-call',
        payload: JSON.stringify({ callId: failed.id }),
        idempotencyKey: scoreCallJobKey(failed.id),
        status: 'failed',
        runAtMs: 0,
        attempts: 5,
        maxAttempts: 5,
        lockedBy: null,
        lockedUntilMs: null,
        lastError: 'boom',
        createdAtMs: 0,
        finishedAtMs: 0,
      })
      .execute();
    await insertCall(t.db, 'a', { status: 'abandoned', answeredAtMs: null });
    await insertCall(t.db, 'b');
    const pending = await insertCall(t.db, 'a', { scenarioId: 'gone-from-library' });

    const list = await listResultCalls(t.db, library, 'a', 50);
    expect(list.map((c) => c.callId)).toEqual([pending.id, failed.id, scored.id]);
    expect(list.map((c) => c.scoreState)).toEqual(['pending', 'failed', 'scored']);
    expect(list[0]).toMatchObject({ scenarioTitle: 'gone-from-library', latest: null });
    expect(list[2]).toMatchObject({
      mode: 'exam',
      scenarioTitle: library.get(SCENARIO_ID).title,
      latest: { version: 2, total: rescored.total, passed: rescored.passed },
    });
    expect(await listResultCalls(t.db, library, 'a', 1)).toHaveLength(1);
  });

  it('trends the latest version of each scored call, oldest first', async () => {
    const first = await insertCall(t.db, 'a');
    const v1 = await score(first.id, 'a');
    const second = await insertCall(t.db, 'a', { mode: 'exam' });
    await score(second.id, 'a');
    const v2 = await score(second.id, 'a', true);
    await insertCall(t.db, 'a');
    const other = await insertCall(t.db, 'b');
    await score(other.id, 'b');

    const trend = await resultTrend(t.db, 'a', 30);
    expect(trend.points.map((p) => p.callId)).toEqual([first.id, second.id]);
    expect(trend.points[0]).toMatchObject({ total: v1.total, mode: 'practice' });
    expect(trend.points[1]).toMatchObject({
      total: v2.total,
      mode: 'exam',
      passed: v2.passed,
      dimensions: { script: v2.score.dimensions.script.score, courtesy: v2.score.dimensions.courtesy.score },
    });
    expect((await resultTrend(t.db, 'a', 1)).points.map((p) => p.callId)).toEqual([second.id]);
  });
});
