// Runs the migrations in migrations/ (one set for both dialects) at start.
// Migrations are imported statically so a built server needs no migration folder scan.
import { type Kysely, type Migration, Migrator } from 'kysely';
import * as m001 from './migrations/001-accounts.js';
import * as m002 from './migrations/002-calls.js';
import * as m003 from './migrations/003-jobs.js';
import * as m004 from './migrations/004-scores.js';
import * as m005 from './migrations/005-outbound.js';
import * as m006 from './migrations/006-drills.js';
import * as m007 from './migrations/007-reviews.js';
import * as m008 from './migrations/008-contests.js';
import type { Database } from './schema.js';

const MIGRATIONS: Record<string, Migration> = {
  '001-accounts': m001,
  '002-calls': m002,
  '003-jobs': m003,
  '004-scores': m004,
  '005-outbound': m005,
  '006-drills': m006,
  '007-reviews': m007,
  '008-contests': m008,
};

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<Database>,
  options: { schema?: string } = {},
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    // With a schema of its own (PostgreSQL tests), the migration tables live there too:
    // Kysely otherwise finds another schema's lock table and skips creating its own.
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
    // Features land in parallel; a database that ran a later-numbered migration first must
    // still accept an earlier one added afterwards.
    allowUnorderedMigrations: true,
    provider: { getMigrations: async () => MIGRATIONS },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
