// Databases for storage tests: always a fresh SQLite file; also PostgreSQL when
// TEST_DATABASE_URL is set (CI sets it), each test in its own schema, dropped after.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { type DatabaseKind, openDatabase } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrator.js';
import type { Database } from '../storage/schema.js';

export interface TestDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** PostgreSQL: the test's own schema (pass it to migrateToLatest). */
  schema?: string;
  close(): Promise<void>;
}

export interface TestDatabaseFactory {
  name: DatabaseKind;
  open(options?: { migrate?: boolean }): Promise<TestDatabase>;
}

export function testDatabaseFactories(): TestDatabaseFactory[] {
  const factories: TestDatabaseFactory[] = [
    {
      name: 'sqlite',
      async open({ migrate = true } = {}) {
        const dir = mkdtempSync(path.join(tmpdir(), 'callsim-db-'));
        const opened = openDatabase(`sqlite:${path.join(dir, 'test.sqlite')}`);
        if (migrate) await migrateToLatest(opened.db);
        return {
          db: opened.db,
          kind: 'sqlite',
          async close() {
            await opened.close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      },
    },
  ];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    factories.push({
      name: 'postgres',
      async open({ migrate = true } = {}) {
        const schema = `t_${randomBytes(6).toString('hex')}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`CREATE SCHEMA ${schema}`);
        await admin.end();
        const opened = openDatabase(url, { pgSchema: schema, pgPoolSize: 20 });
        const dropSchema = async () => {
          const cleanup = new pg.Client({ connectionString: url });
          await cleanup.connect();
          await cleanup.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await cleanup.end();
        };
        if (migrate) {
          try {
            await migrateToLatest(opened.db, { schema });
          } catch (error) {
            await opened.close();
            await dropSchema();
            throw error;
          }
        }
        return {
          db: opened.db,
          kind: 'postgres',
          schema,
          async close() {
            await opened.close();
            await dropSchema();
          },
        };
      },
    });
  }
  return factories;
}
