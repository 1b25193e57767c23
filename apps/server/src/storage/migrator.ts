// Runs the migrations in migrations/ (one set for both dialects) at start.
// Migrations are imported statically so a built server needs no migration folder scan.
import { type Kysely, type Migration, Migrator } from 'kysely';
import * as m001 from './migrations/001-accounts.js';
import * as m002 from './migrations/002-calls.js';
import * as m003 from './migrations/003-jobs.js';
import type { Database } from './schema.js';

const MIGRATIONS: Record<string, Migration> = {
  '001-accounts': m001,
  '002-calls': m002,
  '003-jobs': m003,
};

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db,
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
