// The job queue in the database (the embedded default; RedisJobQueue replaces it when
// REDIS_URL is set). Jobs survive a restart; delivery is at-least-once; an idempotency
// key makes enqueueing the same work twice a no-op. A worker claims a due job by a
// conditional UPDATE (one winner even with several nodes on one PostgreSQL), holds a
// lease, and retries failures with exponential back-off.
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Logger } from '../logging/logger.js';
import { newId } from '../storage/ids.js';
import type { Database } from '../storage/schema.js';
import {
  DEFAULT_MAX_ATTEMPTS,
  type EnqueueOptions,
  type JobHandler,
  type JobQueue,
  type JobQueueHealth,
} from './job-queue.js';

export interface DbJobQueueOptions {
  pollIntervalMs?: number;
  leaseMs?: number;
  baseBackoffMs?: number;
  concurrency?: number;
  now?: () => number;
}

export class DbJobQueue implements JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running = 0;
  private stopped = true;
  private readonly workerId = `${hostname()}:${process.pid}:${newId()}`;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly baseBackoffMs: number;
  private readonly concurrency: number;
  private readonly now: () => number;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    options: DbJobQueueOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.baseBackoffMs = options.baseBackoffMs ?? 2_000;
    this.concurrency = options.concurrency ?? 2;
    this.now = options.now ?? Date.now;
  }

  handle(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  async enqueue(kind: string, payload: unknown, options: EnqueueOptions): Promise<boolean> {
    const nowMs = this.now();
    const result = await this.db
      .insertInto('jobs')
      .values({
        id: newId(nowMs),
        kind,
        payload: JSON.stringify(payload),
        idempotencyKey: options.idempotencyKey,
        status: 'pending',
        runAtMs: options.runAtMs ?? nowMs,
        attempts: 0,
        maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        lockedBy: null,
        lockedUntilMs: null,
        lastError: null,
        createdAtMs: nowMs,
        finishedAtMs: null,
      })
      .onConflict((oc) => oc.column('idempotencyKey').doNothing())
      .executeTakeFirst();
    const added = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    if (added) this.kick();
    return added;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.running > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  async health(): Promise<JobQueueHealth> {
    return { backend: 'database' };
  }

  /** Runs every due job now (tests, "advance the clock"); resolves when none is due. */
  async drain(): Promise<void> {
    while (await this.runOne()) {
      // keep going
    }
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), 0);
  }

  private async poll(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    try {
      while (!this.stopped && this.running < this.concurrency && (await this.runOne())) {
        // claimed and ran one; try the next
      }
    } catch (error) {
      this.logger.error({ err: error }, 'job poll failed');
    }
    if (!this.stopped && !this.timer) {
      this.timer = setTimeout(() => void this.poll(), this.pollIntervalMs);
      this.timer.unref();
    }
  }

  /** Claims and runs one due job; false when none is due. */
  private async runOne(): Promise<boolean> {
    const nowMs = this.now();
    const candidate = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('runAtMs', '<=', nowMs)]),
          eb.and([eb('status', '=', 'running'), eb('lockedUntilMs', '<', nowMs)]),
        ]),
      )
      .orderBy('runAtMs')
      .limit(1)
      .executeTakeFirst();
    if (!candidate) return false;
    const claimed = await this.db
      .updateTable('jobs')
      .set({
        status: 'running',
        lockedBy: this.workerId,
        lockedUntilMs: nowMs + this.leaseMs,
        attempts: candidate.attempts + 1,
      })
      .where('id', '=', candidate.id)
      .where('attempts', '=', candidate.attempts)
      .where('status', '=', candidate.status)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return true; // another worker won; look again
    const job = { ...candidate, attempts: candidate.attempts + 1 };
    this.running++;
    try {
      const handler = this.handlers.get(job.kind);
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(JSON.parse(job.payload), { attempt: job.attempts, maxAttempts: job.maxAttempts });
      await this.db
        .updateTable('jobs')
        .set({ status: 'done', finishedAtMs: this.now(), lockedBy: null, lockedUntilMs: null })
        .where('id', '=', job.id)
        .execute();
    } catch (error) {
      const failed = job.attempts >= job.maxAttempts;
      const backoffMs = this.baseBackoffMs * 2 ** (job.attempts - 1);
      await this.db
        .updateTable('jobs')
        .set({
          status: failed ? 'failed' : 'pending',
          runAtMs: this.now() + backoffMs,
          lastError: String((error as Error).message ?? error).slice(0, 2000),
          lockedBy: null,
          lockedUntilMs: null,
          ...(failed ? { finishedAtMs: this.now() } : {}),
        })
        .where('id', '=', job.id)
        .execute();
      this.logger.warn(
        { err: error, jobId: job.id, kind: job.kind, attempts: job.attempts, failed },
        'job failed',
      );
    } finally {
      this.running--;
      if (this.running === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
    return true;
  }
}
