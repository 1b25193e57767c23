// The recordings list on 10,000 calls, on SQLite and (with TEST_DATABASE_URL) PostgreSQL:
// filtered keyset pages walk every match exactly once in order, evaluators see only their
// classes, and transcript search (Chinese bigrams, English prefixes, one-character
// substrings) finds exactly the calls that say it. Page query times are printed as a
// measurement (speed is not asserted in unit tests).
import type { RecordingRowDto, RecordingsQuery } from '@callsim/protocol';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../storage/ids.js';
import type { CallsTable, Database, UsersTable } from '../storage/schema.js';
import { type TestDatabase, testDatabaseFactories } from '../testing/test-databases.js';
import { endedCallRow } from './__fixtures__/review-fixtures.js';
import { queryRecordings } from './recordings-query.js';
import { type StoredTranscript, TranscriptStore } from './transcript-store.js';

const CALLS = 10_000;
const TRAINEES = 200;
const CLASSES = 4;
const SCENARIOS = [
  ['complaint-damaged-cup', 'complaint', 'inbound'],
  ['complaint-late-delivery', 'complaint', 'inbound'],
  ['inquiry-rice-cooker', 'inquiry', 'inbound'],
  ['followup-damaged-cup', 'followup', 'outbound'],
  ['promotion-fresh-membership', 'promotion', 'outbound'],
  ['care-birthday', 'care', 'outbound'],
] as const;

interface Seeded {
  calls: CallsTable[];
  autoScore: Map<string, number>;
  published: Set<string>;
  texts: Map<string, string>;
  classOf: Map<string, number>;
  evaluatorA: UsersTable;
  admin: UsersTable;
}

function userRow(username: string, role: UsersTable['role']): UsersTable {
  return {
    id: newId(),
    username,
    displayName: username,
    passwordHash: 'x',
    role,
    disabled: 0,
    locale: null,
    createdAtMs: 0,
  };
}

function transcriptText(i: number): string[] {
  const lines = ['您好，现代生活网上超市，很高兴为您服务。', '请问有什么可以帮您？'];
  if (i % 50 === 0) lines.push('您反映的保温杯破损问题，我们马上处理。');
  if (i % 100 === 0) lines.push('We will refund the order today.');
  return lines;
}

async function seed(db: TestDatabase['db']): Promise<Seeded> {
  const admin = userRow('admin', 'admin');
  const evaluatorA = userRow('eval-a', 'evaluator');
  const evaluatorB = userRow('eval-b', 'evaluator');
  const trainees = Array.from({ length: TRAINEES }, (_, k) =>
    userRow(`t${String(k).padStart(3, '0')}`, 'trainee'),
  );
  await db
    .insertInto('users')
    .values([admin, evaluatorA, evaluatorB, ...trainees])
    .execute();
  const classIds = Array.from({ length: CLASSES }, () => newId());
  await db
    .insertInto('classes')
    .values(classIds.map((id, k) => ({ id, name: `class-${k}`, description: '', createdAtMs: 0 })))
    .execute();
  const classOf = new Map<string, number>();
  const members: Database['classMembers'][] = [];
  trainees.forEach((t, k) => {
    classOf.set(t.id, k % CLASSES);
    members.push({
      classId: classIds[k % CLASSES] as string,
      userId: t.id,
      roleInClass: 'trainee',
      addedAtMs: 0,
    });
  });
  for (const k of [0, 1])
    members.push({
      classId: classIds[k] as string,
      userId: evaluatorA.id,
      roleInClass: 'evaluator',
      addedAtMs: 0,
    });
  for (const k of [2, 3])
    members.push({
      classId: classIds[k] as string,
      userId: evaluatorB.id,
      roleInClass: 'evaluator',
      addedAtMs: 0,
    });
  await db.insertInto('classMembers').values(members).execute();

  const base = Date.UTC(2025, 8, 1);
  const calls: CallsTable[] = [];
  const autoScore = new Map<string, number>();
  const published = new Set<string>();
  const texts = new Map<string, string>();
  for (let i = 0; i < CALLS; i++) {
    const [scenarioId, category, direction] = SCENARIOS[i % SCENARIOS.length] as (typeof SCENARIOS)[number];
    // Every tenth call shares its creation time with the previous one: the id breaks the tie.
    const createdAtMs = base + (i - (i % 10 === 9 ? 1 : 0)) * 60_000;
    const trainee = trainees[(i * 7) % TRAINEES] as UsersTable;
    calls.push(
      endedCallRow({
        id: newId(createdAtMs),
        agentUserId: trainee.id,
        createdAtMs,
        scenarioId,
        category,
        direction,
      }),
    );
  }
  for (let i = 0; i < calls.length; i += 500)
    await db
      .insertInto('calls')
      .values(calls.slice(i, i + 500))
      .execute();

  const scores: Database['callScores'][] = [];
  const reviews: Database['reviews'][] = [];
  const transcripts: StoredTranscript[] = [];
  calls.forEach((c, i) => {
    if (i % 5 !== 4) {
      const total = (i * 37) % 100;
      autoScore.set(c.id, total);
      scores.push({
        id: newId(),
        callId: c.id,
        version: 1,
        agentUserId: c.agentUserId as string,
        scenarioId: c.scenarioId,
        total,
        passed: total >= 60 ? 1 : 0,
        failed: 0,
        scriptScore: total,
        speedScore: total,
        toneScore: total,
        courtesyScore: total,
        reason: 'call-finished',
        actorUserId: null,
        transcriptSource: 'timeline',
        scoreJson: '{}',
        transcriptJson: '{}',
        contoursJson: null,
        createdAtMs: c.createdAtMs,
      });
    }
    if (i % 7 === 0) {
      published.add(c.id);
      reviews.push({
        id: newId(),
        callId: c.id,
        evaluatorUserId: evaluatorA.id,
        rubricKind: 'inbound',
        rubric: '{}',
        itemScores: '{}',
        deductionCounts: '{}',
        totalPoints: 70,
        maxPoints: 100,
        totalPct: 70,
        grade: 'pass',
        passed: 1,
        summary: '',
        status: 'published',
        createdAtMs: c.createdAtMs,
        updatedAtMs: c.createdAtMs,
        publishedAtMs: c.createdAtMs,
      });
    }
    const lines = transcriptText(i);
    texts.set(c.id, lines.join('\n'));
    transcripts.push({
      callId: c.id,
      locale: 'zh-CN',
      corrected: false,
      segments: lines.map((text, index) => ({
        index,
        speaker: index % 2 === 0 ? 'agent' : 'caller',
        startMs: index * 3000,
        endMs: index * 3000 + 2500,
        text,
        originalText: null,
      })),
    });
  });
  for (let i = 0; i < scores.length; i += 500)
    await db
      .insertInto('callScores')
      .values(scores.slice(i, i + 500))
      .execute();
  for (let i = 0; i < reviews.length; i += 500)
    await db
      .insertInto('reviews')
      .values(reviews.slice(i, i + 500))
      .execute();
  return { calls, autoScore, published, texts, classOf, evaluatorA, admin };
}

for (const factory of testDatabaseFactories()) {
  describe(`recordings list on ${factory.name} with ${CALLS} calls`, () => {
    let t: TestDatabase;
    let s: Seeded;
    let transcripts: TranscriptStore;
    const deps = () => ({ db: t.db, transcripts, scenarioTitle: (id: string) => id });

    beforeAll(async () => {
      t = await factory.open();
      transcripts = new TranscriptStore(t.db, t.kind);
      s = await seed(t.db);
      const all: StoredTranscript[] = s.calls.map((c, i) => ({
        callId: c.id,
        locale: 'zh-CN',
        corrected: false,
        segments: transcriptText(i).map((text, index) => ({
          index,
          speaker: 'agent' as const,
          startMs: index * 3000,
          endMs: index * 3000 + 2500,
          text,
          originalText: null,
        })),
      }));
      await transcripts.saveMany(all);
      // Autovacuum would analyze the freshly loaded tables soon; do it now so plans are realistic.
      if (t.kind === 'postgres') await sql`analyze`.execute(t.db);
    }, 240_000);
    afterAll(async () => {
      await t?.close();
    });

    const newestFirst = (a: CallsTable, b: CallsTable) =>
      b.createdAtMs - a.createdAtMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

    async function walk(viewer: UsersTable, query: Partial<RecordingsQuery>, limit = 25) {
      const rows: RecordingRowDto[] = [];
      const timesMs: number[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 1000; pages++) {
        const started = performance.now();
        const page = await queryRecordings(deps(), viewer, {
          ...query,
          limit,
          ...(cursor ? { cursor } : {}),
        });
        timesMs.push(performance.now() - started);
        rows.push(...page.rows);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return { rows, timesMs };
    }

    it('pages an evaluator through a filtered list: every match once, newest first, only their classes', async () => {
      const query = { category: 'complaint', reviewed: 'no', minScore: 50 } as const;
      const expected = s.calls
        .filter((c) => [0, 1].includes(s.classOf.get(c.agentUserId as string) as number))
        .filter((c) => c.category === 'complaint' && !s.published.has(c.id))
        .filter((c) => (s.autoScore.get(c.id) ?? -1) >= 50)
        .sort(newestFirst)
        .map((c) => c.id);
      expect(expected.length).toBeGreaterThan(300);
      const { rows, timesMs } = await walk(s.evaluatorA, query);
      expect(rows.map((r) => r.callId)).toEqual(expected);
      expect(rows.every((r) => r.autoScore !== null && r.autoScore >= 50 && r.reviewCount === 0)).toBe(true);
      const sorted = [...timesMs].sort((a, b) => a - b);
      console.info(
        `[measure] ${factory.name}: ${CALLS} calls, filtered keyset pages of 25: first ${timesMs[0]?.toFixed(1)} ms, ` +
          `median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms over ${timesMs.length} pages`,
      );
    }, 120_000);

    it('measures an unfiltered admin page deep in the list', async () => {
      const first = await queryRecordings(deps(), s.admin, { limit: 50 });
      expect(first.rows).toHaveLength(50);
      const middle = [...s.calls].sort(newestFirst)[5000] as CallsTable;
      const started = performance.now();
      const deep = await queryRecordings(deps(), s.admin, {
        limit: 50,
        cursor: `${middle.createdAtMs}_${middle.id}`,
      });
      const elapsedMs = performance.now() - started;
      expect(deep.rows[0]?.callId).toBe([...s.calls].sort(newestFirst)[5001]?.id);
      console.info(`[measure] ${factory.name}: page of 50 after 5,000 rows: ${elapsedMs.toFixed(1)} ms`);
    });

    it('finds Chinese phrases, English word prefixes and single characters in transcripts', async () => {
      const matching = (needle: string) =>
        s.calls
          .filter((c) => (s.texts.get(c.id) as string).toLowerCase().includes(needle))
          .sort(newestFirst)
          .map((c) => c.id);
      for (const [q, needle] of [
        ['保温杯破损', '保温杯破损'],
        ['REF', 'ref'],
        ['破', '破'],
      ] as const) {
        const { rows, timesMs } = await walk(s.admin, { q }, 100);
        expect(
          rows.map((r) => r.callId),
          q,
        ).toEqual(matching(needle));
        console.info(
          `[measure] ${factory.name}: search "${q}": ${rows.length} calls in ${timesMs.length} pages, ` +
            `slowest page ${Math.max(...timesMs).toFixed(1)} ms`,
        );
      }
      const { rows } = await walk(s.admin, { q: '保温杯 refund' }, 100);
      expect(rows.map((r) => r.callId)).toEqual(
        s.calls
          .filter((_c, i) => i % 100 === 0)
          .sort(newestFirst)
          .map((c) => c.id),
      );
      expect(rows[0]?.snippet).toContain('保温杯');
      expect((await walk(s.admin, { q: '保温杯完好' }, 100)).rows).toEqual([]);
    }, 120_000);

    it('keeps search in step with a corrected transcript', async () => {
      const call = s.calls[1] as CallsTable;
      const stored = (await transcripts.find(call.id)) as StoredTranscript;
      (stored.segments[0] as { text: string }).text = '您好，这里是电饭煲售后专线。';
      await transcripts.save({ ...stored, corrected: true });
      const { rows } = await walk(s.admin, { q: '电饭煲售后' }, 100);
      expect(rows.map((r) => r.callId)).toEqual([call.id]);
      expect((await walk(s.admin, { q: '电饭煲' }, 100)).rows.map((r) => r.callId)).toEqual([call.id]);
    });
  });
}
