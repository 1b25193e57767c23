// Migration 007: the evaluator console — class rubrics, reviews (one per evaluator and
// call), timestamped comments, transcript corrections, review notifications, and the
// searchable transcript of every call. Full-text search: an FTS5 table on SQLite, a GIN
// index on to_tsvector('simple', …) on PostgreSQL, both over the same n-gram text.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rubrics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('class_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('deductions', 'text', (c) => c.notNull())
    .addColumn('pass_pct', 'integer', (c) => c.notNull())
    .addColumn('updated_by_user_id', 'text')
    .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('rubrics_class_kind_unique', ['class_id', 'kind'])
    .execute();

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('evaluator_user_id', 'text', (c) => c.notNull())
    .addColumn('rubric_kind', 'text', (c) => c.notNull())
    .addColumn('rubric', 'text', (c) => c.notNull())
    .addColumn('item_scores', 'text', (c) => c.notNull())
    .addColumn('deduction_counts', 'text', (c) => c.notNull())
    .addColumn('total_points', 'double precision', (c) => c.notNull())
    .addColumn('max_points', 'integer', (c) => c.notNull())
    .addColumn('total_pct', 'double precision', (c) => c.notNull())
    .addColumn('grade', 'text')
    .addColumn('passed', 'integer')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('published_at_ms', 'bigint')
    .addUniqueConstraint('reviews_call_evaluator_unique', ['call_id', 'evaluator_user_id'])
    .execute();
  await db.schema
    .createIndex('reviews_call_status_idx')
    .on('reviews')
    .columns(['call_id', 'status'])
    .execute();
  await db.schema
    .createIndex('reviews_evaluator_idx')
    .on('reviews')
    .columns(['evaluator_user_id', 'status'])
    .execute();

  await db.schema
    .createTable('review_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.notNull())
    .addColumn('at_ms', 'bigint')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_comments_call_idx').on('review_comments').column('call_id').execute();

  await db.schema
    .createTable('transcript_corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('segment_index', 'integer', (c) => c.notNull())
    .addColumn('before_text', 'text', (c) => c.notNull())
    .addColumn('after_text', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.notNull())
    .addColumn('score_version', 'integer')
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('transcript_corrections_call_idx')
    .on('transcript_corrections')
    .column('call_id')
    .execute();

  await db.schema
    .createTable('review_notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('review_id', 'text', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('read_at_ms', 'bigint')
    .execute();
  await db.schema
    .createIndex('review_notifications_user_idx')
    .on('review_notifications')
    .columns(['user_id', 'id'])
    .execute();

  await db.schema
    .createTable('call_transcripts')
    .addColumn('call_id', 'text', (c) => c.primaryKey())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('segments', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('search_grams', 'text', (c) => c.notNull())
    .addColumn('corrected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  if (isPostgres(db)) {
    await sql`CREATE INDEX call_transcripts_grams_idx ON call_transcripts USING gin (to_tsvector('simple', search_grams))`.execute(
      db,
    );
  } else {
    await sql`CREATE VIRTUAL TABLE call_transcripts_fts USING fts5(call_id UNINDEXED, grams, tokenize = 'unicode61')`.execute(
      db,
    );
  }

  // The recordings list pages through ended calls newest first (keyset on created_at_ms, id).
  await db.schema
    .createIndex('calls_status_created_idx')
    .on('calls')
    .columns(['status', 'created_at_ms', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('calls_status_created_idx').execute();
  if (!isPostgres(db)) await sql`DROP TABLE call_transcripts_fts`.execute(db);
  for (const table of [
    'call_transcripts',
    'review_notifications',
    'transcript_corrections',
    'review_comments',
    'reviews',
    'rubrics',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
