// Read side of results: a trainee's finished calls with their score state (pending while the
// job runs, failed when it gave up), one call's result with every version, and the trend of
// totals and dimension scores over their scored calls (latest version of each call).
import type {
  CallResultDto,
  ResultCallDto,
  ResultTrendDto,
  ScoreStateDto,
  ScoreVersionDto,
  TrendPointDto,
} from '@callsim/protocol';
import type { Kysely } from 'kysely';
import type { CallsTable, Database } from '../storage/schema.js';
import { scoreCallJobKey } from './score-call-job.js';
import { listScoreVersions, readScore, toVersionDto } from './score-store.js';

/** Scenario titles for the list (the server's ScenarioLibrary fits). */
export interface ScenarioTitles {
  has(id: string): boolean;
  get(id: string): { title: string };
}

type CallRow = Pick<
  CallsTable,
  | 'id'
  | 'agentUserId'
  | 'scenarioId'
  | 'category'
  | 'direction'
  | 'mode'
  | 'locale'
  | 'answeredAtMs'
  | 'durationMs'
>;

const CALL_COLUMNS = [
  'id',
  'agentUserId',
  'scenarioId',
  'category',
  'direction',
  'mode',
  'locale',
  'answeredAtMs',
  'durationMs',
] as const;

function toCallDto(
  row: CallRow,
  titles: ScenarioTitles,
  state: ScoreStateDto,
  latest: ScoreVersionDto | null,
): ResultCallDto {
  return {
    callId: row.id,
    agentUserId: row.agentUserId ?? '',
    scenarioId: row.scenarioId,
    scenarioTitle: titles.has(row.scenarioId) ? titles.get(row.scenarioId).title : row.scenarioId,
    category: row.category,
    direction: row.direction,
    mode: row.mode,
    locale: row.locale,
    answeredAtMs: row.answeredAtMs,
    durationMs: row.durationMs,
    scoreState: state,
    latest,
  };
}

/** Ids of the calls among `callIds` whose scoring job gave up. */
async function failedJobs(db: Kysely<Database>, callIds: string[]): Promise<Set<string>> {
  if (callIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('jobs')
    .select('idempotencyKey')
    .where('idempotencyKey', 'in', callIds.map(scoreCallJobKey))
    .where('status', '=', 'failed')
    .execute();
  const failed = new Set(rows.map((r) => r.idempotencyKey));
  return new Set(callIds.filter((id) => failed.has(scoreCallJobKey(id))));
}

/** The user's ended calls, newest first, each with its latest score headline or its state. */
export async function listResultCalls(
  db: Kysely<Database>,
  titles: ScenarioTitles,
  userId: string,
  limit: number,
): Promise<ResultCallDto[]> {
  const calls = await db
    .selectFrom('calls')
    .select(CALL_COLUMNS)
    .where('agentUserId', '=', userId)
    .where('status', '=', 'ended')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const ids = calls.map((c) => c.id);
  const latest = new Map<string, ScoreVersionDto>();
  if (ids.length > 0) {
    const rows = await db
      .selectFrom('callScores as s')
      .innerJoin(
        (eb) =>
          eb
            .selectFrom('callScores')
            .select((e) => ['callId', e.fn.max('version').as('maxVersion')])
            .where('callId', 'in', ids)
            .groupBy('callId')
            .as('top'),
        (join) => join.onRef('top.callId', '=', 's.callId').onRef('top.maxVersion', '=', 's.version'),
      )
      .select([
        's.callId',
        's.version',
        's.total',
        's.passed',
        's.failed',
        's.reason',
        's.actorUserId',
        's.transcriptSource',
        's.createdAtMs',
      ])
      .execute();
    for (const row of rows) latest.set(row.callId, toVersionDto(row));
  }
  const failed = await failedJobs(
    db,
    ids.filter((id) => !latest.has(id)),
  );
  return calls.map((c) => {
    const version = latest.get(c.id) ?? null;
    const state: ScoreStateDto = version ? 'scored' : failed.has(c.id) ? 'failed' : 'pending';
    return toCallDto(c, titles, state, version);
  });
}

/** The call `callId` (for permission checks); null when unknown. */
export async function findCall(db: Kysely<Database>, callId: string): Promise<CallsTable | null> {
  const row = await db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
  return row ?? null;
}

/** One call's result: the chosen version (latest by default) and every version's headline. */
export async function callResult(
  db: Kysely<Database>,
  titles: ScenarioTitles,
  call: CallsTable,
  version?: number,
): Promise<CallResultDto | null> {
  const versions = await listScoreVersions(db, call.id);
  const chosen = versions.length === 0 ? null : await readScore(db, call.id, version);
  if (version !== undefined && versions.length > 0 && !chosen) return null;
  const state: ScoreStateDto =
    versions.length > 0 ? 'scored' : (await failedJobs(db, [call.id])).has(call.id) ? 'failed' : 'pending';
  return {
    call: toCallDto(call, titles, state, versions[0] ?? null),
    versions,
    score: chosen
      ? {
          version: chosen.version,
          createdAtMs: chosen.createdAtMs,
          total: chosen.total,
          passed: chosen.passed,
          failed: chosen.failed,
          reason: chosen.reason,
          actorUserId: chosen.actorUserId,
          transcriptSource: chosen.transcriptSource,
          score: chosen.score,
          transcript: chosen.transcript,
        }
      : null,
  };
}

/** Totals and dimension scores of the user's last `limit` scored calls, oldest first. */
export async function resultTrend(
  db: Kysely<Database>,
  userId: string,
  limit: number,
): Promise<ResultTrendDto> {
  const rows = await db
    .selectFrom('callScores as s')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('callScores')
          .select((e) => ['callId', e.fn.max('version').as('maxVersion')])
          .where('agentUserId', '=', userId)
          .groupBy('callId')
          .as('top'),
      (join) => join.onRef('top.callId', '=', 's.callId').onRef('top.maxVersion', '=', 's.version'),
    )
    .innerJoin('calls as c', 'c.id', 's.callId')
    .select([
      's.callId',
      's.scenarioId',
      'c.mode',
      'c.answeredAtMs',
      's.total',
      's.passed',
      's.scriptScore',
      's.speedScore',
      's.toneScore',
      's.courtesyScore',
    ])
    .orderBy('s.callId', 'desc')
    .limit(limit)
    .execute();
  const points: TrendPointDto[] = rows.reverse().map((r) => ({
    callId: r.callId,
    scenarioId: r.scenarioId,
    mode: r.mode,
    answeredAtMs: r.answeredAtMs,
    total: r.total,
    passed: r.passed === 1,
    dimensions: {
      script: r.scriptScore,
      speed: r.speedScore,
      tone: r.toneScore,
      courtesy: r.courtesyScore,
    },
  }));
  return { userId, points };
}
