// Migration 006: drills — per-class drill settings, leaderboard opt-in, every listen-and-type
// attempt (started, then submitted with its numbers) and every voice warm-up reading with
// its measures. Portable types only: text ids, bigint ms, integer booleans, JSON text.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('drill_class_settings')
    .addColumn('class_id', 'text', (c) => c.primaryKey())
    // JSON: { locale, templateId, targetCharsPerMin, targetAccuracy, replayLimit, defaultSpeed }.
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_by_user_id', 'text')
    .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('drill_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('show_on_leaderboard', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('typing_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('class_id', 'text')
    .addColumn('material_id', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('scenario_id', 'text', (c) => c.notNull())
    .addColumn('scenario_title', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    // JSON: { text } (full) or { fields: [{ id, text, compact }] } (key fields) — what was said.
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('speed_pct', 'integer', (c) => c.notNull())
    .addColumn('replay_limit', 'integer', (c) => c.notNull())
    .addColumn('play_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('target_chars_per_min', 'integer', (c) => c.notNull())
    .addColumn('target_accuracy', 'double precision', (c) => c.notNull())
    .addColumn('started_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('first_play_at_ms', 'bigint')
    .addColumn('submitted_at_ms', 'bigint')
    // JSON of what was typed ({ text } or { fields }); null until submitted.
    .addColumn('typed', 'text')
    .addColumn('elapsed_ms', 'bigint')
    .addColumn('reference_chars', 'integer')
    .addColumn('typed_chars', 'integer')
    .addColumn('substitutions', 'integer')
    .addColumn('deletions', 'integer')
    .addColumn('insertions', 'integer')
    .addColumn('cer', 'double precision')
    .addColumn('accuracy', 'double precision')
    .addColumn('chars_per_min', 'double precision')
    .addColumn('net_chars_per_min', 'double precision')
    .addColumn('passed', 'integer')
    // JSON: the alignment runs (and per-field results in key-field mode).
    .addColumn('diff', 'text')
    .execute();
  await db.schema
    .createIndex('typing_attempts_user_idx')
    .on('typing_attempts')
    .columns(['user_id', 'submitted_at_ms'])
    .execute();
  await db.schema
    .createIndex('typing_attempts_class_idx')
    .on('typing_attempts')
    .columns(['class_id', 'submitted_at_ms'])
    .execute();

  await db.schema
    .createTable('warmup_readings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('class_id', 'text')
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('sentence_id', 'text', (c) => c.notNull())
    .addColumn('style', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recording_path', 'text')
    .addColumn('duration_ms', 'bigint', (c) => c.notNull())
    .addColumn('voiced_ms', 'bigint', (c) => c.notNull())
    .addColumn('speech_units', 'integer', (c) => c.notNull())
    .addColumn('rate_per_min', 'double precision', (c) => c.notNull())
    .addColumn('pitch_sd_semitones', 'double precision', (c) => c.notNull())
    .addColumn('f0_median_hz', 'double precision', (c) => c.notNull())
    .addColumn('level_db', 'double precision', (c) => c.notNull())
    .addColumn('longest_pause_ms', 'bigint', (c) => c.notNull())
    .addColumn('pause_count', 'integer', (c) => c.notNull())
    // JSON: every measure of WarmupMeasuresDto plus the voice profile (f0, 2–3 kHz energy).
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('warmup_readings_user_idx')
    .on('warmup_readings')
    .columns(['user_id', 'created_at_ms'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('warmup_readings').execute();
  await db.schema.dropTable('typing_attempts').execute();
  await db.schema.dropTable('drill_preferences').execute();
  await db.schema.dropTable('drill_class_settings').execute();
}
