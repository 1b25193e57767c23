// Migration 005: outbound calling — per-class simulated clocks, campaigns with their
// customer lists, the do-not-call list, call tasks and their dial attempts. A task's
// `origin_key` and an attempt's `call_id` are unique, so replayed jobs never duplicate them.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbound_clocks')
    .addColumn('class_key', 'text', (c) => c.primaryKey())
    .addColumn('base_real_ms', 'bigint', (c) => c.notNull())
    .addColumn('base_sim_ms', 'bigint', (c) => c.notNull())
    .addColumn('speed_factor', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_by_user_id', 'text')
    .execute();

  await db.schema
    .createTable('outbound_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('class_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scenario_ids', 'text', (c) => c.notNull())
    .addColumn('trainee_user_ids', 'text', (c) => c.notNull())
    .addColumn('window_start_sim_ms', 'bigint', (c) => c.notNull())
    .addColumn('window_end_sim_ms', 'bigint', (c) => c.notNull())
    .addColumn('quota_per_trainee', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('retry_backoff_ms', 'bigint', (c) => c.notNull())
    .addColumn('occasion', 'text')
    .addColumn('dial_mix', 'text')
    .addColumn('default_timezone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('created_by_user_id', 'text', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('started_at_ms', 'bigint')
    .execute();
  await db.schema
    .createIndex('outbound_campaigns_class_idx')
    .on('outbound_campaigns')
    .column('class_id')
    .execute();

  await db.schema
    .createTable('outbound_customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('phone_key', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('birthday', 'text')
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('outbound_customers_phone_unique', ['campaign_id', 'phone_key'])
    .execute();

  await db.schema
    .createTable('outbound_do_not_call')
    .addColumn('phone_key', 'text', (c) => c.primaryKey())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('added_by_user_id', 'text')
    .addColumn('added_at_ms', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbound_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('origin_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('class_id', 'text')
    .addColumn('trainee_user_id', 'text', (c) => c.notNull())
    .addColumn('scenario_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('customer', 'text', (c) => c.notNull())
    .addColumn('phone_key', 'text', (c) => c.notNull())
    .addColumn('occasion', 'text')
    .addColumn('origin_call_id', 'text')
    .addColumn('due_sim_ms', 'bigint', (c) => c.notNull())
    .addColumn('window_end_sim_ms', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('retry_backoff_ms', 'bigint', (c) => c.notNull())
    .addColumn('dial_mix', 'text')
    .addColumn('last_outcome', 'text')
    .addColumn('last_call_id', 'text')
    .addColumn('disposition', 'text')
    .addColumn('disposition_note', 'text')
    .addColumn('callback_at_sim_ms', 'bigint')
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('closed_at_ms', 'bigint')
    .execute();
  await db.schema
    .createIndex('outbound_tasks_trainee_idx')
    .on('outbound_tasks')
    .columns(['trainee_user_id', 'status'])
    .execute();
  await db.schema
    .createIndex('outbound_tasks_campaign_idx')
    .on('outbound_tasks')
    .column('campaign_id')
    .execute();
  await db.schema.createIndex('outbound_tasks_phone_idx').on('outbound_tasks').column('phone_key').execute();

  await db.schema
    .createTable('outbound_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull().unique())
    .addColumn('attempt_no', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('dialed_sim_ms', 'bigint', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outbound_attempts_task_idx')
    .on('outbound_attempts')
    .column('task_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outbound_attempts',
    'outbound_tasks',
    'outbound_do_not_call',
    'outbound_customers',
    'outbound_campaigns',
    'outbound_clocks',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
