// The evaluator console over real HTTP and socket.io: permissions (evaluators only their
// classes, trainees only their own calls; refusals are 403 and audit-logged), a rubric
// review with a timestamped comment that the trainee is notified of and can read, a
// transcript correction that re-scores the call and keeps both score versions, the
// calibration report, and the gradebook export checked cell by cell in CSV and XLSX.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type CalibrationDto,
  type RecordingPageDto,
  type ReviewNotificationDto,
  type ReviewWorkspaceDto,
  socketClientOptions,
} from '@callsim/protocol';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertScoreVersion } from '../../results/score-store.js';
import { scoreStoredCall } from '../../results/score-stored-call.js';
import {
  addMember,
  COMPLAINT_SEGMENTS,
  endedCallRow,
  fakeCallScore,
  writeRecording,
} from '../../review/__fixtures__/review-fixtures.js';
import { iccTwoWayAgreement } from '../../review/calibration-statistics.js';
import type { CallsTable } from '../../storage/schema.js';
import { login, startTestServer, type TestServer } from '../../testing/test-server.js';

let t: TestServer;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
let demoClassId: string;
let classB: string;
let exportClass: string;

async function call(who: string, urlPath: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, headers, ...rest } = init;
  const response = await fetch(`${t.url}/api${urlPath}`, {
    ...rest,
    headers: {
      cookie: cookies[who] ?? '',
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    body: type.includes('json') && bytes.length > 0 ? JSON.parse(bytes.toString('utf8')) : undefined,
    headers: response.headers,
    bytes,
  };
}

async function deniedLogged(target: string): Promise<boolean> {
  const row = await t.server.ctx.db
    .selectFrom('auditLog')
    .select('id')
    .where('action', '=', 'access.denied')
    .where('target', '=', target)
    .executeTakeFirst();
  return row !== undefined;
}

async function seedCall(overrides: Partial<CallsTable> & { agentUserId: string }, withRecording = true) {
  const row = endedCallRow(overrides);
  if (withRecording) {
    const files = writeRecording(path.join(t.dataDir, 'recordings', 'test'), row, COMPLAINT_SEGMENTS);
    row.recordingPath = files.recordingPath;
    row.timelinePath = files.timelinePath;
    row.durationMs = files.durationMs;
  }
  await t.server.ctx.db.insertInto('calls').values(row).execute();
  return row;
}

async function user(username: string, password: string, role: 'trainee' | 'evaluator', displayName: string) {
  const created = await t.server.ctx.users.createUser({ username, password, role, displayName });
  ids[username] = created.id;
  cookies[username] = await login(t.url, username, password);
  return created.id;
}

beforeAll(async () => {
  t = await startTestServer({ CALLSIM_CALL_SCRIPTS_DIR: 'call-scripts' });
  const { ctx } = t.server;
  for (const [name, password] of [
    ['admin', 'admin123'],
    ['teacher', 'teacher123'],
    ['trainee1', 'trainee123'],
    ['trainee2', 'trainee123'],
  ] as const) {
    cookies[name] = await login(t.url, name, password);
    ids[name] = (await ctx.users.findByUsername(name))?.id as string;
  }
  demoClassId = (await ctx.db.selectFrom('classes').select('id').executeTakeFirstOrThrow()).id;
  classB = await ctx.classes.create('B班');
  await user('teacher2', 'teacher2-pass', 'evaluator', '赵老师');
  await user('trainee4', 'trainee4-pass', 'trainee', '刘洋');
  await user('teacher3', 'teacher3-pass', 'evaluator', '周老师');
  await addMember(ctx.db, classB, ids.teacher2 as string, 'evaluator');
  await addMember(ctx.db, classB, ids.trainee4 as string, 'trainee');
  await addMember(ctx.db, demoClassId, ids.teacher3 as string, 'evaluator');

  const base = Date.now() - 3_600_000;
  const scoring = { db: ctx.db, library: t.server.library, logger: ctx.logger };
  ids.callA1 = (await seedCall({ agentUserId: ids.trainee1 as string, createdAtMs: base })).id;
  ids.callA2 = (await seedCall({ agentUserId: ids.trainee2 as string, createdAtMs: base + 1000 })).id;
  ids.callB1 = (await seedCall({ agentUserId: ids.trainee4 as string, createdAtMs: base + 2000 })).id;
  for (const id of [ids.callA1, ids.callA2, ids.callB1]) await scoreStoredCall(scoring, id as string);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('who may see what', () => {
  it('lists only the calls of the evaluator’s classes; admins see all; trainees cannot list', async () => {
    const teacher = await call('teacher', '/review/recordings');
    expect(teacher.status).toBe(200);
    const teacherIds = (teacher.body as RecordingPageDto).rows.map((r) => r.callId);
    expect(teacherIds).toEqual([ids.callA2, ids.callA1]);
    const row = (teacher.body as RecordingPageDto).rows[1];
    expect(row).toMatchObject({
      scenarioTitle: '保温杯破损投诉',
      trainee: { username: 'trainee1' },
      reviewCount: 0,
      myReview: 'none',
    });
    expect(row?.autoScore).toEqual(expect.any(Number));
    const admin = await call('admin', '/review/recordings');
    expect((admin.body as RecordingPageDto).rows.map((r) => r.callId)).toEqual([
      ids.callB1,
      ids.callA2,
      ids.callA1,
    ]);
    expect((await call('trainee1', '/review/recordings')).status).toBe(403);
    const filtered = await call('teacher', `/review/recordings?traineeId=${ids.trainee1}&reviewed=no`);
    expect((filtered.body as RecordingPageDto).rows.map((r) => r.callId)).toEqual([ids.callA1]);
  });

  it('answers 403 and logs a direct URL to another class’s call, recording, list or export', async () => {
    for (const [who, url, target] of [
      ['teacher', `/review/calls/${ids.callB1}`, `review:call:${ids.callB1}`],
      ['teacher', `/review/calls/${ids.callB1}/recording`, `recording:call:${ids.callB1}`],
      ['teacher', `/review/recordings?classId=${classB}`, `recordings:class:${classB}`],
      ['teacher', `/review/classes/${classB}/gradebook.xlsx`, `gradebook:class:${classB}`],
      ['teacher2', `/review/classes/${demoClassId}/gradebook.csv`, `gradebook:class:${demoClassId}`],
      ['trainee1', `/review/calls/${ids.callA2}/recording`, `recording:call:${ids.callA2}`],
      ['trainee1', `/review/calls/${ids.callA2}/summary`, `review-summary:call:${ids.callA2}`],
    ] as const) {
      const response = await call(who, url);
      expect(response.status, url).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
      expect(await deniedLogged(target), target).toBe(true);
    }
    // A trainee may not open the console at all (role check, also logged).
    expect((await call('trainee1', `/review/calls/${ids.callA1}`)).status).toBe(403);
  });

  it('downloads a trainee’s own recording as a WAV attachment', async () => {
    const response = await call('trainee1', `/review/calls/${ids.callA1}/recording`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="callsim-.*\.wav"$/);
    const row = await t.server.ctx.db
      .selectFrom('calls')
      .select('recordingPath')
      .where('id', '=', ids.callA1 as string)
      .executeTakeFirstOrThrow();
    expect(response.bytes.equals(readFileSync(row.recordingPath as string))).toBe(true);
    expect((await call('teacher', `/review/calls/${ids.callA1}/recording`)).status).toBe(200);
  });
});

describe('reviewing a call', () => {
  it('scores the rubric, comments at a time, publishes, and the trainee is notified and sees it', async () => {
    const socket = connect(t.url, {
      ...socketClientOptions(),
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: cookies.trainee1 as string },
    });
    const received: ReviewNotificationDto[] = [];
    socket.on('review:published' as never, (payload: ReviewNotificationDto) => {
      received.push(payload);
    });
    await new Promise((resolve) => socket.on('session:hello' as never, resolve));

    const workspace = (await call('teacher', `/review/calls/${ids.callA1}`)).body as ReviewWorkspaceDto;
    expect(workspace.segments.map((s) => s.text)).toEqual(COMPLAINT_SEGMENTS.map((s) => s.text));
    expect(workspace.rubric.items.map((i) => [i.id, i.maxPoints])).toEqual([
      ['warmth', 40],
      ['handling', 40],
      ['knowledge', 20],
    ]);
    expect(workspace.autoScore?.markers.length).toBeGreaterThan(0);
    expect(workspace.myReview).toBeNull();

    const tooMuch = await call('teacher', `/review/calls/${ids.callA1}/review`, {
      method: 'PUT',
      json: { rubricKind: 'inbound', itemScores: { warmth: 45 } },
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error).toMatchObject({
      code: 'REVIEW_ITEM_OUT_OF_RANGE',
      details: { maxPoints: 40 },
    });

    const comment = await call('teacher', `/review/calls/${ids.callA1}/comments`, {
      method: 'POST',
      json: { atMs: 6400, text: '道歉及时，语气真诚。' },
    });
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({
      atMs: 6400,
      text: '道歉及时，语气真诚。',
      author: { displayName: '李老师' },
    });
    const early = await call('teacher', `/review/calls/${ids.callA1}/review/publish`, { method: 'POST' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('REVIEW_INCOMPLETE');
    // Not published yet: the trainee sees nothing.
    expect((await call('trainee1', `/review/calls/${ids.callA1}/summary`)).body.reviews).toEqual([]);

    const saved = await call('teacher', `/review/calls/${ids.callA1}/review`, {
      method: 'PUT',
      json: {
        rubricKind: 'inbound',
        itemScores: { warmth: 32, handling: 30, knowledge: 16 },
        deductionCounts: { 'dead-air': 2 },
        grade: 'good',
        summary: '整体流程完整，注意减少冷场。',
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      totalPoints: 76,
      maxPoints: 100,
      totalPct: 76,
      status: 'draft',
      passed: true,
    });
    const published = await call('teacher', `/review/calls/${ids.callA1}/review/publish`, { method: 'POST' });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');

    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toMatchObject({
      callId: ids.callA1,
      grade: 'good',
      totalPct: 76,
      evaluatorName: '李老师',
    });
    socket.close();

    const notifications = (await call('trainee1', '/review/notifications')).body as ReviewNotificationDto[];
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      callId: ids.callA1,
      readAtMs: null,
      scenarioTitle: '保温杯破损投诉',
    });
    const summary = (await call('trainee1', `/review/calls/${ids.callA1}/summary`)).body;
    expect(summary.reviews).toHaveLength(1);
    expect(summary.reviews[0]).toMatchObject({
      grade: 'good',
      totalPct: 76,
      summary: '整体流程完整，注意减少冷场。',
      itemScores: { warmth: 32, handling: 30, knowledge: 16 },
      comments: [{ atMs: 6400, text: '道歉及时，语气真诚。' }],
    });
    expect(summary.reviews[0].rubric.items[0].label['zh-CN']).toBe('服务热情');
    expect((await call('trainee1', '/review/notifications/read', { method: 'POST', json: {} })).body).toEqual(
      {
        updated: 1,
      },
    );
    const listed = (await call('teacher', '/review/recordings?reviewed=yes')).body as RecordingPageDto;
    expect(listed.rows.map((r) => [r.callId, r.humanScorePct, r.myReview])).toEqual([
      [ids.callA1, 76, 'published'],
    ]);
  });

  it('re-scores a call from a corrected transcript line and keeps both versions', async () => {
    const corrected = '非常抱歉给您带来不便，我非常理解您的心情，我们马上处理。';
    const response = await call('teacher', `/review/calls/${ids.callA1}/transcript`, {
      method: 'POST',
      json: { segmentIndex: 2, text: corrected },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rescored: true, scoreVersion: 2 });
    const workspace = response.body.workspace as ReviewWorkspaceDto;
    expect(workspace.segments[2]).toMatchObject({
      text: corrected,
      originalText: COMPLAINT_SEGMENTS[2]?.text,
    });
    expect(workspace.corrections).toEqual([
      expect.objectContaining({
        segmentIndex: 2,
        before: COMPLAINT_SEGMENTS[2]?.text,
        after: corrected,
        scoreVersion: 2,
      }),
    ]);
    expect(workspace.autoScoreVersions.map((v) => [v.version, v.reason])).toEqual([
      [2, 'transcript-corrected'],
      [1, 'call-finished'],
    ]);
    expect(workspace.autoScore?.version).toBe(2);
    const stored = await t.server.ctx.db
      .selectFrom('callScores')
      .select(['version', 'transcriptJson', 'actorUserId'])
      .where('callId', '=', ids.callA1 as string)
      .orderBy('version')
      .execute();
    expect(stored.map((s) => JSON.parse(s.transcriptJson).segments[2].text)).toEqual([
      COMPLAINT_SEGMENTS[2]?.text,
      corrected,
    ]);
    expect(stored[1]?.actorUserId).toBe(ids.teacher);
    const search = (await call('teacher', `/review/recordings?q=${encodeURIComponent('马上处理')}`))
      .body as RecordingPageDto;
    expect(search.rows.map((r) => r.callId)).toEqual([ids.callA1]);
    expect(search.rows[0]?.snippet).toContain('马上处理');
  });
});

describe('calibration', () => {
  it('shows agreement per rubric item, kappa on pass/fail, and the distance from the auto-score', async () => {
    const review = async (who: string, callId: string, scores: number[], grade: string) => {
      const [warmth, handling, knowledge] = scores;
      const saved = await call(who, `/review/calls/${callId}/review`, {
        method: 'PUT',
        json: { rubricKind: 'inbound', itemScores: { warmth, handling, knowledge }, grade },
      });
      expect(saved.status).toBe(200);
      expect((await call(who, `/review/calls/${callId}/review/publish`, { method: 'POST' })).status).toBe(
        200,
      );
    };
    // Blind: teacher3 does not see teacher's review of A1 before publishing their own.
    expect(
      ((await call('teacher3', `/review/calls/${ids.callA1}`)).body as ReviewWorkspaceDto).otherReviews,
    ).toEqual([]);
    await review('teacher3', ids.callA1 as string, [34, 32, 18], 'good');
    await review('teacher', ids.callA2 as string, [20, 18, 10], 'fail');
    await review('teacher3', ids.callA2 as string, [22, 16, 12], 'fail');
    const seen = (await call('teacher3', `/review/calls/${ids.callA1}`)).body as ReviewWorkspaceDto;
    expect(seen.otherReviews.map((r) => r.evaluator.displayName)).toEqual(['李老师']);

    const report = (await call('teacher', `/review/calibration?classId=${demoClassId}&rubricKind=inbound`))
      .body as CalibrationDto;
    expect(report).toMatchObject({ reviewedCalls: 2, sharedCalls: 2 });
    const warmth = report.items.find((i) => i.itemId === 'warmth');
    expect(warmth?.iccModel).toBe('ICC(2,1)');
    // Raters sorted by id: teacher was created before teacher3.
    expect(warmth?.icc).toBeCloseTo(
      iccTwoWayAgreement([
        [32, 34],
        [20, 22],
      ]) as number,
      3,
    );
    expect(report.kappaPairs).toHaveLength(1);
    expect(report.kappaPairs[0]).toMatchObject({ calls: 2, agreementPct: 100, kappa: 1 });
    const autos = await Promise.all(
      [ids.callA1, ids.callA2].map(async (id) =>
        Number(
          (
            await t.server.ctx.db
              .selectFrom('callScores')
              .select('total')
              .where('callId', '=', id as string)
              .orderBy('version', 'desc')
              .executeTakeFirstOrThrow()
          ).total,
        ),
      ),
    );
    // Totals in percent: teacher's A1 review is 78 − 2 × 1 (dead air) = 76; teacher3's 84; on A2 48 and 50.
    const [autoA1, autoA2] = autos as [number, number];
    const expectedDiff = (76 - autoA1 + (84 - autoA1) + (48 - autoA2) + (50 - autoA2)) / 4;
    expect(report.total.autoDiffCount).toBe(4);
    expect(report.total.autoDiffMeanPct).toBeCloseTo(expectedDiff, 1);
    // Outsiders of the class are refused.
    expect((await call('teacher2', `/review/calibration?classId=${demoClassId}`)).status).toBe(403);
  });
});

describe('gradebook export', () => {
  beforeAll(async () => {
    const { ctx } = t.server;
    exportClass = await ctx.classes.create('导出班');
    await user('ex1', 'ex1-password', 'trainee', '学员甲');
    await user('ex2', 'ex2-password', 'trainee', '学员乙');
    await addMember(ctx.db, exportClass, ids.ex1 as string, 'trainee');
    await addMember(ctx.db, exportClass, ids.ex2 as string, 'trainee');
    await addMember(ctx.db, exportClass, ids.teacher as string, 'evaluator');
    const base = Date.UTC(2025, 9, 1, 2, 0, 0);
    const seeded: [string, string, string, number, boolean][] = [
      ['ex1', 'complaint-damaged-cup', 'complaint', 80, true],
      ['ex1', 'complaint-damaged-cup', 'complaint', 50, false],
      ['ex1', 'inquiry-rice-cooker', 'inquiry', 90, true],
      ['ex2', 'complaint-damaged-cup', 'complaint', 40, false],
    ];
    for (const [k, [who, scenarioId, category, total, passed]] of seeded.entries()) {
      const row = await seedCall(
        { agentUserId: ids[who] as string, createdAtMs: base + k * 60_000, scenarioId, category },
        false,
      );
      ids[`ex-call-${k}`] = row.id;
      await insertScoreVersion(ctx.db, {
        callId: row.id,
        agentUserId: ids[who] as string,
        scenarioId,
        score: fakeCallScore(total, passed),
        transcript: { locale: 'zh-CN', segments: [] },
        transcriptSource: 'timeline',
        contours: null,
        reason: 'call-finished',
        actorUserId: null,
        createdAtMs: base,
      });
    }
    // The first call is reviewed: 70 % and a pass, which replaces its auto-score of 80.
    const first = ids['ex-call-0'] as string;
    await call('teacher', `/review/calls/${first}/review`, {
      method: 'PUT',
      json: { rubricKind: 'inbound', itemScores: { warmth: 28, handling: 28, knowledge: 14 }, grade: 'pass' },
    });
    expect((await call('teacher', `/review/calls/${first}/review/publish`, { method: 'POST' })).status).toBe(
      200,
    );
  });

  it('writes the CSV cell by cell (zh-CN headers, BOM, class row)', async () => {
    const response = await call('teacher', `/review/classes/${exportClass}/gradebook.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('gradebook-导出班.csv')}`,
    );
    const text = response.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text.slice(1), { relaxColumnCount: false }) as string[][];
    expect(rows).toEqual([
      ['用户名', '姓名', '保温杯破损投诉', '电饭煲选购咨询', '平均分', '通话数', '通过率(%)'],
      ['ex1', '学员甲', '60', '90', '70', '3', '66.7'],
      ['ex2', '学员乙', '40', '', '40', '1', '0'],
      ['全班', '导出班', '53.3', '90', '62.5', '4', '50'],
    ]);
  });

  it('writes the XLSX cell by cell (en-US headers, numbers as numbers, a sheet of calls)', async () => {
    const response = await call('teacher', `/review/classes/${exportClass}/gradebook.xlsx`, {
      headers: { 'accept-language': 'en-US' },
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Gradebook');
    const values = (n: number, width: number) =>
      Array.from({ length: width }, (_, c) => sheet?.getRow(n).getCell(c + 1).value ?? null);
    expect(sheet?.rowCount).toBe(4);
    expect(values(1, 7)).toEqual([
      'Username',
      'Name',
      '保温杯破损投诉',
      '电饭煲选购咨询',
      'Average',
      'Calls',
      'Pass rate (%)',
    ]);
    expect(values(2, 7)).toEqual(['ex1', '学员甲', 60, 90, 70, 3, 66.7]);
    expect(values(3, 7)).toEqual(['ex2', '学员乙', 40, null, 40, 1, 0]);
    expect(values(4, 7)).toEqual(['Class', '导出班', 53.3, 90, 62.5, 4, 50]);
    const calls = workbook.getWorksheet('Calls');
    expect(calls?.rowCount).toBe(5);
    const callRow = (n: number) =>
      Array.from({ length: 9 }, (_, c) => calls?.getRow(n).getCell(c + 1).value ?? null);
    expect(callRow(1)).toEqual([
      'Date',
      'Username',
      'Name',
      'Scenario',
      'Auto score',
      'Human score',
      'Reviews',
      'Final score',
      'Passed',
    ]);
    expect(callRow(2)).toEqual([
      new Date(Date.UTC(2025, 9, 1, 2, 0, 0)),
      'ex1',
      '学员甲',
      '保温杯破损投诉',
      80,
      70,
      1,
      70,
      'yes',
    ]);
    expect(callRow(3)).toEqual([
      new Date(Date.UTC(2025, 9, 1, 2, 1, 0)),
      'ex1',
      '学员甲',
      '保温杯破损投诉',
      50,
      null,
      0,
      50,
      'no',
    ]);
    expect(callRow(5)).toEqual([
      new Date(Date.UTC(2025, 9, 1, 2, 3, 0)),
      'ex2',
      '学员乙',
      '保温杯破损投诉',
      40,
      null,
      0,
      40,
      'no',
    ]);
  });
});

describe('class rubrics', () => {
  it('lets a class evaluator edit a rubric; new reviews use it, published ones keep theirs', async () => {
    const body = {
      items: [
        {
          id: 'greeting',
          label: { 'zh-CN': '开场问候', 'en-US': 'Greeting' },
          maxPoints: 50,
          autoRefs: ['script-steps'],
        },
        {
          id: 'empathy',
          label: { 'zh-CN': '共情安抚', 'en-US': 'Empathy' },
          maxPoints: 50,
          autoRefs: ['tone'],
        },
      ],
      passPct: 70,
    };
    expect(
      (
        await call('teacher2', `/review/classes/${demoClassId}/rubrics/inbound`, {
          method: 'PUT',
          json: body,
        })
      ).status,
    ).toBe(403);
    expect(await deniedLogged(`rubrics:class:${demoClassId}`)).toBe(true);
    const saved = await call('teacher', `/review/classes/${demoClassId}/rubrics/inbound`, {
      method: 'PUT',
      json: body,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ kind: 'inbound', custom: true, passPct: 70, classId: demoClassId });
    const rubrics = (await call('teacher', `/review/classes/${demoClassId}/rubrics`)).body as {
      kind: string;
      custom: boolean;
    }[];
    expect(rubrics.map((r) => [r.kind, r.custom])).toEqual([
      ['inbound', true],
      ['outbound', false],
      ['contest', false],
    ]);

    const fresh = await seedCall({
      agentUserId: (await t.server.ctx.users.findByUsername('trainee3'))?.id as string,
    });
    const workspace = (await call('teacher', `/review/calls/${fresh.id}`)).body as ReviewWorkspaceDto;
    expect(workspace.rubric.items.map((i) => i.id)).toEqual(['greeting', 'empathy']);
    const old = (await call('trainee1', `/review/calls/${ids.callA1}/summary`)).body;
    expect(old.reviews[0].rubric.items.map((i: { id: string }) => i.id)).toEqual([
      'warmth',
      'handling',
      'knowledge',
    ]);

    const reset = await call('teacher', `/review/classes/${demoClassId}/rubrics/inbound`, {
      method: 'DELETE',
    });
    expect(reset.body).toMatchObject({ custom: false });
    expect(reset.body.items.map((i: { id: string }) => i.id)).toEqual(['warmth', 'handling', 'knowledge']);
  });
});
