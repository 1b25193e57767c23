// Runs the audio tools of caller lines (espeak-ng, sox) through one long-lived worker thread per
// process (tool-worker.ts, which spawns them from a small runner process, tool-runner.ts), so
// neither the spawn nor the WAV decode and resample costs the event loop that runs the 20 ms
// media ticks and the sockets: a run costs it one small message out and one transferred buffer back.
// Guarantees: every run() settles: with samples (their buffer transferred, not copied), or with a
// SpeechError; a thread that dies fails the runs it held and the next run() starts a new one.
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { SpeechError } from '../speech-error.js';
import { startModuleWorker } from './module-worker.js';
import { fromSpeechErrorData, type SpeechErrorData } from './speech-error-data.js';

/** One tool run whose stdout is audio; the thread returns it as 16 kHz mono s16 samples. */
export interface ToolJob {
  /** Binary (name on PATH or absolute path). Never run through a shell. */
  command: string;
  args: readonly string[];
  /** Written to the tool's stdin (e.g. the text espeak-ng speaks). */
  stdin?: string;
  /** What the tool writes on stdout: a WAV of any rate and channel count, or raw 16 kHz mono s16le. */
  stdout: 'wav' | 'pcm-16k-mono-s16le';
  /** Engine named in errors ('espeak-ng', 'clip'). */
  engine: string;
  /** Kill the tool after this long, in ms, counted from its start (not from queueing). */
  timeoutMs?: number;
}

/** Messages to the tool thread. */
export type ToolThreadRequest = { type: 'run'; id: number; job: ToolJob } | { type: 'close' };

/** Messages from the tool thread. */
export type ToolThreadReply =
  | { type: 'done'; id: number; samples: Int16Array }
  | { type: 'failed'; id: number; error: SpeechErrorData };

/** What the tool thread receives as workerData. */
export interface ToolWorkerData {
  /** Tools running at once; later jobs wait in the thread's queue. */
  concurrency: number;
}

/** Options of ToolThread. */
export interface ToolThreadOptions {
  /**
   * Tools running at once; the rest wait in the thread's queue. Default: cores + 1, at most 4
   * (each tool is single-threaded CPU work; one more than the cores hides process start-up).
   */
  concurrency?: number;
  /** Starts the thread; tests pass one that lets them kill it. Default spawnToolThread. */
  spawnThread?: (workerData: ToolWorkerData) => Worker;
}

/** How long close() lets the thread stop its tools before terminating it, in ms. */
const CLOSE_GRACE_MS = 2000;

interface Pending {
  resolve: (samples: Int16Array) => void;
  reject: (error: SpeechError) => void;
}

/** The tool thread (tool-worker) beside this module. */
export function spawnToolThread(workerData: ToolWorkerData): Worker {
  return startModuleWorker(import.meta.url, 'tool-worker', { workerData });
}

/** The client of one tool thread. The thread starts on the first run(), not before. */
export class ToolThread {
  private readonly workerData: ToolWorkerData;
  private readonly spawnThread: (workerData: ToolWorkerData) => Worker;
  private thread: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(options: ToolThreadOptions = {}) {
    this.workerData = {
      concurrency: Math.max(1, options.concurrency ?? Math.min(4, availableParallelism() + 1)),
    };
    this.spawnThread = options.spawnThread ?? spawnToolThread;
  }

  /** Runs `job` on the thread; resolves with 16 kHz mono s16 samples the caller owns. */
  run(job: ToolJob): Promise<Int16Array> {
    return new Promise((resolve, reject) => {
      let thread: Worker;
      try {
        thread = this.thread ?? this.start();
      } catch (error) {
        reject(threadError(`could not start the audio tool thread: ${(error as Error).message}`, error));
        return;
      }
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      // Hold the process open only while lines are being rendered.
      if (this.pending.size === 1) thread.ref();
      thread.postMessage({ type: 'run', id, job } satisfies ToolThreadRequest);
    });
  }

  /** Stops the thread and its tools; runs in flight reject with SPEECH_CLOSED. A later run() starts a new thread. */
  async close(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    this.lose(thread, new SpeechError('SPEECH_CLOSED', 'the audio tool thread was closed'));
    const exited = once(thread, 'exit');
    thread.postMessage({ type: 'close' } satisfies ToolThreadRequest);
    const timer = setTimeout(() => void thread.terminate(), CLOSE_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }

  private start(): Worker {
    const thread = this.spawnThread(this.workerData);
    thread.on('message', (reply: ToolThreadReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) thread.unref();
      if (reply.type === 'done') waiter.resolve(reply.samples);
      else waiter.reject(fromSpeechErrorData(reply.error));
    });
    thread.on('error', (error) =>
      this.lose(thread, threadError(`the audio tool thread failed: ${error.message}`, error)),
    );
    thread.on('exit', (exitCode) =>
      this.lose(thread, threadError(`the audio tool thread exited (code ${exitCode})`)),
    );
    thread.unref();
    this.thread = thread;
    return thread;
  }

  /** Forgets `thread` (if still current) and rejects every run it held with `error`. */
  private lose(thread: Worker, error: SpeechError): void {
    if (this.thread !== thread) return;
    this.thread = null;
    const waiters = [...this.pending.values()];
    this.pending.clear();
    for (const waiter of waiters) waiter.reject(error);
  }
}

/** Retryable: the next run() starts a fresh thread. */
function threadError(message: string, cause?: unknown): SpeechError {
  return new SpeechError('SPEECH_ENGINE_FAILED', message, { retryable: true, cause });
}

let shared: ToolThread | null = null;

/** The process-wide tool thread every TTS engine uses unless given its own. */
export function sharedToolThread(): ToolThread {
  shared ??= new ToolThread();
  return shared;
}
