// Migration 008: the "best voice agent" contest — contests, their classes and judges, entries
// (recording excerpts), listens and completed plays, ballots, votes and judges' scores.
// The ballot rules live in constraints, so no code path (or race) can break them:
//   one ballot per account and contest        contest_ballots unique (contest_id, voter_user_id)
//   no two votes for one entry                contest_votes primary key (contest_id, voter_user_id, entry_id)
//   at most N votes                           slot unique per voter, 1 ≤ slot ≤ contest's votes_per_voter
//   no vote for oneself                       check voter_user_id <> nominee_user_id (nominee tied to the entry)
//   vote only after playing the entry         foreign key (entry_id, voter_user_id) → contest_plays
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('nomination_opens_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('nomination_closes_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('voting_opens_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('voting_closes_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('closed_at_ms', 'bigint')
    .addColumn('votes_per_voter', 'integer', (c) => c.notNull())
    .addColumn('judge_weight_pct', 'integer', (c) => c.notNull())
    .addColumn('rubric', 'text', (c) => c.notNull())
    .addColumn('shuffle_secret', 'text', (c) => c.notNull())
    .addColumn('ballot_changes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('contests_id_votes_uq', ['id', 'votes_per_voter'])
    .addCheckConstraint('contests_votes_ck', sql`votes_per_voter between 1 and 10`)
    .addCheckConstraint('contests_weight_ck', sql`judge_weight_pct between 0 and 100`)
    .execute();

  await db.schema
    .createTable('contest_classes')
    .addColumn('contest_id', 'text', (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('contest_classes_pk', ['contest_id', 'class_id'])
    .execute();
  await db.schema.createIndex('contest_classes_class_idx').on('contest_classes').column('class_id').execute();

  await db.schema
    .createTable('contest_judges')
    .addColumn('contest_id', 'text', (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('contest_judges_pk', ['contest_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('contest_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contest_id', 'text', (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('blind_key', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('nominee_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('nominated_by_user_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('start_ms', 'bigint', (c) => c.notNull())
    .addColumn('end_ms', 'bigint', (c) => c.notNull())
    .addColumn('audio_path', 'text', (c) => c.notNull())
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('contest_entries_nominee_uq', ['contest_id', 'nominee_user_id'])
    .addUniqueConstraint('contest_entries_label_uq', ['contest_id', 'label'])
    .addUniqueConstraint('contest_entries_ref_uq', ['id', 'contest_id', 'nominee_user_id'])
    .addCheckConstraint('contest_entries_span_ck', sql`start_ms >= 0 and end_ms > start_ms`)
    .execute();

  // An audio request starts a listen; the play mark needs the listen to have lasted long enough.
  await db.schema
    .createTable('contest_listens')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('contest_entries.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('started_at_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contest_listens_pk', ['entry_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('contest_plays')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('contest_entries.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('played_at_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contest_plays_pk', ['entry_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('contest_ballots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contest_id', 'text', (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('voter_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('change_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('contest_ballots_voter_uq', ['contest_id', 'voter_user_id'])
    .execute();

  await db.schema
    .createTable('contest_votes')
    .addColumn('contest_id', 'text', (c) => c.notNull())
    .addColumn('voter_user_id', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('nominee_user_id', 'text', (c) => c.notNull())
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('votes_per_voter', 'integer', (c) => c.notNull())
    .addColumn('cast_at_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contest_votes_pk', ['contest_id', 'voter_user_id', 'entry_id'])
    .addUniqueConstraint('contest_votes_slot_uq', ['contest_id', 'voter_user_id', 'slot'])
    .addCheckConstraint('contest_votes_slot_ck', sql`slot >= 1 and slot <= votes_per_voter`)
    .addCheckConstraint('contest_votes_self_ck', sql`voter_user_id <> nominee_user_id`)
    .addForeignKeyConstraint(
      'contest_votes_ballot_fk',
      ['contest_id', 'voter_user_id'],
      'contest_ballots',
      ['contest_id', 'voter_user_id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'contest_votes_entry_fk',
      ['entry_id', 'contest_id', 'nominee_user_id'],
      'contest_entries',
      ['id', 'contest_id', 'nominee_user_id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'contest_votes_played_fk',
      ['entry_id', 'voter_user_id'],
      'contest_plays',
      ['entry_id', 'user_id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'contest_votes_limit_fk',
      ['contest_id', 'votes_per_voter'],
      'contests',
      ['id', 'votes_per_voter'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('contest_votes_entry_idx').on('contest_votes').column('entry_id').execute();

  await db.schema
    .createTable('contest_scores')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('contest_entries.id').onDelete('cascade'))
    .addColumn('judge_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('contest_id', 'text', (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('points', 'text', (c) => c.notNull())
    .addColumn('total_points', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contest_scores_pk', ['entry_id', 'judge_user_id'])
    .execute();
  await db.schema
    .createIndex('contest_scores_contest_idx')
    .on('contest_scores')
    .column('contest_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'contest_scores',
    'contest_votes',
    'contest_ballots',
    'contest_plays',
    'contest_listens',
    'contest_entries',
    'contest_judges',
    'contest_classes',
    'contests',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
