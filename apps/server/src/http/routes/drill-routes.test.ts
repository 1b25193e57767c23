// The drills API over real loopback HTTP with the real TTS and analysis: a trainee takes a
// dictation (audio, replay limit, one submit, diff), reads the warm-up sentences into the
// analyser, builds a voice baseline, and the class sees a leaderboard; other users are kept
// out of what is not theirs.
import { readFileSync } from 'node:fs';
import { decodeWav, encodeWav } from '@callsim/audio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { speechWav } from '../../agent/speech-wav.js';
import { voiceBaselineFor } from '../../drills/warmup-store.js';
import { login, startTestServer, type TestServer } from '../../testing/test-server.js';

let t: TestServer;
let trainee1: string;
let trainee2: string;
let teacher: string;

async function call(path: string, init: RequestInit & { cookie?: string; json?: unknown } = {}) {
  const { cookie, json, headers, ...rest } = init;
  const response = await fetch(`${t.url}/api/drills${path}`, {
    ...rest,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : new Uint8Array(await response.arrayBuffer());
  return { status: response.status, body, headers: response.headers };
}

beforeAll(async () => {
  t = await startTestServer();
  trainee1 = await login(t.url, 'trainee1', 'trainee123');
  trainee2 = await login(t.url, 'trainee2', 'trainee123');
  teacher = await login(t.url, 'teacher', 'teacher123');
});
afterAll(async () => {
  await t?.close();
});

describe('listen-and-type', () => {
  it('plays customer speech within the replay limit, scores one submit and shows the diff', async () => {
    const overview = await call('/overview', { cookie: trainee1 });
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({
      settings: { targetCharsPerMin: 60, targetAccuracy: 0.95, replayLimit: 3, locale: 'zh-CN' },
      canEditSettings: false,
    });

    const materials = await call('/typing/materials', { cookie: trainee1 });
    expect(materials.status).toBe(200);
    const line = materials.body.find((m: { id: string }) => m.id === 'line:complaint-late-delivery:annoyed');
    expect(line).toMatchObject({ mode: 'full', audio: 'tts', chars: 25, locale: 'zh-CN' });
    // The words stay on the server until the attempt is submitted.
    expect(JSON.stringify(materials.body)).not.toContain('一句对不起都没有');
    expect(materials.body.some((m: { mode: string }) => m.mode === 'key-fields')).toBe(true);

    const started = await call('/typing/attempts', {
      method: 'POST',
      cookie: trainee1,
      json: { materialId: line.id, speed: 0.7 },
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ speed: 0.7, replayLimit: 3, playCount: 0, fields: null });
    const id = started.body.attemptId as string;

    const audio = await call(`/typing/attempts/${id}/audio`, { cookie: trainee1 });
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toMatch(/audio\/wav/);
    const wav = decodeWav(audio.body as Uint8Array);
    expect(wav.sampleRateHz).toBe(16_000);
    expect(wav.channels[0]!.length / 16_000).toBeGreaterThan(1);

    expect((await call(`/typing/attempts/${id}/audio`, { cookie: trainee2 })).status).toBe(403);
    expect((await call(`/typing/attempts/${id}/plays`, { method: 'POST', cookie: trainee2 })).status).toBe(
      403,
    );
    for (const remaining of [2, 1, 0]) {
      const play = await call(`/typing/attempts/${id}/plays`, { method: 'POST', cookie: trainee1 });
      expect(play.body).toEqual({ playCount: 3 - remaining, remaining });
    }
    const fourth = await call(`/typing/attempts/${id}/plays`, { method: 'POST', cookie: trainee1 });
    expect(fourth.status).toBe(409);
    expect(fourth.body.error).toMatchObject({
      code: 'DRILL_REPLAY_LIMIT',
      message: '本题最多播放 3 次，已用完。',
    });

    const submitted = await call(`/typing/attempts/${id}/submit`, {
      method: 'POST',
      cookie: trainee1,
      json: { text: '你们这什么效率？一句对不起都没有，我下了单就这么干等者' },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      reference: '你们这什么效率？一句对不起都没有，我下了单就这么干等着？',
      referenceChars: 25,
      substitutions: 1,
      playCount: 3,
      speed: 0.7,
      targets: { charsPerMin: 60, accuracy: 0.95 },
    });
    expect(submitted.body.accuracy).toBeCloseTo(0.96, 10);
    expect(submitted.body.diff).toContainEqual({ kind: 'substitution', reference: '着', typed: '者' });
    const again = await call(`/typing/attempts/${id}/submit`, {
      method: 'POST',
      cookie: trainee1,
      json: { text: 'x' },
    });
    expect(again.body.error.code).toBe('DRILL_ATTEMPT_CLOSED');

    expect((await call(`/typing/attempts/${id}`, { cookie: trainee1 })).body.attemptId).toBe(id);
    expect((await call(`/typing/attempts/${id}`, { cookie: trainee2 })).status).toBe(403);
    expect((await call(`/typing/attempts/${id}`, { cookie: teacher })).status).toBe(200);
    const history = await call('/typing/attempts', { cookie: trainee1 });
    expect(history.body.map((a: { attemptId: string }) => a.attemptId)).toContain(id);
  });

  it('names the field that is wrong and refuses unknown material', async () => {
    const missing = await call('/typing/attempts', {
      method: 'POST',
      cookie: trainee1,
      json: { materialId: 'line:nope:nope' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('DRILL_MATERIAL_NOT_FOUND');
    const tooFast = await call('/typing/attempts', {
      method: 'POST',
      cookie: trainee1,
      json: { materialId: 'fields:complaint-damaged-cup', speed: 1.5 },
    });
    expect(tooFast.status).toBe(400);
    expect(tooFast.body.error.details.field).toBe('speed');
  });

  it('lets an evaluator of the class change its targets and replay limit, and nobody else', async () => {
    const { body: overview } = await call('/overview', { cookie: teacher });
    expect(overview.canEditSettings).toBe(true);
    const settings = { ...overview.settings, replayLimit: 1, targetCharsPerMin: 30 };
    delete settings.classId;
    const refused = await call(`/classes/${overview.classId}/settings`, {
      method: 'PUT',
      cookie: trainee1,
      json: settings,
    });
    expect(refused.status).toBe(403);
    const saved = await call(`/classes/${overview.classId}/settings`, {
      method: 'PUT',
      cookie: teacher,
      json: settings,
    });
    expect(saved.body).toMatchObject({ replayLimit: 1, targetCharsPerMin: 30 });
    const started = await call('/typing/attempts', {
      method: 'POST',
      cookie: trainee2,
      json: { materialId: 'fields:complaint-damaged-cup' },
    });
    expect(started.body).toMatchObject({
      replayLimit: 1,
      fields: ['orderNumber', 'name', 'phone', 'problem'],
      targets: { charsPerMin: 30 },
    });
    const id = started.body.attemptId;
    expect((await call(`/typing/attempts/${id}/plays`, { method: 'POST', cookie: trainee2 })).status).toBe(
      200,
    );
    expect((await call(`/typing/attempts/${id}/plays`, { method: 'POST', cookie: trainee2 })).status).toBe(
      409,
    );
    const result = await call(`/typing/attempts/${id}/submit`, {
      method: 'POST',
      cookie: trainee2,
      json: {
        fields: { orderNumber: '20261108-3391', name: '王先生', phone: '', problem: '保温杯破损投诉' },
      },
    });
    expect(result.body.fields.map((f: { id: string; accuracy: number }) => [f.id, f.accuracy])).toEqual([
      ['orderNumber', 1],
      ['name', 1],
      ['phone', 0],
      ['problem', 1],
    ]);
    await call(`/classes/${overview.classId}/settings`, {
      method: 'PUT',
      cookie: teacher,
      json: { ...settings, replayLimit: 3, targetCharsPerMin: 60 },
    });
  });
});

describe('voice warm-up', () => {
  it('measures a reading at once, against the bands, and keeps neutral + smiling as the baseline', async () => {
    const sentences = await call('/warmup/sentences', { cookie: trainee1 });
    expect(sentences.status).toBe(200);
    expect(sentences.body.templateId).toBe('inbound-standard');
    const greeting = sentences.body.sentences.find((s: { id: string }) => s.id === 'greeting');
    expect(greeting.text).toBe('您好，现代生活网上超市，工号trainee1，很高兴为您服务，请问有什么可以帮您？');
    expect(sentences.body.bands.ratePerMin).toEqual({ green: [150, 210], amber: [120, 240] });

    const spoken = greeting.text.replace('trainee1', '一零二四');
    const neutralWav = new Uint8Array(
      readFileSync(speechWav(spoken, 'zh-CN', { padBeforeMs: 400, padAfterMs: 600, rateWpm: 150 })),
    );
    const upload = (style: string, body: Uint8Array<ArrayBuffer>, cookie = trainee1) =>
      call(`/warmup/readings?sentenceId=greeting&style=${style}`, {
        method: 'POST',
        cookie,
        headers: { 'content-type': 'audio/wav' },
        body,
      });
    const neutral = await upload('neutral', neutralWav);
    expect(neutral.status).toBe(201);
    expect(neutral.body).toMatchObject({
      sentenceId: 'greeting',
      style: 'neutral',
      rateUnit: 'chars/min',
      smile: null,
    });
    const m = neutral.body.measures;
    expect(m.ratePerMin).toBeGreaterThan(120);
    expect(m.ratePerMin).toBeLessThan(260);
    expect(m.syllablesPerSec).toBeGreaterThan(2);
    expect(m.f0MedianHz).toBeGreaterThan(60);
    expect(m.energy2to3kHzRatio).toBeGreaterThan(0);
    expect(['green', 'amber', 'red']).toContain(neutral.body.bands.ratePerMin);
    expect(await voiceBaselineFor(t.server.ctx.db, (await me(trainee1)).id)).toBeNull();

    // A second reading of the same sentence stands in for the smiling one (espeak cannot smile).
    const smilingWav = new Uint8Array(
      readFileSync(speechWav(spoken, 'zh-CN', { padBeforeMs: 400, padAfterMs: 600, rateWpm: 160 })),
    );
    const smiling = await upload('smiling', smilingWav);
    expect(smiling.status).toBe(201);
    expect(smiling.body.smile).not.toBeNull();
    const baseline = await call('/warmup/baseline', { cookie: trainee1 });
    expect(baseline.body).toMatchObject({
      neutralReadingId: neutral.body.id,
      smilingReadingId: smiling.body.id,
    });
    expect(await voiceBaselineFor(t.server.ctx.db, (await me(trainee1)).id)).toEqual({
      neutral: { f0MedianHz: m.f0MedianHz, energy2to3kHzRatio: m.energy2to3kHzRatio },
      smiling: {
        f0MedianHz: smiling.body.measures.f0MedianHz,
        energy2to3kHzRatio: smiling.body.measures.energy2to3kHzRatio,
      },
    });

    const audio = await call(`/warmup/readings/${neutral.body.id}/audio`, { cookie: trainee1 });
    expect(decodeWav(audio.body as Uint8Array).sampleRateHz).toBe(16_000);
    expect((await call(`/warmup/readings/${neutral.body.id}/audio`, { cookie: trainee2 })).status).toBe(403);
    const listed = await call('/warmup/readings', { cookie: trainee1 });
    expect(listed.body.map((r: { id: string }) => r.id)).toEqual([smiling.body.id, neutral.body.id]);
  });

  it('refuses something that is not a WAV, and a silent recording, naming the reason', async () => {
    const garbage = await call('/warmup/readings?sentenceId=closing&style=neutral', {
      method: 'POST',
      cookie: trainee2,
      headers: { 'content-type': 'audio/webm' },
      body: new TextEncoder().encode('definitely not a wav file'),
    });
    expect(garbage.status).toBe(422);
    expect(garbage.body.error).toMatchObject({
      code: 'DRILL_RECORDING_INVALID',
      details: { reason: 'not a readable WAV file' },
    });
    // 2 s of digital silence, 16 kHz mono 16-bit.
    const silence = encodeWav({
      sampleRateHz: 16_000,
      channels: [new Int16Array(32_000)],
    }) as Uint8Array<ArrayBuffer>;
    const quiet = await call('/warmup/readings?sentenceId=closing&style=neutral', {
      method: 'POST',
      cookie: trainee2,
      body: silence,
    });
    expect(quiet.status).toBe(422);
    expect(quiet.body.error.details.reason).toBe('no speech was heard');
    const badStyle = await call('/warmup/readings?sentenceId=closing&style=grumpy', {
      method: 'POST',
      cookie: trainee2,
      body: silence,
    });
    expect(badStyle.status).toBe(400);
    expect(badStyle.body.error.details.field).toBe('style');
  });
});

describe('progress and leaderboard', () => {
  it('shows trends to the trainee and their evaluator only, and anonymises trainees who did not opt in', async () => {
    const own = await call('/progress', { cookie: trainee1 });
    expect(own.status).toBe(200);
    expect(own.body.typing.length).toBeGreaterThanOrEqual(1);
    expect(own.body.warmup.length).toBe(2);
    expect(own.body.hasVoiceBaseline).toBe(true);
    expect(own.body.bests.typingAttempts).toBeGreaterThanOrEqual(1);
    const trainee1Id = (await me(trainee1)).id;
    expect((await call(`/progress?userId=${trainee1Id}`, { cookie: trainee2 })).status).toBe(403);
    expect((await call(`/progress?userId=${trainee1Id}`, { cookie: teacher })).status).toBe(200);

    const before = await call('/leaderboard', { cookie: trainee2 });
    expect(before.status).toBe(200);
    const t1Entry = () =>
      before.body.entries.find((e: { isSelf: boolean; name: string | null }) => !e.isSelf && e.name === null);
    expect(t1Entry()).toBeDefined();
    expect(before.body.entries.find((e: { isSelf: boolean }) => e.isSelf).name).toBe('王浩');
    expect(
      (await call('/preferences', { method: 'PUT', cookie: trainee1, json: { showOnLeaderboard: true } }))
        .status,
    ).toBe(200);
    const after = await call('/leaderboard', { cookie: trainee2 });
    expect(after.body.entries.map((e: { name: string | null }) => e.name)).toContain('张小雨');
    expect((await call('/overview', { cookie: trainee1 })).body.showOnLeaderboard).toBe(true);
  });
});

async function me(cookie: string): Promise<{ id: string }> {
  const response = await fetch(`${t.url}/api/auth/session`, { headers: { cookie } });
  const body = (await response.json()) as { user: { id: string } };
  return body.user;
}
