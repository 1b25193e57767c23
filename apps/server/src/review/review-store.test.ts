// Reviews, comments, class rubrics, the gradebook and the calibration report against the
// real databases (SQLite always, PostgreSQL with TEST_DATABASE_URL): upserts keep one
// review per evaluator and call, and aggregates come back as plain numbers on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertScoreVersion } from '../results/score-store.js';
import type { UsersTable } from '../storage/schema.js';
import { type TestDatabase, testDatabaseFactories } from '../testing/test-databases.js';
import { addClass, addMember, addUser, endedCallRow, fakeCallScore } from './__fixtures__/review-fixtures.js';
import { calibrationReport } from './calibration-report.js';
import { defaultRubric } from './default-rubrics.js';
import { buildGradebook } from './gradebook.js';
import { ReviewStore } from './review-store.js';
import { RubricStore } from './rubric-store.js';

for (const factory of testDatabaseFactories()) {
  describe(`review storage on ${factory.name}`, () => {
    let t: TestDatabase;
    let reviews: ReviewStore;
    let rubrics: RubricStore;
    let classId: string;
    const users: Record<string, string> = {};
    const calls: string[] = [];

    beforeAll(async () => {
      t = await factory.open();
      reviews = new ReviewStore(t.db);
      rubrics = new RubricStore(t.db);
      classId = await addClass(t.db, '一班');
      for (const [name, role] of [
        ['e1', 'evaluator'],
        ['e2', 'evaluator'],
        ['s1', 'trainee'],
        ['s2', 'trainee'],
      ] as const) {
        users[name] = await addUser(t.db, name, role, `${name}-name`);
        await addMember(t.db, classId, users[name] as string, role);
      }
      const base = Date.UTC(2025, 0, 1);
      for (const [k, who, total] of [
        [0, 's1', 80],
        [1, 's1', 40],
        [2, 's2', 65],
      ] as const) {
        const row = endedCallRow({ agentUserId: users[who] as string, createdAtMs: base + k * 1000 });
        await t.db.insertInto('calls').values(row).execute();
        await insertScoreVersion(t.db, {
          callId: row.id,
          agentUserId: row.agentUserId as string,
          scenarioId: row.scenarioId,
          score: fakeCallScore(total, total >= 60, { tone: total, courtesy: total }),
          transcript: { locale: 'zh-CN', segments: [] },
          transcriptSource: 'timeline',
          contours: null,
          reason: 'call-finished',
          actorUserId: null,
          createdAtMs: base,
        });
        calls.push(row.id);
      }
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    const draft = (scores: [number, number, number], grade: 'good' | 'fail' | null = null) => ({
      rubricKind: 'inbound' as const,
      rubric: defaultRubric('inbound'),
      itemScores: { warmth: scores[0], handling: scores[1], knowledge: scores[2] },
      deductionCounts: {},
      grade,
      summary: '',
    });

    it('keeps one review per evaluator and call, and publishes it once', async () => {
      const call = calls[0] as string;
      const first = await reviews.save(call, users.e1 as string, draft([30, 30, 10]));
      const second = await reviews.save(call, users.e1 as string, draft([32, 30, 16], 'good'));
      expect(second.id).toBe(first.id);
      expect(second).toMatchObject({
        totalPoints: 78,
        totalPct: 78,
        grade: 'good',
        passed: true,
        status: 'draft',
      });
      expect(await reviews.publish(second.id)).toBe(true);
      expect(await reviews.publish(second.id)).toBe(false);
      expect((await reviews.forCall(call)).map((r) => r.evaluator.displayName)).toEqual(['e1-name']);
      const comment = await reviews.addComment(second, users.e1 as string, 4200, '语气很好');
      await reviews.addComment(second, users.e1 as string, null, '整体不错');
      expect((await reviews.comments({ callId: call })).map((c) => [c.atMs, c.text])).toEqual([
        [null, '整体不错'],
        [4200, '语气很好'],
      ]);
      expect(await reviews.deleteComment(comment.id, users.e2 as string)).toBe(false);
      expect(await reviews.deleteComment(comment.id, users.e1 as string)).toBe(true);
    });

    it('stores a class rubric per kind and falls back to the built-in one', async () => {
      expect((await rubrics.effective(classId, 'outbound')).custom).toBe(false);
      const body = {
        items: [
          {
            id: 'opening',
            label: { 'zh-CN': '开场', 'en-US': 'Opening' },
            description: { 'zh-CN': '', 'en-US': '' },
            maxPoints: 100,
            autoRefs: [],
          },
        ],
        deductions: [],
        passPct: 50,
      };
      await rubrics.save(classId, 'outbound', body, users.e1 as string);
      const saved = await rubrics.save(classId, 'outbound', { ...body, passPct: 55 }, users.e2 as string);
      expect(saved).toMatchObject({ custom: true, passPct: 55, classId });
      expect((await rubrics.forClass(classId)).map((r) => r.custom)).toEqual([false, true, false]);
      expect((await rubrics.reset(classId, 'outbound')).custom).toBe(false);
    });

    it('builds the gradebook with human scores replacing auto-scores', async () => {
      const book = await buildGradebook(t.db, classId, (id) => `title:${id}`);
      // s1: call 0 reviewed 78 (pass), call 1 auto 40 (fail); s2: auto 65 (pass).
      expect(book.rows.map((r) => [r.username, r.meanPct, r.calls, r.passRatePct])).toEqual([
        ['s1', 59, 2, 50],
        ['s2', 65, 1, 100],
      ]);
      expect(book).toMatchObject({ classMeanPct: 61, classPassRatePct: 66.7 });
      expect(book.calls.map((c) => [c.finalPct, c.reviewCount])).toEqual([
        [78, 1],
        [40, 0],
        [65, 0],
      ]);
    });

    it('reports agreement on calls reviewed by both evaluators', async () => {
      const publish = async (
        callIndex: number,
        who: string,
        scores: [number, number, number],
        grade: 'good' | 'fail',
      ) => {
        const saved = await reviews.save(
          calls[callIndex] as string,
          users[who] as string,
          draft(scores, grade),
        );
        await reviews.publish(saved.id);
      };
      await publish(0, 'e2', [34, 32, 18], 'good');
      await publish(1, 'e1', [20, 18, 10], 'fail');
      await publish(1, 'e2', [22, 16, 12], 'fail');
      const admin = { id: 'nobody', role: 'admin' } as UsersTable;
      const report = await calibrationReport(
        { db: t.db, rubrics, scenarioTitle: (id) => id },
        admin,
        classId,
        'inbound',
      );
      expect(report).toMatchObject({ reviewedCalls: 2, sharedCalls: 2 });
      expect(report.evaluators.map((e) => e.displayName).sort()).toEqual(['e1-name', 'e2-name']);
      expect(report.items.map((i) => i.iccModel)).toEqual(['ICC(2,1)', 'ICC(2,1)', 'ICC(2,1)']);
      expect(report.kappaPairs).toEqual([expect.objectContaining({ calls: 2, agreementPct: 100, kappa: 1 })]);
      // Warmth vs auto (mean of tone and courtesy = the call's total here): call 0 auto 80, call 1 auto 40.
      const warmth = report.items.find((i) => i.itemId === 'warmth');
      const expected =
        ((32 / 40) * 100 - 80 + (34 / 40) * 100 - 80 + (20 / 40) * 100 - 40 + (22 / 40) * 100 - 40) / 4;
      expect(warmth?.autoDiffMeanPct).toBeCloseTo(expected, 1);
      expect(warmth?.autoDiffCount).toBe(4);
      const outsider = { id: users.s1, role: 'evaluator' } as UsersTable;
      expect(
        (await calibrationReport({ db: t.db, rubrics, scenarioTitle: (id) => id }, outsider, null, 'inbound'))
          .reviewedCalls,
      ).toBe(0);
    });
  });
}
