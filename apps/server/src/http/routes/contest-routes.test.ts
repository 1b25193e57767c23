// /api/contests over real loopback HTTP and socket.io, with real recordings: who may create,
// nominate, play, vote, score and see the tally; the blind lists and audio URLs reveal no
// call or trainee; vote rules, phases, results, audit entries and the voting rate limits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeWav } from '@callsim/audio';
import {
  type ContestDto,
  type ContestEntryDto,
  type ContestResultsDto,
  type ContestTallyDto,
  socketClientOptions,
} from '@callsim/protocol';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCall, makeCallRecording } from '../../contests/__fixtures__/contest-fixtures.js';
import { login, startTestServer, type TestServer } from '../../testing/test-server.js';
import { CONTEST_RATE_LIMITS } from './contest-routes.js';

let t: TestServer;
let dir: string;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
const calls: Record<string, string> = {};
let contest: ContestDto;

async function api(pathname: string, who: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, headers, ...rest } = init;
  const response = await fetch(`${t.url}/api${pathname}`, {
    ...rest,
    headers: {
      cookie: cookies[who] ?? '',
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : Buffer.from(await response.arrayBuffer());
  return { status: response.status, body, headers: response.headers };
}

const entriesOf = async (who: string) =>
  (await api(`/contests/${contest.id}/entries`, who)).body as ContestEntryDto[];

/** Listens like a browser: fetches the audio, waits for its length, then reports the play. */
async function listen(who: string, entry: ContestEntryDto): Promise<number> {
  const audio = await api(entry.audioPath, who);
  expect(audio.status).toBe(200);
  await new Promise((r) => setTimeout(r, entry.durationMs * 0.85));
  return (await api(`/contests/${contest.id}/plays/${entry.key}`, who, { method: 'POST' })).status;
}

function socketOf(who: string): Promise<Socket> {
  const socket = connect(t.url, {
    ...socketClientOptions(),
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { cookie: cookies[who]! },
  });
  return new Promise((resolve) => socket.on('session:hello', () => resolve(socket)));
}

beforeAll(async () => {
  t = await startTestServer();
  dir = mkdtempSync(path.join(tmpdir(), 'callsim-contest-api-'));
  for (const [who, password] of [
    ['admin', 'admin123'],
    ['teacher', 'teacher123'],
    ['trainee1', 'trainee123'],
    ['trainee2', 'trainee123'],
    ['trainee3', 'trainee123'],
  ] as const) {
    cookies[who] = await login(t.url, who, password);
    ids[who] = (await t.server.ctx.users.findByUsername(who))!.id;
  }
  for (const who of ['trainee1', 'trainee2', 'trainee3']) {
    const recording = makeCallRecording(dir, who);
    calls[who] = await insertCall(t.server.ctx.db, ids[who]!, recording.path, recording.durationMs);
  }
}, 60_000);

afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('contest API', () => {
  it('lets an evaluator of the class create a contest with the default rubric; trainees cannot', async () => {
    const classes = (await api('/classes', 'teacher')).body as { id: string }[];
    const nowMs = Date.now();
    const body = {
      title: '最美语音客服评选',
      classIds: [classes[0]!.id],
      nominationOpensAtMs: nowMs - 1000,
      nominationClosesAtMs: nowMs + 3_600_000,
      votingOpensAtMs: nowMs + 3_600_000,
      votingClosesAtMs: nowMs + 7_200_000,
      votesPerVoter: 1,
      judgeWeightPct: 60,
      judgeUserIds: [ids.teacher],
    };
    expect((await api('/contests', 'trainee1', { method: 'POST', json: body })).status).toBe(403);
    const bad = await api('/contests', 'teacher', {
      method: 'POST',
      json: { ...body, votingOpensAtMs: nowMs },
    });
    expect(bad.body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'votingOpensAtMs' } });
    const created = await api('/contests', 'teacher', { method: 'POST', json: body });
    expect(created.status).toBe(201);
    contest = created.body;
    expect(contest).toMatchObject({ phase: 'nominating', votesPerVoter: 1, judgeWeightPct: 60 });
    expect(contest.rubric.map((c) => `${c.id}:${c.maxPoints}`)).toEqual([
      'pronunciation:30',
      'pace:20',
      'intonation:20',
      'warmth:20',
      'phrases:10',
    ]);
    const list = (await api('/contests', 'trainee2')).body as ContestDto[];
    expect(list.find((c) => c.id === contest.id)?.viewer).toMatchObject({
      canNominate: true,
      canVote: false,
      seesTally: false,
    });
  });

  it('takes a trainee’s own excerpt, refuses someone else’s recording, and lets the evaluator nominate', async () => {
    const refused = await api(`/contests/${contest.id}/entries`, 'trainee1', {
      method: 'POST',
      json: { callId: calls.trainee2 },
    });
    expect(refused.status).toBe(403);
    const own = await api(`/contests/${contest.id}/entries`, 'trainee1', {
      method: 'POST',
      json: { callId: calls.trainee1, startMs: 400, endMs: 2600 },
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ durationMs: 2200, mine: true, played: false });
    const again = await api(`/contests/${contest.id}/entries`, 'trainee1', {
      method: 'POST',
      json: { callId: calls.trainee1 },
    });
    expect(again.body.error.code).toBe('CONTEST_ENTRY_EXISTS');
    expect(
      (
        await api(`/contests/${contest.id}/entries`, 'trainee2', {
          method: 'POST',
          json: { callId: calls.trainee2, startMs: 400, endMs: 2600 },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api(`/contests/${contest.id}/entries`, 'teacher', {
          method: 'POST',
          json: { callId: calls.trainee3, startMs: 400, endMs: 2600 },
        })
      ).status,
    ).toBe(201);
    const denied = await t.server.ctx.db
      .selectFrom('auditLog')
      .select('target')
      .where('action', '=', 'access.denied')
      .where('actorUserId', '=', ids.trainee1!)
      .execute();
    expect(denied.map((d) => d.target)).toContain(`contest:${contest.id}:nominate:${calls.trainee2}`);
  });

  it('shows voters blind entries: labels and opaque keys, no names, ids or measures; audio is the agent channel', async () => {
    const listed = await api(`/contests/${contest.id}/entries`, 'trainee2');
    const text = JSON.stringify(listed.body);
    for (const secret of [
      calls.trainee1,
      calls.trainee2,
      calls.trainee3,
      ids.trainee1,
      ids.trainee3,
      '张小雨',
      '陈静',
    ])
      expect(text).not.toContain(secret);
    const entries = listed.body as ContestEntryDto[];
    expect(entries).toHaveLength(3);
    expect(entries.filter((e) => e.mine)).toHaveLength(1);
    expect(entries.every((e) => e.measures === undefined)).toBe(true);
    expect((await entriesOf('trainee2')).map((e) => e.key)).toEqual(entries.map((e) => e.key));
    const judged = await entriesOf('teacher');
    expect(judged[0]!.measures).toMatchObject({ durationMs: 2200 });
    expect(judged[0]!.measures!.articulationRatePerMin).toBeGreaterThan(0);

    const audio = await api(entries[0]!.audioPath, 'trainee2');
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    expect(audio.headers.get('content-disposition')).toBe(`inline; filename="${entries[0]!.label}.wav"`);
    const wav = decodeWav(new Uint8Array(audio.body as Buffer));
    expect(wav.channels).toHaveLength(1);
    expect(Math.round((wav.channels[0]!.length / wav.sampleRateHz) * 1000)).toBe(2200);
  });

  it('refuses votes before voting opens, then after the evaluator starts voting needs a full play first', async () => {
    const [first] = (await entriesOf('trainee2')).filter((e) => !e.mine);
    const early = await api(`/contests/${contest.id}/ballot`, 'trainee2', {
      method: 'PUT',
      json: { entryKeys: [first!.key] },
    });
    expect(early.body.error.code).toBe('CONTEST_PHASE_WRONG');
    expect(
      (
        await api(`/contests/${contest.id}/phase`, 'trainee2', {
          method: 'POST',
          json: { action: 'start-voting' },
        })
      ).status,
    ).toBe(403);
    const started = await api(`/contests/${contest.id}/phase`, 'teacher', {
      method: 'POST',
      json: { action: 'start-voting' },
    });
    expect(started.body.phase).toBe('voting');

    const unplayed = await api(`/contests/${contest.id}/ballot`, 'trainee2', {
      method: 'PUT',
      json: { entryKeys: [first!.key] },
    });
    expect(unplayed.body.error).toMatchObject({
      code: 'CONTEST_NOT_PLAYED',
      details: { label: first!.label },
    });
    const skipped = await api(`/contests/${contest.id}/plays/${first!.key}`, 'trainee2', { method: 'POST' });
    expect(skipped.body.error.code).toBe('CONTEST_NOT_PLAYED');
  });

  it('counts a vote after a play, refuses a self vote, and pushes the live tally only to evaluators', async () => {
    const teacherSocket = await socketOf('teacher');
    const traineeSocket = await socketOf('trainee1');
    const teacherTallies: ContestTallyDto[] = [];
    const traineeTallies: ContestTallyDto[] = [];
    teacherSocket.on('contest:tally', (tally: ContestTallyDto) => teacherTallies.push(tally));
    traineeSocket.on('contest:tally', (tally: ContestTallyDto) => traineeTallies.push(tally));
    try {
      const entries = await entriesOf('trainee2');
      const own = entries.find((e) => e.mine)!;
      const [a, b] = entries.filter((e) => !e.mine);
      expect(await listen('trainee2', a!)).toBe(204);
      expect(await listen('trainee2', own)).toBe(204);
      const self = await api(`/contests/${contest.id}/ballot`, 'trainee2', {
        method: 'PUT',
        json: { entryKeys: [own.key] },
      });
      expect(self.body.error.code).toBe('CONTEST_SELF_VOTE');
      const voted = await api(`/contests/${contest.id}/ballot`, 'trainee2', {
        method: 'PUT',
        json: { entryKeys: [a!.key] },
      });
      expect(voted.body).toMatchObject({ entryKeys: [a!.key], changeCount: 1, votesPerVoter: 1 });
      await expect.poll(() => teacherTallies.at(-1)?.votes).toBe(1);
      expect(teacherTallies.at(-1)!.entries.find((e) => e.key === a!.key)?.votes).toBe(1);

      // Change the vote: more than one is refused, another played entry is accepted.
      expect(await listen('trainee2', b!)).toBe(204);
      const two = await api(`/contests/${contest.id}/ballot`, 'trainee2', {
        method: 'PUT',
        json: { entryKeys: [a!.key, b!.key] },
      });
      expect(two.body.error).toMatchObject({ code: 'CONTEST_TOO_MANY_VOTES', details: { limit: 1 } });
      const changed = await api(`/contests/${contest.id}/ballot`, 'trainee2', {
        method: 'PUT',
        json: { entryKeys: [b!.key] },
      });
      expect(changed.body.changeCount).toBe(2);
      await expect.poll(() => teacherTallies.at(-1)?.entries.find((e) => e.key === b!.key)?.votes).toBe(1);
      expect(teacherTallies.at(-1)!.votes).toBe(1);
      expect((await api(`/contests/${contest.id}/ballot`, 'trainee2')).body.entryKeys).toEqual([b!.key]);

      expect((await api(`/contests/${contest.id}/tally`, 'trainee1')).status).toBe(403);
      expect((await api(`/contests/${contest.id}/tally`, 'teacher')).body.ballots).toBe(1);
      expect(traineeTallies).toEqual([]);
    } finally {
      teacherSocket.close();
      traineeSocket.close();
    }
    const audit = await t.server.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'details'])
      .where('actorUserId', '=', ids.trainee2!)
      .where('action', 'like', 'contest.vote%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['contest.vote', 'contest.vote-change']);
  });

  it('lets only judges score, keeps results until the close, then ranks with names', async () => {
    const entries = await entriesOf('teacher');
    const points = { pronunciation: 28, pace: 18, intonation: 17, warmth: 19, phrases: 9 };
    expect(
      (
        await api(`/contests/${contest.id}/scores/${entries[0]!.key}`, 'trainee1', {
          method: 'PUT',
          json: { points },
        })
      ).status,
    ).toBe(403);
    const over = await api(`/contests/${contest.id}/scores/${entries[0]!.key}`, 'teacher', {
      method: 'PUT',
      json: { points: { ...points, phrases: 11 } },
    });
    expect(over.body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'points.phrases' } });
    for (const [i, entry] of entries.entries())
      expect(
        (
          await api(`/contests/${contest.id}/scores/${entry.key}`, 'teacher', {
            method: 'PUT',
            json: { points: { ...points, pace: 18 - i } },
          })
        ).status,
      ).toBe(204);
    expect((await entriesOf('teacher'))[0]!.myScore?.points).toEqual(points);

    expect((await api(`/contests/${contest.id}/results`, 'trainee1')).body.error.code).toBe(
      'CONTEST_PHASE_WRONG',
    );
    expect(
      (await api(`/contests/${contest.id}/phase`, 'teacher', { method: 'POST', json: { action: 'close' } }))
        .body.phase,
    ).toBe('closed');
    const late = await api(`/contests/${contest.id}/ballot`, 'trainee3', {
      method: 'PUT',
      json: { entryKeys: [] },
    });
    expect(late.body.error.code).toBe('CONTEST_PHASE_WRONG');

    const results = (await api(`/contests/${contest.id}/results`, 'trainee1')).body as ContestResultsDto;
    expect(results.ballots).toBe(1);
    expect(results.entries.map((e) => e.rank)).toEqual([1, 2, 3]);
    const winner = results.entries[0]!;
    expect(winner.votes).toBe(1);
    expect(winner.popularScore).toBe(100);
    expect(winner.judgeScore).toBeGreaterThan(80);
    expect(winner.combinedScore).toBeCloseTo(0.6 * winner.judgeScore! + 40, 1);
    expect(new Set(results.entries.map((e) => e.nominee.displayName))).toEqual(
      new Set(['张小雨', '王浩', '陈静']),
    );
  });

  it('rate limits play marks per account', async () => {
    const entry = (await entriesOf('trainee3'))[0]!;
    let status = 0;
    for (let i = 0; i <= CONTEST_RATE_LIMITS.playsPerMinute && status !== 429; i++)
      status = (await api(`/contests/${contest.id}/plays/${entry.key}`, 'trainee3', { method: 'POST' }))
        .status;
    expect(status).toBe(429);
    const limited = await api(`/contests/${contest.id}/plays/${entry.key}`, 'trainee3', { method: 'POST' });
    expect(limited.body.error.code).toBe('CONTEST_RATE_LIMITED');
    expect(
      (await api(`/contests/${contest.id}/plays/${entry.key}`, 'trainee1', { method: 'POST' })).status,
    ).not.toBe(429);
  });

  it('hides a contest from people outside its classes', async () => {
    const outsider = await t.server.ctx.users.createUser(
      { username: 'outsider', password: 'outsider-pass', role: 'trainee' },
      {},
    );
    cookies.outsider = await login(t.url, 'outsider', 'outsider-pass');
    expect((await api('/contests', 'outsider')).body).toEqual([]);
    expect((await api(`/contests/${contest.id}/entries`, 'outsider')).status).toBe(403);
    expect(outsider.id).toBeTruthy();
  });
});
