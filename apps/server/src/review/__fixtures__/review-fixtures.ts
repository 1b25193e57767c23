// Fixtures for review tests: users, classes and ended calls written straight into the
// database, a small real stereo WAV (agent left, caller right) with its timeline JSON, and
// a minimal CallScore with chosen totals for tests that need known auto-scores.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeWav } from '@callsim/audio';
import type { CallScore } from '@callsim/scoring';
import type { Kysely } from 'kysely';
import type { CallTimeline, TimelineSegment } from '../../recorder/timeline.js';
import { newId } from '../../storage/ids.js';
import type { CallsTable, Database } from '../../storage/schema.js';

export async function addUser(
  db: Kysely<Database>,
  username: string,
  role: 'trainee' | 'evaluator' | 'admin',
  displayName = username,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('users')
    .values({
      id,
      username,
      displayName,
      passwordHash: 'x',
      role,
      disabled: 0,
      locale: null,
      createdAtMs: Date.now(),
    })
    .execute();
  return id;
}

export async function addClass(db: Kysely<Database>, name: string): Promise<string> {
  const id = newId();
  await db.insertInto('classes').values({ id, name, description: '', createdAtMs: Date.now() }).execute();
  return id;
}

export async function addMember(
  db: Kysely<Database>,
  classId: string,
  userId: string,
  roleInClass: 'trainee' | 'evaluator',
): Promise<void> {
  await db
    .insertInto('classMembers')
    .values({ classId, userId, roleInClass, addedAtMs: Date.now() })
    .execute();
}

/** A calls row for an ended, answered call. */
export function endedCallRow(overrides: Partial<CallsTable> & { agentUserId: string }): CallsTable {
  const createdAtMs = overrides.createdAtMs ?? Date.now();
  return {
    id: overrides.id ?? newId(createdAtMs),
    scenarioId: 'complaint-damaged-cup',
    locale: 'zh-CN',
    direction: 'inbound',
    category: 'complaint',
    mode: 'practice',
    status: 'ended',
    source: 'practice',
    targetUserId: overrides.agentUserId,
    classId: null,
    offeredAtMs: createdAtMs,
    answeredAtMs: createdAtMs + 5000,
    endedAtMs: createdAtMs + 65_000,
    ringCount: 1,
    endedBy: 'agent',
    endReason: 'hangup',
    durationMs: 60_000,
    recordingPath: null,
    timelinePath: null,
    nodeId: null,
    taskId: null,
    ...overrides,
    createdAtMs,
  };
}

export const COMPLAINT_SEGMENTS: TimelineSegment[] = [
  {
    speaker: 'agent',
    startMs: 0,
    endMs: 2500,
    text: '您好，现代生活网上超市，很高兴为您服务。',
    engine: 'browser',
  },
  { speaker: 'caller', startMs: 2800, endMs: 6000, text: '我买的保温杯收到就是破的！', engine: 'script' },
  {
    speaker: 'agent',
    startMs: 6400,
    endMs: 9800,
    text: '非常抱歉给您带来不便，我非常理解您的心情。',
    engine: 'browser',
  },
  { speaker: 'caller', startMs: 10_200, endMs: 12_000, text: '那你们怎么处理？', engine: 'script' },
  {
    speaker: 'agent',
    startMs: 12_400,
    endMs: 15_600,
    text: '我们马上为您免费补寄一个新的。',
    engine: 'browser',
  },
];

/**
 * Writes a short real stereo WAV (a tone on the agent channel while the agent speaks, a
 * lower tone for the caller) and the timeline JSON under `dir`; returns their paths.
 */
export function writeRecording(
  dir: string,
  call: Pick<CallsTable, 'id' | 'scenarioId' | 'agentUserId'>,
  segments: TimelineSegment[] = COMPLAINT_SEGMENTS,
): { recordingPath: string; timelinePath: string; durationMs: number } {
  mkdirSync(dir, { recursive: true });
  const sampleRateHz = 16000;
  const durationMs = Math.max(...segments.map((s) => s.endMs)) + 1000;
  const length = Math.round((durationMs / 1000) * sampleRateHz);
  const agent = new Float32Array(length);
  const caller = new Float32Array(length);
  for (const s of segments) {
    const target = s.speaker === 'agent' ? agent : caller;
    const hz = s.speaker === 'agent' ? 220 : 140;
    const from = Math.floor((s.startMs / 1000) * sampleRateHz);
    const to = Math.min(length, Math.floor((s.endMs / 1000) * sampleRateHz));
    for (let i = from; i < to; i++) target[i] = 0.3 * Math.sin((2 * Math.PI * hz * i) / sampleRateHz);
  }
  const recordingPath = path.join(dir, `${call.id}.wav`);
  const timelinePath = path.join(dir, `${call.id}.json`);
  writeFileSync(recordingPath, encodeWav({ sampleRateHz, channels: [agent, caller] }));
  const timeline: CallTimeline = {
    callId: call.id,
    scenarioId: call.scenarioId,
    locale: 'zh-CN',
    direction: 'inbound',
    mode: 'practice',
    agentUserId: call.agentUserId ?? '',
    sampleRateHz,
    answeredAtMs: Date.now(),
    durationMs,
    endedBy: 'agent',
    recovered: false,
    segments,
    events: [
      { type: 'ring', atMs: -4000, ringCount: 1 },
      { type: 'answer', atMs: 0 },
      { type: 'hangup', atMs: durationMs, by: 'agent' },
    ],
  };
  writeFileSync(timelinePath, JSON.stringify(timeline));
  return { recordingPath, timelinePath, durationMs };
}

/** A CallScore with the given total and dimension scores (items carry one evidence each). */
export function fakeCallScore(
  total: number,
  passed: boolean,
  dims: { script?: number; speed?: number; tone?: number; courtesy?: number } = {},
): CallScore {
  const dimension = (id: 'script' | 'speed' | 'tone' | 'courtesy', itemId: string, score: number | null) => ({
    id,
    score,
    status: 'good' as const,
    weight: 25,
    effectiveWeightPct: 25,
    items: [
      {
        id: itemId,
        status: 'good' as const,
        score,
        weight: 1,
        value: score,
        unit: 'points' as const,
        band: 'green' as const,
        target: null,
        estimate: false,
        reason: null,
        evidence: [{ atMs: 1000, value: score, band: 'green' as const, text: 'evidence' }],
        advice: { 'zh-CN': '', 'en-US': '' },
      },
    ],
  });
  return {
    scenarioId: 'complaint-damaged-cup',
    locale: 'zh-CN',
    total,
    weightedTotal: total,
    passScore: 60,
    passed,
    failed: false,
    failReasons: [],
    weights: { script: 25, speed: 25, tone: 25, courtesy: 25 },
    dimensions: {
      script: dimension('script', 'script-steps', dims.script ?? total),
      speed: dimension('speed', 'speech-rate', dims.speed ?? total),
      tone: dimension('tone', 'warmth', dims.tone ?? total),
      courtesy: dimension('courtesy', 'forbidden-phrases', dims.courtesy ?? total),
    },
    adherence: { steps: [], forbidden: [], missingRequired: [] },
    deductions: [],
    deductedPoints: 0,
    metrics: {
      durationMs: 60_000,
      agentTalkMs: 30_000,
      callerTalkMs: 20_000,
      speechRatePerMin: 180,
      speechRateUnit: 'chars/min',
    },
    warnings: [],
  } as unknown as CallScore;
}
