// Migration 002: calls — one row per simulated call, from queue to recording.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scenario_id', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('target_user_id', 'text')
    .addColumn('class_id', 'text')
    .addColumn('agent_user_id', 'text')
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('offered_at_ms', 'bigint')
    .addColumn('answered_at_ms', 'bigint')
    .addColumn('ended_at_ms', 'bigint')
    .addColumn('ring_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ended_by', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('duration_ms', 'bigint')
    .addColumn('recording_path', 'text')
    .addColumn('timeline_path', 'text')
    .addColumn('node_id', 'text')
    .addColumn('task_id', 'text')
    .execute();
  await db.schema
    .createIndex('calls_agent_idx')
    .on('calls')
    .columns(['agent_user_id', 'created_at_ms'])
    .execute();
  await db.schema.createIndex('calls_status_idx').on('calls').column('status').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calls').execute();
}
