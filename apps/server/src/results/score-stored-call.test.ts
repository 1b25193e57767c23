// Scoring a stored call from its real files (espeak-ng speech placed with sox in a stereo WAV,
// and its timeline JSON) on real storage: both channels are analyzed, answer speed comes from
// the ring events, a re-score with a corrected transcript adds a version and keeps the first,
// and the score-call job scores a call once however often it is delivered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ScoreTranscript } from '@callsim/scoring';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DbJobQueue } from '../jobs/db-job-queue.js';
import { type TestDatabase, testDatabaseFactories } from '../testing/test-databases.js';
import { writeStereoCall } from './__fixtures__/stereo-call.js';
import { insertCall, silentLogger, testLibrary } from './__fixtures__/stored-calls.js';
import { analyzeInline } from './call-audio-analysis.js';
import { registerScoring, scoreCallJobHandler } from './score-call-job.js';
import { listScoreVersions, readContours, readScore } from './score-store.js';
import { type ScoringDeps, scoreStoredCall } from './score-stored-call.js';
import { scoreInline } from './scoring-workers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'callsim-score-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.each(testDatabaseFactories())('scoreStoredCall on $name', (factory) => {
  let t: TestDatabase;
  let deps: ScoringDeps;
  let events: { userId: string; event: string; payload: unknown }[];

  beforeEach(async () => {
    t = await factory.open();
    events = [];
    deps = {
      db: t.db,
      library: await testLibrary(),
      logger: silentLogger(),
      analyzer: analyzeInline,
      scorer: scoreInline,
      notify: (userId, event, payload) => events.push({ userId, event, payload }),
    };
  });
  afterEach(async () => {
    await t.close();
  });

  async function storedCall(agentUserId = 'trainee-1') {
    const call = await insertCall(t.db, agentUserId);
    const files = writeStereoCall(dir, call.id, agentUserId);
    await t.db
      .updateTable('calls')
      .set({
        recordingPath: files.wavPath,
        timelinePath: files.timelinePath,
        durationMs: files.timeline.durationMs,
      })
      .where('id', '=', call.id)
      .execute();
    return { call, ...files };
  }

  it('scores both channels, reads the rings, stores contours and tells the trainee', async () => {
    const { call, timeline } = await storedCall();
    const stored = await scoreStoredCall(deps, call.id);
    expect(stored).toMatchObject({ version: 1, reason: 'call-finished', transcriptSource: 'timeline' });

    const items = Object.values(stored.score.dimensions).flatMap((d) => d.items);
    const item = (id: string) => items.find((i) => i.id === id)!;
    expect(item('answer-time')).toMatchObject({ value: 9000, status: 'good' });
    expect(item('pitch-movement').status).not.toBe('notAvailable');
    expect(item('loudness-level').status).not.toBe('notAvailable');
    expect(stored.score.adherence.steps.some((s) => s.found)).toBe(true);

    const contours = (await readContours(t.db, call.id))!.contours;
    expect(contours.stepMs).toBe(50);
    expect(contours.agent!.pitchHz.length).toBe(Math.ceil(timeline.durationMs / 50));
    const voicedAt = (ms: number) => contours.agent!.pitchHz[Math.floor(ms / 50)]!;
    const agentTurn = timeline.segments.find((s) => s.speaker === 'agent')!;
    // The agent's pitch lies where the agent spoke and not where only the customer did.
    const agentVoiced = contours.agent!.pitchHz.filter(
      (hz, i) => hz > 0 && i * 50 >= agentTurn.startMs - 200,
    ).length;
    expect(agentVoiced).toBeGreaterThan(10);
    expect(voicedAt(1000)).toBe(0);
    expect(contours.caller!.pitchHz.slice(10, 40).some((hz) => hz > 0)).toBe(true);
    expect(contours.agent!.syllableTimesMs.every((ms) => ms >= agentTurn.startMs - 300)).toBe(true);
    expect(contours.pace.segments.length).toBe(2);
    expect(contours.pace.syllablesPerMin.some((v) => v !== null)).toBe(true);

    expect(events).toEqual([
      {
        userId: 'trainee-1',
        event: 'call:scored',
        payload: { callId: call.id, version: 1, total: stored.total, passed: stored.passed },
      },
    ]);
  });

  it("estimates warmth against the trainee's own baseline when one is provided", async () => {
    const { call } = await storedCall();
    const asked: string[] = [];
    const withoutBaseline = await scoreStoredCall(deps, call.id);
    const warmthOf = (s: typeof withoutBaseline) =>
      s.score.dimensions.tone.items.find((i) => i.id === 'warmth')!;
    expect(warmthOf(withoutBaseline)).toMatchObject({ status: 'notAvailable', reason: 'no-baseline' });
    const agentF0 = (await readContours(t.db, call.id))!.contours.agent!.summary.f0.medianHz;
    const withBaseline = await scoreStoredCall(
      {
        ...deps,
        voiceBaseline: async (userId) => {
          asked.push(userId);
          // The call's voice sits halfway (in semitones) between the neutral and the smiling reading.
          return { neutral: { f0MedianHz: agentF0 / 1.1 }, smiling: { f0MedianHz: agentF0 * 1.1 } };
        },
      },
      call.id,
      { reason: 'baseline-recorded' },
    );
    expect(asked).toEqual(['trainee-1']);
    expect(warmthOf(withBaseline).status).not.toBe('notAvailable');
    expect(warmthOf(withBaseline).value).toBeCloseTo(0.5, 1);
  });

  it('adds a version for a corrected transcript and keeps the first', async () => {
    const { call, timeline } = await storedCall();
    const first = await scoreStoredCall(deps, call.id);
    const corrected: ScoreTranscript = {
      locale: 'zh-CN',
      segments: timeline.segments.map((s) =>
        s.speaker === 'agent' ? { ...s, text: '这不归我管，你去投诉吧。' } : { ...s },
      ),
    };
    const second = await scoreStoredCall(deps, call.id, {
      transcriptOverride: corrected,
      actorUserId: 'teacher-1',
    });
    expect(second).toMatchObject({
      version: 2,
      reason: 'transcript-corrected',
      transcriptSource: 'override',
    });
    expect(second.total).toBeLessThan(first.total);
    expect((await listScoreVersions(t.db, call.id)).map((v) => [v.version, v.actorUserId])).toEqual([
      [2, 'teacher-1'],
      [1, null],
    ]);
    expect((await readScore(t.db, call.id, 1))?.total).toBe(first.total);
    expect((await readScore(t.db, call.id))?.transcript.segments[1]?.text).toBe('这不归我管，你去投诉吧。');
  });

  it('scores a call once however often the job is delivered', async () => {
    const { call } = await storedCall();
    const handler = scoreCallJobHandler(deps);
    const job = {} as never;
    await handler({ callId: call.id }, job);
    await handler({ callId: call.id }, job);
    expect(await listScoreVersions(t.db, call.id)).toHaveLength(1);
    await handler({ callId: 'no-such-call' }, job);
  });

  it('scores without voice measures when the recording is gone', async () => {
    const { call, wavPath } = await storedCall();
    rmSync(wavPath);
    const stored = await scoreStoredCall(deps, call.id);
    expect(stored.score.dimensions.tone.items.every((i) => i.status === 'notAvailable')).toBe(true);
    expect(await readContours(t.db, call.id)).toBeNull();
  });

  it('refuses calls that are unknown or still running', async () => {
    await expect(scoreStoredCall(deps, 'nope')).rejects.toMatchObject({ code: 'CALL_NOT_FOUND' });
    const running = await insertCall(t.db, 'trainee-1', { status: 'active' });
    await expect(scoreStoredCall(deps, running.id)).rejects.toMatchObject({ code: 'CALL_STATE_ILLEGAL' });
  });

  it('enqueues scoring at start for ended calls that have neither a score nor a job', async () => {
    const scored = await storedCall();
    await scoreStoredCall(deps, scored.call.id);
    const unscored = await insertCall(t.db, 'trainee-1');
    await insertCall(t.db, 'trainee-1', { status: 'abandoned' });
    const jobs = new DbJobQueue(t.db, silentLogger());
    expect(await registerScoring(jobs, deps)).toBe(1);
    expect(await registerScoring(jobs, deps)).toBe(0);
    const queued = await t.db.selectFrom('jobs').select(['kind', 'payload']).execute();
    expect(queued).toEqual([{ kind: 'score-call', payload: JSON.stringify({ callId: unscored.id }) }]);
  });
});
