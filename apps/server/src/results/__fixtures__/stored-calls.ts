// Rows and scores for results storage tests: ended calls of a trainee and real CallScores
// (scoreCall of a short transcript against the project's complaint scenario), without audio.
import path from 'node:path';
import { type CallScore, type ScoreTranscript, scoreCall } from '@callsim/scoring';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { ScenarioLibrary } from '../../calls/scenario-library.js';
import type { Logger } from '../../logging/logger.js';
import { newId } from '../../storage/ids.js';
import type { CallsTable, Database } from '../../storage/schema.js';

export const TRANSCRIPT: ScoreTranscript = {
  locale: 'zh-CN',
  segments: [
    { speaker: 'caller', startMs: 0, endMs: 3000, text: '你好，我买的杯子坏了。' },
    { speaker: 'agent', startMs: 3500, endMs: 7000, text: '您好，非常抱歉给您带来不便。' },
  ],
};

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../../..');

/** The project's scenario library (call-scripts/), loaded once. */
let library: Promise<ScenarioLibrary> | null = null;
export function testLibrary(): Promise<ScenarioLibrary> {
  library ??= (async () => {
    const loaded = new ScenarioLibrary(path.join(REPO_ROOT, 'call-scripts'), silentLogger());
    await loaded.load();
    return loaded;
  })();
  return library;
}

export const silentLogger = (): Logger => pino({ level: 'silent' });

/** The scenario the stored calls are of. */
export const SCENARIO_ID = 'complaint-damaged-cup';

/** A real score of TRANSCRIPT; `rude` adds a forbidden phrase so the totals differ. */
export async function sampleScore(options: { rude?: boolean } = {}): Promise<CallScore> {
  const script = (await testLibrary()).get(SCENARIO_ID);
  const transcript: ScoreTranscript = options.rude
    ? {
        ...TRANSCRIPT,
        segments: [
          ...TRANSCRIPT.segments,
          { speaker: 'agent', startMs: 8000, endMs: 9000, text: '这不归我管，你去投诉吧。' },
        ],
      }
    : TRANSCRIPT;
  return scoreCall({ script, transcript });
}

/** Inserts an ended call of `agentUserId` (ids are time-ordered: later inserts sort newer). */
export async function insertCall(
  db: Kysely<Database>,
  agentUserId: string,
  overrides: Partial<CallsTable> = {},
): Promise<CallsTable> {
  const nowMs = Date.now();
  const row: CallsTable = {
    id: newId(),
    scenarioId: SCENARIO_ID,
    locale: 'zh-CN',
    direction: 'inbound',
    category: 'complaint',
    mode: 'practice',
    status: 'ended',
    source: 'practice',
    targetUserId: agentUserId,
    classId: null,
    agentUserId,
    createdAtMs: nowMs,
    offeredAtMs: nowMs,
    answeredAtMs: nowMs,
    endedAtMs: nowMs + 10_000,
    ringCount: 1,
    endedBy: 'agent',
    endReason: 'agent-hung-up',
    durationMs: 10_000,
    recordingPath: null,
    timelinePath: null,
    nodeId: null,
    taskId: null,
    ...overrides,
  };
  await db.insertInto('calls').values(row).execute();
  return row;
}
