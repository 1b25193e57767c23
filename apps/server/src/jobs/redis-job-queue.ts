// The job queue on BullMQ (Redis), used instead of the database queue when REDIS_URL is
// set, so that several nodes share one queue. Same guarantees as DbJobQueue: jobs live in
// Redis (a restart loses none); one idempotency key is one BullMQ job id, so enqueueing
// the same work from two nodes adds one job; BullMQ hands each job to one worker under a
// lock that worker renews while it runs, and a job whose worker died goes back to the
// queue once its lock lapses (at-least-once). Connections open on first use; stop()
// closes them all, also when Redis is gone.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type DefaultJobOptions, type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import {
  DEFAULT_MAX_ATTEMPTS,
  type EnqueueOptions,
  type JobHandler,
  type JobQueue,
  type JobQueueHealth,
} from './job-queue.js';

export interface RedisJobQueueOptions {
  /** redis:// or rediss:// URL. */
  url: string;
  /** Prefix of every Redis key; nodes of one deployment share it, other users of the Redis pick their own. */
  prefix?: string;
  /** A running job's lock lasts this long and is renewed halfway; a dead node's job is retaken after it lapses. */
  leaseMs?: number;
  /** Delay before the first retry; each further retry waits twice as long. */
  baseBackoffMs?: number;
  /** Jobs this node runs at once. */
  concurrency?: number;
  /**
   * How long a finished job (and so its idempotency key) is kept. Every handler is idempotent
   * on its own, so a key forgotten after this only costs a repeat run, not a repeat effect.
   */
  keepFinishedMs?: number;
  /** How long health() waits for Redis to answer. */
  healthTimeoutMs?: number;
}

/** BullMQ queue name under the prefix: keys look like `callsim:jobs:<job id>`. */
const QUEUE_NAME = 'jobs';

// Bounds on how long a process lingers after stop() when Redis is gone: ioredis gives a
// socket that will never close this long, and the worker's long poll for jobs (whose
// watchdog timer outlives a forced close) lasts this long.
const DISCONNECT_TIMEOUT_MS = 100;
const LONG_POLL_SEC = 1;

/** What a BullMQ job carries: the payload, and who enqueued it (see enqueue()). */
interface StoredJob {
  payload: unknown;
  enqueueId: string;
}

/**
 * BullMQ job id of an idempotency key. Job ids may not contain ':' nor be integers, and
 * keys do (`score-call:<id>`); percent-encoding behind a fixed prefix keeps keys apart.
 */
function jobIdOf(idempotencyKey: string): string {
  return `key.${encodeURIComponent(idempotencyKey)}`;
}

export class RedisJobQueue implements JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly url: string;
  private readonly prefix: string;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly healthTimeoutMs: number;
  private readonly defaultJobOptions: DefaultJobOptions;
  /** This node's own connection (enqueues, health, whether Redis answers) and the queue on it. */
  private producer: { client: Redis; queue: Queue<StoredJob> } | null = null;
  private worker: Worker<StoredJob> | null = null;
  private stopping: Promise<void> | null = null;
  /** Redis is unreachable: its errors were logged once and stay quiet until it is back. */
  private outage = false;

  constructor(
    options: RedisJobQueueOptions,
    private readonly logger: Logger,
  ) {
    this.url = options.url;
    this.prefix = options.prefix ?? 'callsim';
    this.leaseMs = options.leaseMs ?? 60_000;
    this.concurrency = options.concurrency ?? 2;
    this.healthTimeoutMs = options.healthTimeoutMs ?? 1_000;
    const keepFinishedSec = Math.ceil((options.keepFinishedMs ?? 30 * 86_400_000) / 1000);
    this.defaultJobOptions = {
      backoff: { type: 'exponential', delay: options.baseBackoffMs ?? 2_000 },
      removeOnComplete: { age: keepFinishedSec },
      removeOnFail: { age: keepFinishedSec },
    };
  }

  handle(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  async enqueue(kind: string, payload: unknown, options: EnqueueOptions): Promise<boolean> {
    const { queue } = this.connect();
    const jobId = jobIdOf(options.idempotencyKey);
    const enqueueId = randomUUID();
    await queue.add(
      kind,
      { payload, enqueueId },
      {
        jobId,
        delay: Math.max(0, (options.runAtMs ?? 0) - Date.now()),
        attempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      },
    );
    // BullMQ answers a duplicate id with the existing job's id, not an error; the stored
    // job carries the enqueueId of whoever added it.
    const stored = await queue.getJob(jobId);
    return stored?.data.enqueueId === enqueueId;
  }

  start(): void {
    if (this.worker || this.stopping) return;
    this.connect();
    this.worker = new Worker<StoredJob>(QUEUE_NAME, (job) => this.run(job), {
      // Its own connections: BullMQ's worker blocks one of them waiting for jobs.
      connection: { url: this.url, disconnectTimeout: DISCONNECT_TIMEOUT_MS },
      drainDelay: LONG_POLL_SEC,
      prefix: this.prefix,
      concurrency: this.concurrency,
      name: `${hostname()}:${process.pid}`,
      lockDuration: this.leaseMs,
      // Look for lapsed locks as often as a lock lasts, so a dead node's job waits at most two leases.
      stalledInterval: this.leaseMs,
      // A run cut short by a crash costs an attempt in the database queue; allow as many here.
      maxStalledCount: DEFAULT_MAX_ATTEMPTS,
    });
    this.worker.on('failed', (job, error) => {
      const attempts = job?.attemptsMade ?? 0;
      const failed = job ? attempts >= (job.opts.attempts ?? 1) : true;
      this.logger.warn({ err: error, jobId: job?.id, kind: job?.name, attempts, failed }, 'job failed');
    });
    this.worker.on('error', (error) => this.reportError(error));
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      // Graceful while Redis answers: the running jobs finish and are marked done. Without
      // Redis nothing can be marked and BullMQ's graceful close would wait for it forever,
      // so force it; the unfinished jobs' locks lapse and another node runs them again.
      const reachable = this.producer?.client.status === 'ready';
      await this.worker?.close(!reachable);
      await this.producer?.queue.close();
      if (reachable) await this.producer?.client.quit();
      else this.producer?.client.disconnect();
    })();
    return this.stopping;
  }

  async health(): Promise<JobQueueHealth & { backend: 'redis' }> {
    if (this.stopping) return { backend: 'redis', status: 'down' };
    const { client } = this.connect();
    // Lost: say so now rather than queue a PING behind the reconnects. (While first
    // connecting the PING waits for the connection, up to the timeout.)
    if (client.status === 'reconnecting' || client.status === 'end')
      return { backend: 'redis', status: 'down' };
    let timer: NodeJS.Timeout | undefined;
    const answered = client.ping().then(
      () => true,
      () => false,
    );
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.healthTimeoutMs);
    });
    const up = await Promise.race([answered, timedOut]);
    clearTimeout(timer);
    return { backend: 'redis', status: up ? 'ok' : 'down' };
  }

  private connect(): { client: Redis; queue: Queue<StoredJob> } {
    if (this.stopping) throw new Error('job queue is stopped');
    if (!this.producer) {
      const client = new Redis(this.url, {
        connectionName: `${this.prefix}:${QUEUE_NAME}:enqueue`,
        disconnectTimeout: DISCONNECT_TIMEOUT_MS,
      });
      const queue = new Queue<StoredJob>(QUEUE_NAME, {
        connection: client,
        prefix: this.prefix,
        defaultJobOptions: this.defaultJobOptions,
      });
      // Without a listener an 'error' event (Redis unreachable) would end the process.
      queue.on('error', (error) => this.reportError(error));
      client.on('ready', () => {
        if (this.outage) this.logger.info('job queue reached Redis again');
        this.outage = false;
      });
      this.producer = { client, queue };
    }
    return this.producer;
  }

  /** Every error while connected; one per outage while reconnecting (each retry raises one). */
  private reportError(error: Error): void {
    if (this.producer?.client.status === 'ready') {
      this.logger.error({ err: error }, 'job queue error');
    } else if (!this.outage) {
      this.outage = true;
      this.logger.error({ err: error }, 'job queue lost Redis; reconnecting');
    }
  }

  private async run(job: Job<StoredJob>): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler for job kind ${job.name}`);
    await handler(job.data.payload, { attempt: job.attemptsStarted, maxAttempts: job.opts.attempts ?? 1 });
  }
}
