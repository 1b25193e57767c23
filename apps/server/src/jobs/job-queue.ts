// What the server asks of a durable job queue, whichever store keeps the jobs: the
// database (DbJobQueue, the embedded default) or Redis through BullMQ (RedisJobQueue,
// when REDIS_URL is set). Both guarantee: jobs survive a restart; delivery is
// at-least-once; one idempotency key is one job; each job runs on one worker at a time,
// however many nodes share the store; failures are retried with exponential back-off.

/** Runs one job. Throwing schedules a retry (or fails the job after its last attempt). */
export type JobHandler = (payload: unknown, job: JobInfo) => Promise<void>;

export interface JobInfo {
  /** 1 on the first run; a run cut short by a crash counts too. */
  attempt: number;
  maxAttempts: number;
}

export interface EnqueueOptions {
  /**
   * One job per key: enqueueing a key that already has a job, pending or finished, is a no-op
   * (on Redis for 30 days after it finished; see RedisJobQueueOptions.keepFinishedMs).
   */
  idempotencyKey: string;
  /** Wall-clock time (ms since the epoch) before which the job does not run; default now. */
  runAtMs?: number;
  /** Runs including the first; default 5. */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/** What GET /api/health reports about the queue's store. */
export type JobQueueHealth = { backend: 'database' } | { backend: 'redis'; status: 'ok' | 'down' };

export interface JobQueue {
  /** Registers the handler of a kind of job; register every kind before start(). */
  handle(kind: string, handler: JobHandler): void;
  /** Adds a job unless its idempotency key already has one; true when this call added it. */
  enqueue(kind: string, payload: unknown, options: EnqueueOptions): Promise<boolean>;
  /** Starts running due jobs in the background. */
  start(): void;
  /** Stops taking jobs, waits for the running ones and closes the connections it opened. */
  stop(): Promise<void>;
  health(): Promise<JobQueueHealth>;
}
