// Results over real loopback connections after a real call: the headless agent (the code of
// `callsim agent`) takes a zh-CN complaint call; the score-call job scores it within seconds
// of hang-up and the trainee's open softphone hears `call:scored`; the trainee reads the
// score, timeline, contours and trend; other trainees and other classes' evaluators get 403.
import {
  type CallContoursDto,
  type CallResultDto,
  type CallTimelineDto,
  type ResultCallDto,
  type ResultTrendDto,
  socketClientOptions,
} from '@callsim/protocol';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeadlessAgent } from '../../agent/headless-agent.js';
import { speechWav } from '../../agent/speech-wav.js';
import { scoreStoredCall } from '../../results/score-stored-call.js';
import { login, startTestServer, type TestServer } from '../../testing/test-server.js';

let t: TestServer;
let callId: string;
let hungUpAtMs: number;
const cookies: Record<string, string> = {};
type ScoredEvent = { callId: string; version: number; total: number };
const scoredEvents: ScoredEvent[] = [];
let socket: ReturnType<typeof connect>;

async function get<T>(path: string, who: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${t.url}/api${path}`, { headers: who ? { cookie: cookies[who]! } : {} });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function post(path: string, json: unknown): Promise<{ id: string }> {
  const response = await fetch(`${t.url}/api${path}`, {
    method: 'POST',
    headers: { cookie: cookies.admin!, 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

beforeAll(async () => {
  t = await startTestServer({ CALLSIM_CALL_SCRIPTS_DIR: 'call-scripts' });
  cookies.admin = await login(t.url, 'admin', 'admin123');
  cookies.teacher = await login(t.url, 'teacher', 'teacher123');
  cookies.trainee1 = await login(t.url, 'trainee1', 'trainee123');
  cookies.trainee2 = await login(t.url, 'trainee2', 'trainee123');
  await post('/classes', { name: '电商2402班' });
  await post('/users', {
    username: 'teacher2',
    password: 'password2',
    role: 'evaluator',
    className: '电商2402班',
  });
  cookies.teacher2 = await login(t.url, 'teacher2', 'password2');

  // trainee1's softphone stays open in another tab while the headless agent makes the call.
  socket = connect(t.url, {
    ...socketClientOptions(),
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { cookie: cookies.trainee1 },
  });
  // `call:scored` is not in ServerToClientEvents yet: listen through the untyped socket API.
  (socket as unknown as { on(event: string, listener: (payload: ScoredEvent) => void): void }).on(
    'call:scored',
    (payload) => {
      scoredEvents.push(payload);
    },
  );
  await new Promise((resolve) => socket.on('session:hello', resolve));

  const greeting = '您好，现代生活网上超市，很高兴为您服务。';
  const apology = '非常抱歉给您带来不便，我非常理解您的心情，马上为您补寄一个新的。';
  const result = await runHeadlessAgent({
    url: t.url,
    username: 'trainee1',
    password: 'trainee123',
    scenarioId: 'complaint-damaged-cup',
    turns: [
      { wav: speechWav(greeting, 'zh-CN'), text: greeting },
      { wav: speechWav(apology, 'zh-CN'), text: apology },
    ],
  });
  hungUpAtMs = Date.now();
  callId = result.callId;
}, 120_000);

afterAll(async () => {
  socket?.close();
  await t?.close();
});

describe('results of a real call', () => {
  it('scores the call within seconds of hang-up and tells the trainee', async () => {
    let list: ResultCallDto[] = [];
    await expect
      .poll(
        async () => {
          list = (await get<ResultCallDto[]>('/results/calls', 'trainee1')).body;
          return list.find((c) => c.callId === callId)?.scoreState;
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe('scored');
    const scoredAfterMs = Date.now() - hungUpAtMs;
    const row = list.find((c) => c.callId === callId)!;
    expect(row).toMatchObject({
      scenarioId: 'complaint-damaged-cup',
      mode: 'practice',
      latest: { version: 1 },
    });
    expect(row.scenarioTitle).toContain('保温杯');
    expect(scoredAfterMs).toBeLessThan(30_000);
    await expect.poll(() => scoredEvents.length).toBe(1);
    expect(scoredEvents[0]).toMatchObject({ callId, version: 1, total: row.latest!.total });
  });

  it('serves the score, timeline, contours and trend to the trainee', async () => {
    const result = await get<CallResultDto>(`/results/calls/${callId}`, 'trainee1');
    expect(result.status).toBe(200);
    const score = result.body.score!;
    expect(score.version).toBe(1);
    expect(Object.keys(score.score.dimensions)).toEqual(['script', 'speed', 'tone', 'courtesy']);
    expect(score.score.dimensions.tone.items.find((i) => i.id === 'pitch-movement')?.status).not.toBe(
      'notAvailable',
    );
    expect(score.score.adherence.steps.some((s) => s.found)).toBe(true);
    expect(score.transcript.segments.some((s) => s.speaker === 'agent' && s.text.includes('抱歉'))).toBe(
      true,
    );

    const timeline = await get<CallTimelineDto>(`/results/calls/${callId}/timeline`, 'trainee1');
    expect(timeline.body.segments.filter((s) => s.speaker === 'agent').length).toBeGreaterThanOrEqual(2);
    expect(timeline.body.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['ring', 'answer', 'hangup']),
    );

    const contours = await get<CallContoursDto>(`/results/calls/${callId}/contours`, 'trainee1');
    expect(contours.body.version).toBe(1);
    expect(contours.body.agent!.pitchHz.some((hz) => hz > 0)).toBe(true);
    expect(contours.body.caller!.pitchHz.some((hz) => hz > 0)).toBe(true);
    // The contour covers the whole call (the WAV may run a frame or two past the timeline's end).
    const steps = timeline.body.durationMs / contours.body.stepMs;
    expect(contours.body.agent!.pitchHz.length).toBeGreaterThanOrEqual(Math.floor(steps));
    expect(contours.body.agent!.pitchHz.length).toBeLessThanOrEqual(Math.ceil(steps) + 2);

    const trend = await get<ResultTrendDto>('/results/trend', 'trainee1');
    expect(trend.body.points.map((p) => p.callId)).toEqual([callId]);
    expect(trend.body.points[0]!.total).toBe(score.total);
  });

  it('keeps the first version when the call is re-scored', async () => {
    const timeline = (await get<CallTimelineDto>(`/results/calls/${callId}/timeline`, 'trainee1')).body;
    const stored = await scoreStoredCall(
      { db: t.server.ctx.db, library: t.server.library, logger: t.server.ctx.logger },
      callId,
      {
        transcriptOverride: {
          locale: 'zh-CN',
          segments: timeline.segments.map((s) => ({
            ...s,
            text: s.speaker === 'agent' ? '我不知道。' : s.text,
          })),
        },
        reason: 'transcript-corrected',
      },
    );
    expect(stored.version).toBe(2);
    const latest = (await get<CallResultDto>(`/results/calls/${callId}`, 'trainee1')).body;
    expect(latest.versions.map((v) => [v.version, v.transcriptSource])).toEqual([
      [2, 'override'],
      [1, 'timeline'],
    ]);
    expect(latest.score!.total).toBeLessThan(latest.versions[1]!.total);
    const first = (await get<CallResultDto>(`/results/calls/${callId}?version=1`, 'trainee1')).body;
    expect(first.score!.total).toBe(latest.versions[1]!.total);
    expect((await get(`/results/calls/${callId}?version=9`, 'trainee1')).status).toBe(404);
    expect((await get<CallContoursDto>(`/results/calls/${callId}/contours`, 'trainee1')).body.version).toBe(
      2,
    );
  });

  it('lets only the trainee, their class evaluator and admins see it', async () => {
    const trainee1Id = (await get<ResultCallDto[]>('/results/calls', 'trainee1')).body[0]!.agentUserId;
    const paths = [
      `/results/calls/${callId}`,
      `/results/calls/${callId}/timeline`,
      `/results/calls/${callId}/contours`,
      `/results/calls?userId=${trainee1Id}`,
      `/results/trend?userId=${trainee1Id}`,
    ];
    for (const path of paths) {
      expect((await get(path, ''))!.status, `${path} anonymous`).toBe(401);
      expect((await get(path, 'trainee2')).status, `${path} other trainee`).toBe(403);
      expect((await get(path, 'teacher2')).status, `${path} other class's evaluator`).toBe(403);
      expect((await get(path, 'teacher')).status, `${path} own evaluator`).toBe(200);
      expect((await get(path, 'admin')).status, `${path} admin`).toBe(200);
    }
    expect((await get<ResultCallDto[]>('/results/calls', 'trainee2')).body).toEqual([]);
    const audit = await t.server.ctx.db
      .selectFrom('auditLog')
      .select('target')
      .where('action', '=', 'access.denied')
      .execute();
    expect(audit.map((a) => a.target)).toContain(`results:call:${callId}`);
  });

  it('names bad input and unknown calls', async () => {
    const bad = await get<{ error: { code: string; details: { field: string } } }>(
      '/results/calls/nope',
      'trainee1',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('callId');
    expect((await get('/results/calls/01ARZ3NDEKTSV4RRFFQ69G5FAV', 'trainee1')).status).toBe(404);
    expect((await get('/results/trend?limit=0', 'trainee1')).status).toBe(400);
  });
});
