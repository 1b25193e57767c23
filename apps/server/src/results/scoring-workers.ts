// A small pool of worker threads for the CPU-bound part of scoring: voice analysis (~1 s per
// channel per 5 minutes of audio) and scoreCall (the fuzzy 话术 matcher, ~0.3–1.5 s on a long
// call). Scoring never stalls the media clock of live calls on this node, and the two channels
// of a call are analyzed in parallel. Guarantees: tasks run in arrival order; idle threads exit
// after `idleMs` and never keep the process alive; when no thread can start (or one dies), the
// task runs inline instead, so scoring still completes.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { DetailedChannelAnalysis } from '@callsim/analysis';
import { type CallScore, type ScoreCallInput, scoreCall } from '@callsim/scoring';
import { startModuleWorker } from '@callsim/speech';
import type { Logger } from '../logging/logger.js';
import { analyzeInline, type ChannelAnalyzer } from './call-audio-analysis.js';

/** Scores a call; may run elsewhere (a worker thread). */
export type CallScorer = (input: ScoreCallInput) => Promise<CallScore>;

/** scoreCall on the calling thread. */
export const scoreInline: CallScorer = async (input) => scoreCall(input);

export interface ScoringWorkersOptions {
  /** Most threads at once (default: 2, or 1 on a single core). */
  size?: number;
  /** An idle thread exits after this long, ms (default 60 s). */
  idleMs?: number;
  logger?: Logger;
}

type Job =
  | { kind: 'analyze'; samples: Float32Array; sampleRateHz: number }
  | { kind: 'score'; input: ScoreCallInput };

interface Task {
  id: number;
  job: Job;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  idleTimer: NodeJS.Timeout | null;
  /** True once the thread answered a message: an early error means threads cannot start here. */
  proven: boolean;
}

function runInline(job: Job): Promise<unknown> {
  return job.kind === 'analyze' ? analyzeInline(job.samples, job.sampleRateHz) : scoreInline(job.input);
}

export class ScoringWorkers {
  private readonly size: number;
  private readonly idleMs: number;
  private readonly logger: Logger | undefined;
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private nextId = 1;
  private inlineOnly = false;
  private closed = false;

  constructor(options: ScoringWorkersOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(2, availableParallelism()));
    this.idleMs = options.idleMs ?? 60_000;
    this.logger = options.logger;
  }

  /** Channel analysis with contours, as a ChannelAnalyzer. */
  readonly analyze: ChannelAnalyzer = (samples, sampleRateHz) =>
    this.run({ kind: 'analyze', samples, sampleRateHz }) as Promise<DetailedChannelAnalysis>;

  /** scoreCall, as a CallScorer. */
  readonly score: CallScorer = (input) => this.run({ kind: 'score', input }) as Promise<CallScore>;

  /** Threads alive now (for tests). */
  get threadCount(): number {
    return this.slots.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) void runInline(task.job).then(task.resolve, task.reject);
    await Promise.all([...this.slots].map((slot) => this.retire(slot)));
  }

  private run(job: Job): Promise<unknown> {
    if (this.inlineOnly || this.closed) return runInline(job);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = [...this.slots].find((s) => s.task === null) ?? this.grow();
      if (!slot) return;
      this.assign(slot, this.queue.shift()!);
    }
  }

  private grow(): Slot | null {
    if (this.slots.size >= this.size || this.inlineOnly) return null;
    let worker: Worker;
    try {
      worker = startModuleWorker(import.meta.url, 'scoring-worker');
    } catch (error) {
      this.fallBackInline(error);
      return null;
    }
    const slot: Slot = { worker, task: null, idleTimer: null, proven: false };
    this.slots.add(slot);
    worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      slot.proven = true;
      const task = slot.task;
      if (!task || task.id !== message.id) return;
      slot.task = null;
      if (message.error !== undefined) task.reject(new Error(`scoring worker: ${message.error}`));
      else task.resolve(message.result);
      this.release(slot);
    });
    worker.on('error', (error) => this.lose(slot, error));
    worker.on('exit', (code) => {
      if (this.slots.has(slot)) this.lose(slot, new Error(`scoring worker exited with code ${code}`));
    });
    return slot;
  }

  private assign(slot: Slot, task: Task): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.task = task;
    slot.worker.ref();
    // Copied, not transferred (a few ms): the data stays here for an inline retry if the thread dies.
    slot.worker.postMessage({ id: task.id, ...task.job });
  }

  /** A thread finished its task: give it the next one, or let it idle (unref'd) until it retires. */
  private release(slot: Slot): void {
    const next = this.queue.shift();
    if (next) {
      this.assign(slot, next);
      return;
    }
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => void this.retire(slot), this.idleMs);
    slot.idleTimer.unref();
  }

  private async retire(slot: Slot): Promise<void> {
    if (!this.slots.delete(slot)) return;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    await slot.worker.terminate().catch(() => undefined);
  }

  /** A thread failed: its task runs inline; a thread that never answered means threads cannot start here. */
  private lose(slot: Slot, error: unknown): void {
    if (!this.slots.delete(slot)) return;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    void slot.worker.terminate().catch(() => undefined);
    if (!slot.proven) this.fallBackInline(error);
    else this.logger?.warn({ err: error }, 'scoring worker failed; its task runs inline');
    const task = slot.task;
    if (task) void runInline(task.job).then(task.resolve, task.reject);
    this.pump();
  }

  private fallBackInline(error: unknown): void {
    if (!this.inlineOnly)
      this.logger?.warn({ err: error }, 'scoring workers unavailable; scoring on the main thread');
    this.inlineOnly = true;
    for (const task of this.queue.splice(0)) void runInline(task.job).then(task.resolve, task.reject);
  }
}

let shared: ScoringWorkers | null = null;

/** The process-wide pool (scoring is CPU-bound: one pool per process, shared by every caller). */
export function sharedScoringWorkers(logger?: Logger): ScoringWorkers {
  shared ??= new ScoringWorkers(logger ? { logger } : {});
  return shared;
}
