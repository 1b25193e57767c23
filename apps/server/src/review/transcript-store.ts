// The current transcript of each call, kept searchable: filled from the call's timeline
// when the call ends (or on first use), changed only by evaluators' corrections, which
// are kept line by line with the text before and after. Search runs through one
// interface: FTS5 on SQLite, to_tsvector/GIN on PostgreSQL, both over search-terms.ts.
import type { TranscriptSegmentDto } from '@callsim/protocol';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { readStoredTimeline } from '../results/stored-timeline.js';
import type { DatabaseKind } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { fts5Query, normalizeSearchText, type SearchPlan, searchGrams, tsQuery } from './search-terms.js';

/** A stored line: the DTO plus what the scorer needs back. */
export interface StoredSegment extends TranscriptSegmentDto {
  interruption?: boolean;
}

export interface StoredTranscript {
  callId: string;
  locale: string;
  segments: StoredSegment[];
  corrected: boolean;
}

export class TranscriptStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
  ) {}

  /** Writes a call's transcript and its search terms (replacing what was there). */
  async save(transcript: StoredTranscript, nowMs = Date.now()): Promise<void> {
    await this.saveMany([transcript], nowMs);
  }

  /** Writes several transcripts in one transaction (indexing and seeding in bulk). */
  async saveMany(transcripts: readonly StoredTranscript[], nowMs = Date.now()): Promise<void> {
    if (transcripts.length === 0) return;
    const rows = transcripts.map((t) => {
      const text = t.segments.map((s) => s.text).join('\n');
      return {
        callId: t.callId,
        locale: t.locale,
        segments: JSON.stringify(t.segments),
        searchText: normalizeSearchText(text),
        searchGrams: searchGrams(text),
        corrected: t.corrected ? 1 : 0,
        updatedAtMs: nowMs,
      };
    });
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 200) {
        const batch = rows.slice(i, i + 200);
        const existing =
          this.kind === 'sqlite'
            ? (
                await trx
                  .selectFrom('callTranscripts')
                  .select('callId')
                  .where(
                    'callId',
                    'in',
                    batch.map((r) => r.callId),
                  )
                  .execute()
              ).map((r) => r.callId)
            : [];
        await trx
          .insertInto('callTranscripts')
          .values(batch)
          .onConflict((oc) =>
            oc.column('callId').doUpdateSet((eb) => ({
              locale: eb.ref('excluded.locale'),
              segments: eb.ref('excluded.segments'),
              searchText: eb.ref('excluded.searchText'),
              searchGrams: eb.ref('excluded.searchGrams'),
              corrected: eb.ref('excluded.corrected'),
              updatedAtMs: eb.ref('excluded.updatedAtMs'),
            })),
          )
          .execute();
        if (this.kind === 'sqlite') {
          // call_id is UNINDEXED in the FTS table: deleting by it scans, so only replaced rows pay for it.
          const replaced = existing.filter((id) => batch.some((r) => r.callId === id));
          if (replaced.length > 0)
            await sql`DELETE FROM call_transcripts_fts WHERE call_id IN (${sql.join(replaced)})`.execute(trx);
          await sql`INSERT INTO call_transcripts_fts (call_id, grams) VALUES ${sql.join(
            batch.map((r) => sql`(${r.callId}, ${r.searchGrams})`),
          )}`.execute(trx);
        }
      }
    });
  }

  /** The stored transcript of a call, or null when it was never indexed. */
  async find(callId: string): Promise<StoredTranscript | null> {
    const row = await this.db
      .selectFrom('callTranscripts')
      .select(['callId', 'locale', 'segments', 'corrected'])
      .where('callId', '=', callId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      callId: row.callId,
      locale: row.locale,
      segments: JSON.parse(row.segments) as StoredSegment[],
      corrected: row.corrected === 1,
    };
  }

  /**
   * Indexes a finished call from its timeline file unless it is indexed already; returns
   * the stored transcript, or null when the call has no readable timeline.
   */
  async ensureIndexed(callId: string): Promise<StoredTranscript | null> {
    const existing = await this.find(callId);
    if (existing) return existing;
    const call = await this.db
      .selectFrom('calls')
      .select(['id', 'timelinePath', 'locale', 'status'])
      .where('id', '=', callId)
      .executeTakeFirst();
    if (!call?.timelinePath || (call.status !== 'ended' && call.status !== 'abandoned')) return null;
    let timeline: Awaited<ReturnType<typeof readStoredTimeline>>;
    try {
      timeline = await readStoredTimeline(call.timelinePath, call.id);
    } catch {
      return null;
    }
    const transcript: StoredTranscript = {
      callId,
      locale: timeline.locale || call.locale,
      corrected: false,
      segments: timeline.segments.map((s, index) => ({
        index,
        speaker: s.speaker,
        startMs: s.startMs,
        endMs: s.endMs,
        text: s.text,
        originalText: null,
        ...(s.interruption === undefined ? {} : { interruption: s.interruption }),
      })),
    };
    await this.save(transcript);
    return transcript;
  }

  /** Indexes up to `limit` ended calls that have a timeline but no stored transcript yet. */
  async backfill(limit = 500): Promise<number> {
    const missing = await this.db
      .selectFrom('calls')
      .leftJoin('callTranscripts', 'callTranscripts.callId', 'calls.id')
      .select('calls.id')
      .where('calls.status', '=', 'ended')
      .where('calls.timelinePath', 'is not', null)
      .where('callTranscripts.callId', 'is', null)
      .orderBy('calls.id', 'desc')
      .limit(limit)
      .execute();
    let indexed = 0;
    for (const { id } of missing) if (await this.ensureIndexed(id)) indexed++;
    return indexed;
  }

  /**
   * A WHERE condition on `calls` (aliased `c`) true for calls whose transcript matches the
   * plan. `none` plans match everything.
   */
  matchCondition(plan: SearchPlan): Expression<SqlBool> {
    if (plan.kind === 'none') return sql<SqlBool>`1 = 1`;
    if (plan.kind === 'substring') {
      const pattern = `%${plan.needle.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      return sql<SqlBool>`exists (select 1 from call_transcripts t where t.call_id = c.id and t.search_text like ${pattern} escape '\\')`;
    }
    if (this.kind === 'postgres') {
      return sql<SqlBool>`c.id in (select t.call_id from call_transcripts t where to_tsvector('simple', t.search_grams) @@ to_tsquery('simple', ${tsQuery(plan.phrases)}))`;
    }
    return sql<SqlBool>`c.id in (select f.call_id from call_transcripts_fts f where call_transcripts_fts match ${fts5Query(plan.phrases)})`;
  }
}
