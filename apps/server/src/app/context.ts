// The services one server process shares between REST routes, socket handlers, jobs
// and the CLI. Built once by createContext(); closed once by context.close().
import type { Kysely } from 'kysely';
import { AccessPolicy } from '../accounts/access-policy.js';
import { SetupGate } from '../accounts/first-run.js';
import { SessionStore } from '../accounts/session-store.js';
import { ClassStore, UserStore } from '../accounts/user-store.js';
import { type Config, effectiveDatabaseUrl } from '../config/config.js';
import { createJobQueue } from '../jobs/create-job-queue.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logging/logger.js';
import { type DatabaseKind, openDatabase } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrator.js';
import type { Database } from '../storage/schema.js';

export interface AppContext {
  config: Config;
  logger: Logger;
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  users: UserStore;
  classes: ClassStore;
  sessions: SessionStore;
  policy: AccessPolicy;
  setupGate: SetupGate;
  /**
   * Durable background jobs (scoring, follow-ups): register handlers with `jobs.handle(kind, fn)`.
   * In the database, or on BullMQ when REDIS_URL is set; close() stops it.
   */
  jobs: JobQueue;
  startedAtMs: number;
  close(): Promise<void>;
}

/** Opens the database, runs migrations and builds the stores. */
export async function createContext(config: Config, logger: Logger): Promise<AppContext> {
  const opened = openDatabase(effectiveDatabaseUrl(config), {
    warn: (message) => logger.warn({ component: 'database' }, message),
  });
  try {
    const applied = await migrateToLatest(opened.db);
    if (applied.length > 0) logger.info({ migrations: applied, database: opened.kind }, 'migrations applied');
  } catch (error) {
    await opened.close();
    throw error;
  }
  const jobs = createJobQueue(config, opened.db, logger.child({ component: 'jobs' }));
  return {
    config,
    logger,
    db: opened.db,
    databaseKind: opened.kind,
    users: new UserStore(opened.db),
    classes: new ClassStore(opened.db),
    sessions: new SessionStore(opened.db, config.sessionTtlHours * 3_600_000),
    policy: new AccessPolicy(opened.db),
    setupGate: new SetupGate(),
    jobs,
    startedAtMs: Date.now(),
    async close() {
      // Before the database: a running job may still write to it; the queue's Redis connections close too.
      await jobs.stop();
      await opened.close();
    },
  };
}
