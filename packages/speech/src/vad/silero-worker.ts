// The VAD inference thread: holds the one Silero v5 session of this process and runs the
// batches SileroBatcher sends. onnxruntime-node runs an inference synchronously on the
// calling thread, so it must not be the event loop's thread (sockets and the 20 ms media
// ticks live there).
import { readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { MODEL_INPUT_SAMPLES, STATE_FLOATS, type WorkerReply, type WorkerRequest } from './silero-batcher.js';

interface OrtTensor {
  data: unknown;
}
interface OrtSession {
  run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>>;
}
interface OrtModule {
  InferenceSession: { create(path: string, options: Record<string, unknown>): Promise<OrtSession> };
  Tensor: new (type: string, data: unknown, dims: number[]) => unknown;
}

const port = parentPort;
if (!port) throw new Error('silero-worker must run in a worker thread');
const require = createRequire(import.meta.url);
let ort: OrtModule | null = null;
let session: OrtSession | null = null;
let sampleRate: unknown = null;

const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on('message', (request: WorkerRequest) => {
  void handle(request).catch((error: unknown) =>
    reply({
      type: 'error',
      id: request.type === 'run' ? request.id : null,
      message: (error as Error).message,
    }),
  );
});

async function handle(request: WorkerRequest): Promise<void> {
  if (request.type === 'init') {
    ort = require('onnxruntime-node') as OrtModule;
    // One intra-op thread: the process's other core belongs to the event loop.
    session = await ort.InferenceSession.create(request.modelPath, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    sampleRate = new ort.Tensor('int64', BigInt64Array.from([16_000n]), []);
    reply({ type: 'ready', osThreadId: osThreadId() });
    return;
  }
  if (!ort || !session) throw new Error('silero-worker used before init');
  const { id, windowCounts, input, state } = request;
  const streamCount = windowCounts.length;
  // Where each stream's windows start in `input` and in the probabilities.
  const firstWindow = new Uint32Array(streamCount);
  let totalWindows = 0;
  let rounds = 0;
  for (let s = 0; s < streamCount; s++) {
    firstWindow[s] = totalWindows;
    totalWindows += windowCounts[s]!;
    rounds = Math.max(rounds, windowCounts[s]!);
  }
  const probabilities = new Float32Array(totalWindows);
  const startedMs = performance.now();
  for (let round = 0; round < rounds; round++) {
    const active: number[] = [];
    for (let s = 0; s < streamCount; s++) if (windowCounts[s]! > round) active.push(s);
    const batch = active.length;
    const roundInput = new Float32Array(batch * MODEL_INPUT_SAMPLES);
    const roundState = new Float32Array(batch * STATE_FLOATS);
    active.forEach((s, b) => {
      const window = (firstWindow[s]! + round) * MODEL_INPUT_SAMPLES;
      roundInput.set(input.subarray(window, window + MODEL_INPUT_SAMPLES), b * MODEL_INPUT_SAMPLES);
      // ONNX state layout is [2, batch, 128]: layer-major.
      roundState.set(state.subarray(s * STATE_FLOATS, s * STATE_FLOATS + 128), b * 128);
      roundState.set(state.subarray(s * STATE_FLOATS + 128, (s + 1) * STATE_FLOATS), (batch + b) * 128);
    });
    const out = await session.run({
      input: new ort.Tensor('float32', roundInput, [batch, MODEL_INPUT_SAMPLES]),
      state: new ort.Tensor('float32', roundState, [2, batch, 128]),
      sr: sampleRate,
    });
    const roundProbabilities = out.output!.data as Float32Array;
    const next = out.stateN!.data as Float32Array;
    active.forEach((s, b) => {
      probabilities[firstWindow[s]! + round] = roundProbabilities[b]!;
      state.set(next.subarray(b * 128, (b + 1) * 128), s * STATE_FLOATS);
      state.set(next.subarray((batch + b) * 128, (batch + b + 1) * 128), s * STATE_FLOATS + 128);
    });
  }
  reply(
    {
      type: 'result',
      id,
      probabilities,
      state,
      input,
      inferences: rounds,
      inferenceMs: performance.now() - startedMs,
    },
    [probabilities.buffer as ArrayBuffer, state.buffer as ArrayBuffer, input.buffer as ArrayBuffer],
  );
}

/** This thread's Linux task id (for per-thread CPU accounting), or null elsewhere. */
function osThreadId(): number | null {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return null;
  }
}
