// The call_scores table: every score of a call as a numbered version (1 at hang-up, one more
// per re-score; old versions are kept). Guarantees: versions of a call are 1, 2, 3… without
// gaps or duplicates, also when two writers race (the unique key decides, the loser retries).
import type { CallScoreDto, ScoreTranscriptDto, ScoreVersionDto } from '@callsim/protocol';
import type { CallScore, ScoreTranscript } from '@callsim/scoring';
import type { Kysely } from 'kysely';
import { newId } from '../storage/ids.js';
import type { CallScoresTable, Database } from '../storage/schema.js';
import type { CompactContours } from './compact-contours.js';

/** A stored version with its score and the transcript it was computed from. */
export interface StoredScore extends ScoreVersionDto {
  callId: string;
  agentUserId: string;
  scenarioId: string;
  score: CallScoreDto;
  transcript: ScoreTranscriptDto;
}

export interface NewScoreVersion {
  callId: string;
  agentUserId: string;
  scenarioId: string;
  score: CallScore;
  transcript: ScoreTranscript;
  transcriptSource: 'timeline' | 'override';
  contours: CompactContours | null;
  reason: string | null;
  actorUserId: string | null;
  createdAtMs: number;
}

/** Columns of a version headline (everything but the JSON payloads). */
const HEADLINE = [
  'callId',
  'version',
  'total',
  'passed',
  'failed',
  'reason',
  'actorUserId',
  'transcriptSource',
  'createdAtMs',
] as const;

type HeadlineRow = Pick<CallScoresTable, (typeof HEADLINE)[number]>;

export function toVersionDto(row: HeadlineRow): ScoreVersionDto {
  return {
    version: row.version,
    createdAtMs: row.createdAtMs,
    total: row.total,
    passed: row.passed === 1,
    failed: row.failed === 1,
    reason: row.reason,
    actorUserId: row.actorUserId,
    transcriptSource: row.transcriptSource,
  };
}

const isUniqueViolation = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'));
};

// A CallScore is a CallScoreDto: this line stops compiling if the two drift apart.
const asDto = (score: CallScore): CallScoreDto => score;

/** Stores `entry` as the next version of its call; returns the stored version. */
export async function insertScoreVersion(db: Kysely<Database>, entry: NewScoreVersion): Promise<StoredScore> {
  const dims = entry.score.dimensions;
  for (let attempt = 1; ; attempt++) {
    const top = await db
      .selectFrom('callScores')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('callId', '=', entry.callId)
      .executeTakeFirst();
    const version = Number(top?.version ?? 0) + 1;
    const row: CallScoresTable = {
      id: newId(),
      callId: entry.callId,
      version,
      agentUserId: entry.agentUserId,
      scenarioId: entry.scenarioId,
      total: entry.score.total,
      passed: entry.score.passed ? 1 : 0,
      failed: entry.score.failed ? 1 : 0,
      scriptScore: dims.script.score,
      speedScore: dims.speed.score,
      toneScore: dims.tone.score,
      courtesyScore: dims.courtesy.score,
      reason: entry.reason,
      actorUserId: entry.actorUserId,
      transcriptSource: entry.transcriptSource,
      scoreJson: JSON.stringify(entry.score),
      transcriptJson: JSON.stringify(entry.transcript),
      contoursJson: entry.contours === null ? null : JSON.stringify(entry.contours),
      createdAtMs: entry.createdAtMs,
    };
    try {
      await db.insertInto('callScores').values(row).execute();
    } catch (error) {
      if (attempt < 5 && isUniqueViolation(error)) continue;
      throw error;
    }
    return {
      ...toVersionDto(row),
      callId: row.callId,
      agentUserId: row.agentUserId,
      scenarioId: row.scenarioId,
      score: asDto(entry.score),
      transcript: entry.transcript,
    };
  }
}

/** Every version of a call, newest first (headlines only). */
export async function listScoreVersions(db: Kysely<Database>, callId: string): Promise<ScoreVersionDto[]> {
  const rows = await db
    .selectFrom('callScores')
    .select(HEADLINE)
    .where('callId', '=', callId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toVersionDto);
}

/** One version of a call's score (the latest when `version` is omitted); null when none. */
export async function readScore(
  db: Kysely<Database>,
  callId: string,
  version?: number,
): Promise<StoredScore | null> {
  let query = db
    .selectFrom('callScores')
    .select([...HEADLINE, 'agentUserId', 'scenarioId', 'scoreJson', 'transcriptJson'])
    .where('callId', '=', callId);
  query =
    version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return {
    ...toVersionDto(row),
    callId: row.callId,
    agentUserId: row.agentUserId,
    scenarioId: row.scenarioId,
    score: JSON.parse(row.scoreJson) as CallScoreDto,
    transcript: JSON.parse(row.transcriptJson) as ScoreTranscriptDto,
  };
}

/** The contour payload of a version (latest by default); null when none is stored. */
export async function readContours(
  db: Kysely<Database>,
  callId: string,
  version?: number,
): Promise<{ version: number; contours: CompactContours } | null> {
  let query = db.selectFrom('callScores').select(['version', 'contoursJson']).where('callId', '=', callId);
  query =
    version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
  const row = await query.executeTakeFirst();
  if (!row?.contoursJson) return null;
  return { version: row.version, contours: JSON.parse(row.contoursJson) as CompactContours };
}
