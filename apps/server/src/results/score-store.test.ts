// Score versions on real storage (SQLite, and PostgreSQL when TEST_DATABASE_URL is set):
// a re-score adds a version and keeps the old one; racing writers still get 1, 2, 3….
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabaseFactories } from '../testing/test-databases.js';
import { insertCall, sampleScore, TRANSCRIPT } from './__fixtures__/stored-calls.js';
import type { CompactContours } from './compact-contours.js';
import { insertScoreVersion, listScoreVersions, readContours, readScore } from './score-store.js';

const CONTOURS: CompactContours = {
  durationMs: 1000,
  stepMs: 50,
  agent: null,
  caller: null,
  pace: { windowMs: 10_000, stepMs: 2000, syllablesPerMin: [null], segments: [], segmentUnit: 'chars/min' },
};

describe.each(testDatabaseFactories())('score store on $name', (factory) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await factory.open();
  });
  afterEach(async () => {
    await t.close();
  });

  const entry = async (callId: string, rude = false) => ({
    callId,
    agentUserId: 'u1',
    scenarioId: 'complaint-damaged-cup',
    score: await sampleScore({ rude }),
    transcript: TRANSCRIPT,
    transcriptSource: 'timeline' as const,
    contours: CONTOURS,
    reason: 'call-finished',
    actorUserId: null,
    createdAtMs: 1_700_000_000_000,
  });

  it('keeps every version; the latest is the highest', async () => {
    const call = await insertCall(t.db, 'u1');
    const first = await insertScoreVersion(t.db, await entry(call.id));
    const second = await insertScoreVersion(t.db, {
      ...(await entry(call.id, true)),
      reason: 'transcript-corrected',
      actorUserId: 'teacher',
      transcriptSource: 'override',
    });
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second.total).toBeLessThan(first.total);

    const latest = await readScore(t.db, call.id);
    expect(latest).toMatchObject({ version: 2, reason: 'transcript-corrected', actorUserId: 'teacher' });
    expect(latest?.score.total).toBe(second.total);
    const old = await readScore(t.db, call.id, 1);
    expect(old).toMatchObject({ version: 1, transcriptSource: 'timeline', passed: first.passed });
    expect(old?.score.adherence.steps.length).toBeGreaterThan(0);
    expect(old?.transcript).toEqual(TRANSCRIPT);
    expect((await listScoreVersions(t.db, call.id)).map((v) => v.version)).toEqual([2, 1]);
    expect(await readScore(t.db, call.id, 3)).toBeNull();
    expect((await readContours(t.db, call.id))?.version).toBe(2);
    expect((await readContours(t.db, call.id, 1))?.contours).toEqual(CONTOURS);
  });

  it('numbers racing re-scores 1…n without duplicates', async () => {
    const call = await insertCall(t.db, 'u1');
    const base = await entry(call.id);
    const stored = await Promise.all(Array.from({ length: 5 }, () => insertScoreVersion(t.db, base)));
    expect(stored.map((s) => s.version).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
