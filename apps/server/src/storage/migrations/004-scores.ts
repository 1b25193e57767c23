// Migration 004: call_scores — every score of a call, versioned. The first version comes from
// the score-call job at hang-up; a re-score (e.g. after a transcript correction) adds a version
// and keeps the old ones. Headline numbers are columns so lists and trends never parse JSON.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('call_scores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('agent_user_id', 'text', (c) => c.notNull())
    .addColumn('scenario_id', 'text', (c) => c.notNull())
    .addColumn('total', 'double precision', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('failed', 'integer', (c) => c.notNull())
    .addColumn('script_score', 'double precision')
    .addColumn('speed_score', 'double precision')
    .addColumn('tone_score', 'double precision')
    .addColumn('courtesy_score', 'double precision')
    .addColumn('reason', 'text')
    .addColumn('actor_user_id', 'text')
    .addColumn('transcript_source', 'text', (c) => c.notNull())
    .addColumn('score_json', 'text', (c) => c.notNull())
    .addColumn('transcript_json', 'text', (c) => c.notNull())
    .addColumn('contours_json', 'text')
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('call_scores_call_version_unique', ['call_id', 'version'])
    .execute();
  await db.schema
    .createIndex('call_scores_agent_idx')
    .on('call_scores')
    .columns(['agent_user_id', 'call_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('call_scores').execute();
}
