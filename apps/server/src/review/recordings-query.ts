// The recordings list of the evaluator console: ended calls newest first, scoped to what
// the viewer may see (admins: all; evaluators: trainees of the classes they evaluate),
// with filters and transcript search, paged by keyset on (created_at_ms, id) so a page
// deep in 10,000 calls costs the same as the first. Access to a named class or trainee
// is checked by the caller before this runs.
import type { RecordingPageDto, RecordingRowDto, RecordingsQuery } from '@callsim/protocol';
import { AppError } from '@callsim/protocol';
import { type Kysely, sql } from 'kysely';
import type { Database, UsersTable } from '../storage/schema.js';
import { findSnippet, planSearch } from './search-terms.js';
import type { StoredSegment, TranscriptStore } from './transcript-store.js';

/** Encodes the position after `row` for the next page. */
export function encodeCursor(createdAtMs: number, callId: string): string {
  return `${createdAtMs}_${callId}`;
}

export function decodeCursor(cursor: string): { createdAtMs: number; callId: string } {
  const match = /^(\d{1,16})_([0-9A-Z]{1,40})$/.exec(cursor);
  if (!match)
    throw new AppError('BAD_REQUEST', 'bad cursor', { details: { field: 'cursor', reason: 'not a cursor' } });
  return { createdAtMs: Number(match[1]), callId: match[2] as string };
}

export interface RecordingsQueryDeps {
  db: Kysely<Database>;
  transcripts: TranscriptStore;
  scenarioTitle: (scenarioId: string, locale?: string) => string;
}

/**
 * One page of recordings visible to `viewer` matching `query`. With `only.callId` the one
 * call's row is returned whoever the viewer is (the caller has checked access).
 */
export async function queryRecordings(
  deps: RecordingsQueryDeps,
  viewer: UsersTable,
  query: Partial<RecordingsQuery> & { limit: number },
  only: { callId?: string } = {},
): Promise<RecordingPageDto> {
  const { db } = deps;
  const plan = query.q ? planSearch(query.q) : ({ kind: 'none' } as const);
  const latestScore = (column: 'total' | 'passed') =>
    sql<
      number | null
    >`(select s.${sql.ref(column)} from call_scores s where s.call_id = c.id order by s.version desc limit 1)`;

  let q = db
    .selectFrom('calls as c')
    .innerJoin('users as u', 'u.id', 'c.agentUserId')
    .select([
      'c.id',
      'c.createdAtMs',
      'c.durationMs',
      'c.scenarioId',
      'c.category',
      'c.direction',
      'c.locale',
      'c.mode',
      'u.id as traineeId',
      'u.displayName as traineeName',
      'u.username as traineeUsername',
    ])
    .select([
      latestScore('total').as('autoScore'),
      latestScore('passed').as('autoPassed'),
      sql<number>`(select count(*) from reviews r where r.call_id = c.id and r.status = 'published')`.as(
        'reviewCount',
      ),
      sql<
        number | null
      >`(select avg(r.total_pct) from reviews r where r.call_id = c.id and r.status = 'published')`.as(
        'humanScorePct',
      ),
      sql<
        string | null
      >`(select r.status from reviews r where r.call_id = c.id and r.evaluator_user_id = ${viewer.id})`.as(
        'myReview',
      ),
    ])
    .where('c.status', '=', 'ended');

  if (only.callId) {
    q = q.where('c.id', '=', only.callId);
  } else if (viewer.role === 'evaluator') {
    q = q.where(
      'c.agentUserId',
      'in',
      db
        .selectFrom('classMembers as mine')
        .innerJoin('classMembers as theirs', 'theirs.classId', 'mine.classId')
        .select('theirs.userId')
        .where('mine.userId', '=', viewer.id)
        .where('mine.roleInClass', '=', 'evaluator')
        .where('theirs.roleInClass', '=', 'trainee'),
    );
  } else if (viewer.role !== 'admin') {
    q = q.where('c.agentUserId', '=', viewer.id);
  }
  if (query.classId) {
    q = q.where(
      'c.agentUserId',
      'in',
      db
        .selectFrom('classMembers')
        .select('userId')
        .where('classId', '=', query.classId)
        .where('roleInClass', '=', 'trainee'),
    );
  }
  if (query.traineeId) q = q.where('c.agentUserId', '=', query.traineeId);
  if (query.scenarioId) q = q.where('c.scenarioId', '=', query.scenarioId);
  if (query.category) q = q.where('c.category', '=', query.category);
  if (query.fromMs !== undefined) q = q.where('c.createdAtMs', '>=', query.fromMs);
  if (query.toMs !== undefined) q = q.where('c.createdAtMs', '<=', query.toMs);
  if (query.minScore !== undefined) q = q.where(latestScore('total'), '>=', query.minScore);
  if (query.maxScore !== undefined) q = q.where(latestScore('total'), '<=', query.maxScore);
  const published = sql`(select 1 from reviews r where r.call_id = c.id and r.status = 'published')`;
  const mine = sql`(select 1 from reviews r where r.call_id = c.id and r.evaluator_user_id = ${viewer.id} and r.status = 'published')`;
  if (query.reviewed === 'yes') q = q.where(sql<boolean>`exists ${published}`);
  if (query.reviewed === 'no') q = q.where(sql<boolean>`not exists ${published}`);
  if (query.reviewed === 'mine') q = q.where(sql<boolean>`exists ${mine}`);
  if (query.reviewed === 'not-mine') q = q.where(sql<boolean>`not exists ${mine}`);
  if (plan.kind !== 'none') q = q.where(deps.transcripts.matchCondition(plan));
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    q = q.where(sql<boolean>`(c.created_at_ms, c.id) < (${after.createdAtMs}, ${after.callId})`);
  }

  const rows = await q
    .orderBy('c.createdAtMs', 'desc')
    .orderBy('c.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);

  const snippets = new Map<string, string | null>();
  if (query.q && page.length > 0) {
    const texts = await db
      .selectFrom('callTranscripts')
      .select(['callId', 'segments'])
      .where(
        'callId',
        'in',
        page.map((r) => r.id),
      )
      .execute();
    for (const t of texts) {
      const lines = (JSON.parse(t.segments) as StoredSegment[]).map((s) => s.text);
      snippets.set(t.callId, findSnippet(lines, query.q));
    }
  }

  const dtoRows: RecordingRowDto[] = page.map((r) => ({
    callId: r.id,
    createdAtMs: Number(r.createdAtMs),
    durationMs: r.durationMs === null ? null : Number(r.durationMs),
    scenarioId: r.scenarioId,
    scenarioTitle: deps.scenarioTitle(r.scenarioId),
    category: r.category,
    direction: r.direction,
    locale: r.locale,
    mode: r.mode,
    trainee: { id: r.traineeId, displayName: r.traineeName, username: r.traineeUsername },
    autoScore: r.autoScore === null ? null : Number(r.autoScore),
    autoPassed: r.autoPassed === null ? null : Number(r.autoPassed) === 1,
    reviewCount: Number(r.reviewCount),
    humanScorePct: r.humanScorePct === null ? null : Math.round(Number(r.humanScorePct) * 10) / 10,
    myReview: r.myReview === 'draft' || r.myReview === 'published' ? r.myReview : 'none',
    snippet: snippets.get(r.id) ?? null,
  }));
  const last = page.at(-1);
  return {
    rows: dtoRows,
    nextCursor: rows.length > query.limit && last ? encodeCursor(Number(last.createdAtMs), last.id) : null,
  };
}
