// Opens the database named by a URL: SQLite (better-sqlite3, the embedded default) or
// PostgreSQL (pg). Both get the same Kysely<Database>, the same migrations and the
// same camelCase mapping, so stores never branch on the dialect.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

// int8 (bigint) columns hold millisecond times and counts: safe as JS numbers.
pg.types.setTypeParser(20, (value) => Number(value));

export interface OpenDatabaseOptions {
  /** PostgreSQL only: schema to create and use (tests isolate themselves this way). */
  pgSchema?: string;
  pgPoolSize?: number;
}

export function openDatabase(url: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.pgPoolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new CamelCasePlugin()],
    });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (!url.startsWith('sqlite:')) throw new Error(`unsupported database URL: ${url.split(':')[0]}:`);
  const file = url.slice('sqlite:'.length);
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new CamelCasePlugin()],
  });
  return { db, kind: 'sqlite', close: () => db.destroy() };
}

/** Prepared statements kept, by SQL text (the app issues a few hundred distinct queries). */
const STATEMENT_CACHE_LIMIT = 500;

/**
 * better-sqlite3 behind Kysely, reusing each query's prepared statement: Kysely prepares
 * every query anew, and preparing costs more than running the small queries of a live call
 * (1–2 % of the event loop at 200 calls). Safe because Kysely runs one SQLite query at a time.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectConfig['database'] {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_LIMIT) statements.delete(statements.keys().next().value!);
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
