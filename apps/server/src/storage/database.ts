// Opens the database named by a URL: SQLite (better-sqlite3, the embedded default) or
// PostgreSQL (pg). Both get the same Kysely<Database>, the same migrations and the
// same camelCase mapping, so stores never branch on the dialect.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
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
  /** Where a degraded-but-working condition is reported (default: a process warning). */
  warn?: (message: string) => void;
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
  const checkpointer = file === ':memory:' ? null : startSqliteCheckpointer(sqlite, file, options.warn);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    db,
    kind: 'sqlite',
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/** How often the checkpoint thread copies the write-ahead log into the database file. */
const CHECKPOINT_INTERVAL_MS = 1000;
/** Write-ahead log size kept on disk after a checkpoint restarts it. */
const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * The checkpoint thread: its own connection, which never writes, copying the log into the
 * database file every intervalMs. PASSIVE never blocks the server's readers or writers; it copies
 * what it can and leaves the rest for the next round, and costs nothing (no fsync) when the log
 * holds nothing new. Plain CommonJS run with `eval`, so the thread starts in ~30 ms without a
 * TypeScript loader (tests open hundreds of databases).
 */
const CHECKPOINT_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const SqliteDatabase = require(workerData.driver);
const db = new SqliteDatabase(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('wal_autocheckpoint = 0');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (!message.stop) return;
  clearInterval(timer);
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

/**
 * Moves WAL checkpoints off the event loop. SQLite checkpoints on the committing connection
 * once the log passes 1000 pages, and a checkpoint fsyncs: on a busy VM disk (300 calls writing
 * stereo WAVs) that stalled the media clock for up to 200 ms at a time. The server's connection
 * now never checkpoints (commits in WAL mode with synchronous=NORMAL do not fsync); a worker
 * thread with its own connection checkpoints every second. If the thread fails, the server's
 * connection goes back to checkpointing itself, so the log never grows without bound.
 */
function startSqliteCheckpointer(
  sqlite: SqliteDatabase.Database,
  file: string,
  warn: (message: string) => void = (message) => process.emitWarning(message),
): { stop(): Promise<void> } {
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  const worker = new Worker(CHECKPOINT_THREAD, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: path.resolve(file),
      intervalMs: CHECKPOINT_INTERVAL_MS,
    },
  });
  worker.unref();
  let failed = false;
  const checkpointHere = (reason: string) => {
    if (failed) return;
    failed = true;
    warn(`SQLite checkpoint thread failed (${reason}); checkpointing on the main thread`);
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  };
  let exited = false;
  let stopping = false;
  let stopped: () => void = () => {};
  worker.on('message', (message: { error?: string; stopped?: boolean }) => {
    if (message.error) checkpointHere(message.error);
    if (message.stopped) stopped();
  });
  worker.on('error', (error) => checkpointHere(error.message));
  worker.on('exit', (code) => {
    exited = true;
    if (!stopping) checkpointHere(`exited with code ${code}`);
    stopped();
  });
  return {
    stop: async () => {
      if (exited) return;
      stopping = true;
      const done = new Promise<void>((resolve) => {
        stopped = resolve;
      });
      worker.postMessage({ stop: true });
      const timeout = setTimeout(() => void worker.terminate(), 5000);
      await done;
      clearTimeout(timeout);
      await worker.terminate();
    },
  };
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
