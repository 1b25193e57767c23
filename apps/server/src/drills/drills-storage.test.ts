// Drills on real storage — SQLite always, PostgreSQL when TEST_DATABASE_URL is set: class
// settings, every typing attempt with its replay limit and single submit, warm-up readings
// and the voice baseline, progress and the leaderboard's opt-in names.
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserStore } from '../accounts/user-store.js';
import { ScenarioLibrary } from '../calls/scenario-library.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import type { UsersTable, WarmupReadingsTable } from '../storage/schema.js';
import { type TestDatabase, testDatabaseFactories } from '../testing/test-databases.js';
import { DrillService } from './drill-service.js';
import { findTypingMaterial, listTypingMaterials } from './typing-materials.js';
import { voiceBaselineFor } from './warmup-store.js';

const CALL_SCRIPTS = path.resolve(import.meta.dirname, '../../../../call-scripts');
let library: ScenarioLibrary;

beforeAll(async () => {
  library = new ScenarioLibrary(CALL_SCRIPTS, createLogger(loadConfig({ env: { LOG_LEVEL: 'silent' } })));
  await library.load();
});

function reading(
  userId: string,
  overrides: Partial<WarmupReadingsTable> & Pick<WarmupReadingsTable, 'id' | 'style' | 'createdAtMs'>,
): WarmupReadingsTable {
  const f0MedianHz = overrides.f0MedianHz ?? 200;
  return {
    userId,
    classId: null,
    templateId: 'inbound-standard',
    sentenceId: 'greeting',
    locale: 'zh-CN',
    text: '您好，很高兴为您服务',
    recordingPath: null,
    durationMs: 3_000,
    voicedMs: 2_500,
    speechUnits: 9,
    ratePerMin: 216,
    pitchSdSemitones: 2.5,
    f0MedianHz,
    levelDb: 70,
    longestPauseMs: 0,
    pauseCount: 0,
    measures: JSON.stringify({
      ratePerMin: 216,
      syllablesPerSec: 3.6,
      spanUnitsPerSec: 3.6,
      f0MedianHz,
      pitchSdSemitones: 2.5,
      levelDb: 70,
      intensitySdDb: 8,
      pauseCount: 0,
      longestPauseMs: 0,
      energy2to3kHzRatio: overrides.style === 'smiling' ? 0.06 : 0.05,
    }),
    ...overrides,
  };
}

describe.each(testDatabaseFactories())('drills on $name', (factory) => {
  let t: TestDatabase;
  let drills: DrillService;
  let alice: UsersTable;
  let bob: UsersTable;
  let carol: UsersTable;
  let teacher: UsersTable;
  let classId: string;

  beforeEach(async () => {
    t = await factory.open();
    const users = new UserStore(t.db);
    const make = (username: string, displayName: string, role: 'trainee' | 'evaluator' = 'trainee') =>
      users.createUser({ username, password: 'password-1', role, displayName, className: '听打班' });
    alice = await make('alice', '爱丽丝');
    bob = await make('bob', '鲍勃');
    carol = await make('carol', '卡罗尔');
    teacher = await make('teach', '老师', 'evaluator');
    classId = (await users.classesOf(alice.id))[0]!.id;
    drills = new DrillService({
      db: t.db,
      library,
      engines: {
        lineRenderer: () => async () => new Int16Array(1600),
        synthesize: async () => new Int16Array(1600),
      },
      dataDir: '/nonexistent',
    });
  });
  afterEach(async () => {
    await t.close();
  });

  it('gives a class the textbook defaults until an evaluator saves its own targets', async () => {
    expect(await drills.settings.get(classId)).toMatchObject({
      classId,
      locale: 'zh-CN',
      templateId: 'inbound-standard',
      targetCharsPerMin: 60,
      targetAccuracy: 0.95,
      replayLimit: 3,
    });
    await drills.settings.put(
      classId,
      {
        locale: 'en-US',
        templateId: 'en-inbound-standard',
        targetCharsPerMin: 40,
        targetAccuracy: 0.9,
        replayLimit: 2,
        defaultSpeed: 0.8,
      },
      teacher.id,
    );
    expect(await drills.settings.get(classId)).toMatchObject({
      locale: 'en-US',
      targetCharsPerMin: 40,
      replayLimit: 2,
    });
    const overview = await drills.overview(alice);
    expect(overview.classId).toBe(classId);
    expect(overview.canEditSettings).toBe(false);
    expect((await drills.overview(teacher)).canEditSettings).toBe(true);
  });

  it('stores every attempt, holds the replay limit under concurrent plays and takes one submit', async () => {
    const material = findTypingMaterial(library, 'line:complaint-late-delivery:annoyed')!;
    expect(material.reference).toEqual({ text: '你们这什么效率？一句对不起都没有，我下了单就这么干等着？' });
    const started = await drills.attempts.start(
      {
        userId: alice.id,
        classId,
        material,
        speed: 0.8,
        replayLimit: 2,
        targets: { charsPerMin: 60, accuracy: 0.95 },
      },
      1_000,
    );
    const unfinished = await drills.attempts.start({
      userId: alice.id,
      classId,
      material,
      speed: 1,
      replayLimit: 2,
      targets: { charsPerMin: 60, accuracy: 0.95 },
    });
    const plays = await Promise.allSettled(
      [1, 2, 3, 4, 5].map(() => drills.attempts.registerPlay(started, 2_000)),
    );
    expect(plays.filter((p) => p.status === 'fulfilled')).toHaveLength(2);
    const refused = plays.find((p) => p.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'DRILL_REPLAY_LIMIT', details: { limit: 2 } });

    const fresh = (await drills.attempts.get(started.id))!;
    expect(fresh.firstPlayAtMs).toBe(2_000);
    // 25 字 said; typed with one wrong character, 30 s after the first play.
    const result = await drills.attempts.submit(
      fresh,
      { text: '你们这什么效率一句对不起都没有我下了单就这么干等者' },
      32_000,
    );
    expect(result).toMatchObject({
      referenceChars: 25,
      substitutions: 1,
      deletions: 0,
      insertions: 0,
      elapsedMs: 30_000,
    });
    expect(result.accuracy).toBeCloseTo(24 / 25, 10);
    expect(result.charsPerMin).toBeCloseTo(50, 10);
    expect(result.passed).toBe(false);
    expect(result.diff.find((r) => r.kind === 'substitution')).toEqual({
      kind: 'substitution',
      reference: '着',
      typed: '者',
    });
    await expect(drills.attempts.submit(fresh, { text: 'again' }, 40_000)).rejects.toMatchObject({
      code: 'DRILL_ATTEMPT_CLOSED',
    });
    await expect(drills.attempts.registerPlay(fresh)).rejects.toMatchObject({ code: 'DRILL_ATTEMPT_CLOSED' });

    const stored = await t.db
      .selectFrom('typingAttempts')
      .selectAll()
      .where('userId', '=', alice.id)
      .execute();
    expect(stored.map((r) => r.id).sort()).toEqual([started.id, unfinished.id].sort());
    expect(stored.find((r) => r.id === unfinished.id)?.submittedAtMs).toBeNull();
    expect(await drills.attempts.history(alice.id)).toMatchObject([
      { attemptId: started.id, speed: 0.8, playCount: 2 },
    ]);
  });

  it('scores the key-field mode field by field from the scenario facts', async () => {
    const material = findTypingMaterial(library, 'fields:complaint-damaged-cup')!;
    expect(material.dto.mode).toBe('key-fields');
    const fields = 'fields' in material.reference ? material.reference.fields : [];
    expect(fields.map((f) => f.id)).toEqual(['orderNumber', 'name', 'phone', 'problem']);
    const phone = fields.find((f) => f.id === 'phone')!.text;
    expect(phone).toMatch(/^138\d{4}6621$/);
    expect('text' in material.speech ? material.speech.text : '').toContain('二零二六一一零八');
    const attempt = await drills.attempts.start({
      userId: bob.id,
      classId,
      material,
      speed: 1,
      replayLimit: 0,
      targets: { charsPerMin: 10, accuracy: 0.95 },
    });
    await drills.attempts.registerPlay(attempt, 1_000);
    const result = await drills.attempts.submit(
      (await drills.attempts.get(attempt.id))!,
      { fields: { orderNumber: '2026 1108 3391', name: '王先生', phone, problem: '保温杯破损投诉' } },
      61_000,
    );
    expect(result.accuracy).toBe(1);
    expect(result.passed).toBe(true);
    expect(result.fields?.map((f) => f.accuracy)).toEqual([1, 1, 1, 1]);
    expect(listTypingMaterials(library, 'zh-CN', 'key-fields').map((m) => m.dto.id)).toContain(
      'fields:complaint-damaged-cup',
    );
  });

  it('keeps the newest neutral and smiling readings of the same sentence as the voice baseline', async () => {
    expect(await voiceBaselineFor(t.db, alice.id)).toBeNull();
    await drills.readings.insert(
      reading(alice.id, { id: 'r1', style: 'neutral', createdAtMs: 1_000, f0MedianHz: 190 }),
    );
    // A smiling reading of another sentence does not pair with it.
    await drills.readings.insert(
      reading(alice.id, {
        id: 'r2',
        style: 'smiling',
        createdAtMs: 2_000,
        text: '感谢您的来电，再见',
        f0MedianHz: 230,
      }),
    );
    expect(await voiceBaselineFor(t.db, alice.id)).toBeNull();
    await drills.readings.insert(
      reading(alice.id, { id: 'r3', style: 'smiling', createdAtMs: 3_000, f0MedianHz: 215 }),
    );
    await drills.readings.insert(
      reading(alice.id, { id: 'r4', style: 'neutral', createdAtMs: 4_000, f0MedianHz: 200 }),
    );
    expect(await voiceBaselineFor(t.db, alice.id)).toEqual({
      neutral: { f0MedianHz: 200, energy2to3kHzRatio: 0.05 },
      smiling: { f0MedianHz: 215, energy2to3kHzRatio: 0.06 },
    });
    expect(await voiceBaselineFor(t.db, bob.id)).toBeNull();
    const progress = await drills.progress(alice.id, 'zh-CN');
    expect(progress.warmup.map((p) => p.style)).toEqual(['neutral', 'smiling', 'smiling', 'neutral']);
    expect(progress.hasVoiceBaseline).toBe(true);
  });

  it('ranks the class by best net speed and names only trainees who opted in', async () => {
    const material = findTypingMaterial(library, 'line:complaint-late-delivery:annoyed')!;
    const text = '你们这什么效率？一句对不起都没有，我下了单就这么干等着？';
    const attempt = async (user: UsersTable, typed: string, elapsedMs: number) => {
      const row = await drills.attempts.start(
        {
          userId: user.id,
          classId,
          material,
          speed: 1,
          replayLimit: 0,
          targets: { charsPerMin: 60, accuracy: 0.95 },
        },
        0,
      );
      await drills.attempts.registerPlay(row, 0);
      return drills.attempts.submit((await drills.attempts.get(row.id))!, { text: typed }, elapsedMs);
    };
    await attempt(alice, text, 20_000); // 75 字/min net
    await attempt(alice, text, 60_000);
    await attempt(bob, text, 15_000); // 100 字/min net
    await attempt(carol, text.slice(0, 10), 30_000);
    await drills.settings.setShowOnLeaderboard(bob.id, true);

    const seenByAlice = await drills.leaderboard(alice, classId, false);
    expect(seenByAlice.entries.map((e) => [e.rank, e.name, e.isSelf])).toEqual([
      [1, '鲍勃', false],
      [2, '爱丽丝', true],
      [3, null, false],
    ]);
    expect(seenByAlice.entries[1]).toMatchObject({ attempts: 2, bestAccuracy: 1 });
    expect(seenByAlice.entries[1]!.bestNetCharsPerMin).toBeCloseTo(75, 6);
    const seenByTeacher = await drills.leaderboard(teacher, classId, true);
    expect(seenByTeacher.entries.map((e) => e.name)).toEqual(['鲍勃', '爱丽丝', '卡罗尔']);

    const progress = await drills.progress(alice.id, 'zh-CN');
    expect(progress.typing).toHaveLength(2);
    expect(progress.bests.netCharsPerMin).toBeCloseTo(75, 6);
    expect(progress.bests).toMatchObject({ passedCount: 1, typingAttempts: 2 });
  });
});
