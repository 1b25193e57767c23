// Runs one Silero model for every live call at once. Each stream hands in 32 ms windows;
// the batcher sends every window waiting at that moment to the inference thread
// (silero-worker.ts) in one message. There the windows run as batched inferences, one per
// "round": round r holds the r-th waiting window of every stream that has one (a stream's
// next window needs the recurrent state its previous one produced, so one stream's windows
// can only be in successive rounds). Normally each stream has one window per message; when
// the event loop was held up, the backlog is cleared in one round trip, not one per window. Why: one inference of 300 windows costs about a quarter of 300 single ones,
// the main thread only packs and unpacks floats, and one shared model replaces a 10 MB,
// 60–350 ms-to-load detector per call.
// Guarantees: per stream, windows are decided in the order given; a stream that leaves
// (close) gets no more callbacks; an inference failure is reported to every stream in it.
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { SpeechError } from '../speech-error.js';
import { startModuleWorker } from '../toolchain/module-worker.js';
import type { SileroModelInfo } from './silero-model.js';

/** Samples the model advances per inference at 16 kHz. */
export const SILERO_WINDOW_SAMPLES = 512;
/** Samples of the previous window the v5 model sees in front of each window. */
export const SILERO_CONTEXT_SAMPLES = 64;
/** Floats of recurrent state per stream (v5: 2 layers × 128). */
export const STATE_FLOATS = 2 * 128;
/** Floats of model input per window: the context then the window. */
export const MODEL_INPUT_SAMPLES = SILERO_CONTEXT_SAMPLES + SILERO_WINDOW_SAMPLES;

/** One stream's seat in the batch: its recurrent state and the window it is waiting on. */
export interface BatchStream {
  /** Recurrent state, [layer 0 (128), layer 1 (128)]; updated after each decided window. */
  readonly state: Float32Array;
  /** Called once per submitted window, in order. */
  decided(probability: number): void;
  /** Called instead of decided() for a window whose inference failed. */
  failed(): void;
}

/** Throughput counters (for the load report and health checks). */
export interface BatcherStats {
  inferences: number;
  windows: number;
  largestBatch: number;
  /** Wall time of the inferences themselves, ms (runs on onnxruntime's thread). */
  inferenceMs: number;
  /** Windows never decided: the inference failed or the inference thread was gone. */
  failedWindows: number;
  /** Why the last failed window failed, or null. */
  lastFailure: string | null;
  /** Linux task id of the inference thread (per-thread CPU in /proc), null elsewhere. */
  osThreadId: number | null;
}

/** Messages to the inference thread (silero-worker.ts). */
export type WorkerRequest =
  | { type: 'init'; modelPath: string }
  | {
      type: 'run';
      id: number;
      /** Windows per stream, in stream order. */
      windowCounts: Uint16Array;
      /** All windows, stream by stream (MODEL_INPUT_SAMPLES floats each). */
      input: Float32Array;
      /** Recurrent state per stream, STATE_FLOATS each. */
      state: Float32Array;
    };

/** Messages back from the inference thread. */
export type WorkerReply =
  | { type: 'ready'; osThreadId: number | null }
  | {
      type: 'result';
      id: number;
      /** One per window, in the request's order. */
      probabilities: Float32Array;
      /** Each stream's state after its last window. */
      state: Float32Array;
      /** The request's input, handed back so its memory serves the next batch. */
      input: Float32Array;
      inferences: number;
      inferenceMs: number;
    }
  | { type: 'error'; id: number | null; message: string };

const require = createRequire(import.meta.url);

/** Why onnxruntime-node cannot be used here, or undefined when it is installed. */
export function onnxRuntimeProblem(): string | undefined {
  try {
    require.resolve('onnxruntime-node');
    return undefined;
  } catch (error) {
    return `onnxruntime-node not installed: ${(error as Error).message.split('\n')[0]}`;
  }
}

/** Window buffers kept for reuse: about one per live stream. */
const MAX_SPARE_WINDOWS = 1024;

export class SileroBatcher {
  private readonly waiting = new Map<BatchStream, Float32Array[]>();
  /** Window buffers already copied into a batch, for streams to fill again (no allocation per window). */
  private readonly spareWindows: Float32Array[] = [];
  /** Batch buffers back from the inference thread, reused while large enough. */
  private spareInput: ArrayBuffer | null = null;
  private spareState: ArrayBuffer | null = null;
  private running = false;
  private scheduled = false;
  private closed = false;
  private nextRunId = 1;
  private inFlight: { id: number; resolve: (reply: WorkerReply) => void } | null = null;
  readonly stats: BatcherStats;

  private constructor(
    private readonly thread: Worker,
    osThreadId: number | null,
  ) {
    this.stats = {
      inferences: 0,
      windows: 0,
      largestBatch: 0,
      inferenceMs: 0,
      failedWindows: 0,
      lastFailure: null,
      osThreadId,
    };
    thread.on('message', (reply: WorkerReply) => {
      const waiter = this.inFlight;
      if (waiter && (reply.type === 'result' || reply.type === 'error')) {
        this.inFlight = null;
        waiter.resolve(reply);
      }
    });
    // A dead inference thread fails the batch in flight; later submits fail fast.
    thread.on('error', (error) => this.threadDied(error.message));
    thread.on('exit', (code) => this.threadDied(`inference thread exited (${code})`));
    thread.unref();
  }

  /**
   * Starts the inference thread and loads the v5 model once. Throws SPEECH_ENGINE_UNAVAILABLE
   * when onnxruntime-node is missing or cannot load the model.
   */
  static async create(model: SileroModelInfo): Promise<SileroBatcher> {
    const problem = onnxRuntimeProblem();
    if (problem) throw new SpeechError('SPEECH_ENGINE_UNAVAILABLE', problem);
    if (model.version !== 'v5')
      throw new SpeechError('SPEECH_BAD_INPUT', 'the batched VAD runs the Silero v5 model only', {
        details: { model: model.version },
      });
    const thread = startModuleWorker(import.meta.url, 'silero-worker');
    const ready = await new Promise<WorkerReply>((resolve) => {
      thread.once('message', resolve);
      thread.once('error', (error) => resolve({ type: 'error', id: null, message: error.message }));
      thread.postMessage({ type: 'init', modelPath: model.path } satisfies WorkerRequest);
    });
    if (ready.type !== 'ready') {
      await thread.terminate();
      throw new SpeechError(
        'SPEECH_ENGINE_UNAVAILABLE',
        `Silero model did not load: ${ready.type === 'error' ? ready.message : ready.type}`,
      );
    }
    return new SileroBatcher(thread, ready.osThreadId);
  }

  /**
   * A buffer for one window (MODEL_INPUT_SAMPLES floats) to fill and submit; the batcher takes
   * it back once the window has been copied into a batch. Contents are stale, not zeroed.
   */
  takeWindow(): Float32Array {
    return this.spareWindows.pop() ?? new Float32Array(MODEL_INPUT_SAMPLES);
  }

  /** Queues `input` (context + window, 576 floats in [-1, 1]) for `stream`; the batcher owns it from now on. */
  submit(stream: BatchStream, input: Float32Array): void {
    if (this.closed) {
      this.stats.failedWindows++;
      throw new SpeechError('SPEECH_CLOSED', 'VAD batcher closed');
    }
    const queue = this.waiting.get(stream);
    if (queue) queue.push(input);
    else this.waiting.set(stream, [input]);
    this.schedule();
  }

  /** Forgets a stream's queued windows; it gets no more callbacks. */
  leave(stream: BatchStream): void {
    this.waiting.delete(stream);
  }

  /** Resolves when nothing is queued or running (tests, orderly shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.scheduled || this.waiting.size > 0) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.clear();
    await this.idle();
    await this.thread.terminate();
  }

  private threadDied(message: string): void {
    if (this.closed) return;
    this.closed = true;
    const waiter = this.inFlight;
    this.inFlight = null;
    waiter?.resolve({ type: 'error', id: null, message });
  }

  private schedule(): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    // After the current turn of the event loop, so every frame that arrived with this
    // media tick joins the same batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.runBatch();
    });
  }

  private async runBatch(): Promise<void> {
    if (this.running || this.waiting.size === 0) return;
    this.running = true;
    const streams = [...this.waiting.keys()];
    const queues = [...this.waiting.values()];
    this.waiting.clear();
    const windowCounts = Uint16Array.from(queues, (queue) => queue.length);
    const totalWindows = queues.reduce((sum, queue) => sum + queue.length, 0);
    const input = reuse(this.spareInput, totalWindows * MODEL_INPUT_SAMPLES);
    const state = reuse(this.spareState, streams.length * STATE_FLOATS);
    this.spareInput = null;
    this.spareState = null;
    let offset = 0;
    streams.forEach((stream, s) => {
      for (const window of queues[s]!) {
        input.set(window, offset);
        offset += MODEL_INPUT_SAMPLES;
        if (this.spareWindows.length < MAX_SPARE_WINDOWS) this.spareWindows.push(window);
      }
      state.set(stream.state, s * STATE_FLOATS);
    });
    const id = this.nextRunId++;
    const reply = await new Promise<WorkerReply>((resolve) => {
      if (this.closed) return resolve({ type: 'error', id, message: 'VAD batcher closed' });
      this.inFlight = { id, resolve };
      this.thread.postMessage({ type: 'run', id, windowCounts, input, state } satisfies WorkerRequest, [
        input.buffer as ArrayBuffer,
        state.buffer as ArrayBuffer,
      ]);
    });
    this.running = false;
    if (this.waiting.size > 0 && !this.closed) this.schedule();
    if (reply.type !== 'result') {
      this.stats.failedWindows += totalWindows;
      this.stats.lastFailure = `Silero inference failed: ${reply.type === 'error' ? reply.message : reply.type}`;
      streams.forEach((stream, s) => {
        for (let w = 0; w < windowCounts[s]!; w++) stream.failed();
      });
      return;
    }
    this.spareInput = reply.input.buffer as ArrayBuffer;
    this.spareState = reply.state.buffer as ArrayBuffer;
    this.stats.inferences += reply.inferences;
    this.stats.windows += totalWindows;
    this.stats.inferenceMs += reply.inferenceMs;
    if (streams.length > this.stats.largestBatch) this.stats.largestBatch = streams.length;
    let next = 0;
    streams.forEach((stream, s) => {
      stream.state.set(reply.state.subarray(s * STATE_FLOATS, (s + 1) * STATE_FLOATS));
      for (let w = 0; w < windowCounts[s]!; w++) stream.decided(reply.probabilities[next++]!);
    });
  }
}

/** A Float32Array of `length` on `spare` when it is large enough, else on new memory. */
function reuse(spare: ArrayBuffer | null, length: number): Float32Array {
  return spare && spare.byteLength >= length * 4
    ? new Float32Array(spare, 0, length)
    : new Float32Array(length);
}
