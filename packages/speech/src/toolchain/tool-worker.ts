// The audio tool thread (started by tool-thread.ts): queues the tool runs of caller lines, keeps
// a few running at once in the tool runner process (tool-runner.ts), and turns their stdout into
// 16 kHz mono s16 samples here, so neither the spawn nor the decode and resample touch the event loop.
// Guarantees: every run request gets exactly one reply; a runner that dies fails the runs it held
// (retryable) and the next run starts a new one; when this thread ends, the runner and its tools end.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { decodeWav, float32ToInt16, mixToMono, resample } from '@callsim/audio';
import { PCM_SAMPLE_RATE_HZ } from '../pcm-format.js';
import { SpeechError } from '../speech-error.js';
import { lowerPriority } from './background-priority.js';
import { type SpeechErrorData, toSpeechErrorData } from './speech-error-data.js';
import type { RunnerReply, RunnerRequest } from './tool-runner.js';
import type { ToolJob, ToolThreadReply, ToolThreadRequest, ToolWorkerData } from './tool-thread.js';

if (!parentPort) throw new Error('tool-worker must run in a worker thread');
const port: MessagePort = parentPort;
lowerPriority('thread');
const { concurrency } = workerData as ToolWorkerData;
const queue: { id: number; job: ToolJob }[] = [];
let running = 0;
let runner: ChildProcess | null = null;
const waiting = new Map<number, (reply: RunnerReply) => void>();

port.on('message', (request: ToolThreadRequest) => {
  // Ending the thread closes the runner's IPC channel; the runner then kills its tools and exits.
  if (request.type === 'close') process.exit(0);
  queue.push(request);
  pump();
});

function pump(): void {
  while (running < concurrency && queue.length > 0) {
    const { id, job } = queue.shift()!;
    running++;
    void execute(id, job).finally(() => {
      running--;
      pump();
    });
  }
}

async function execute(id: number, job: ToolJob): Promise<void> {
  const reply = await runOnRunner({ id, job });
  if ('error' in reply) return fail(id, reply.error);
  let samples: Int16Array;
  try {
    samples = toSamples(reply.stdout, job);
  } catch (error) {
    return fail(id, toSpeechErrorData(error, job.engine));
  }
  port.postMessage({ type: 'done', id, samples } satisfies ToolThreadReply, [samples.buffer as ArrayBuffer]);
}

function fail(id: number, error: SpeechErrorData): void {
  port.postMessage({ type: 'failed', id, error } satisfies ToolThreadReply);
}

function runOnRunner(request: RunnerRequest): Promise<RunnerReply> {
  return new Promise((resolve) => {
    runner ??= startRunner();
    waiting.set(request.id, resolve);
    runner.send(request);
  });
}

/**
 * The runner beside this module: the built .js under dist, or the .ts source (tests, dev)
 * loaded through tsx with the `source` export condition like the rest of the checkout.
 */
function startRunner(): ChildProcess {
  const source = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(source ? './tool-runner.ts' : './tool-runner.js', import.meta.url));
  const child = fork(entry, [], {
    execArgv: source ? ['--import', 'tsx', '--conditions=source'] : [],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  child.on('message', (reply: RunnerReply) => {
    const resolve = waiting.get(reply.id);
    waiting.delete(reply.id);
    resolve?.(reply);
  });
  // 'exit' covers a crash or a kill; 'error' a runner that could not start or be written to.
  child.on('exit', (exitCode, signal) => lose(child, `exited (${exitCode ?? signal})`));
  child.on('error', (error) => lose(child, `failed: ${error.message}`));
  return child;
}

/** Forgets `child` (if still the runner) and fails every run it held; they may be retried. */
function lose(child: ChildProcess, why: string): void {
  if (runner !== child) return;
  runner = null;
  const held = [...waiting];
  waiting.clear();
  for (const [id, resolve] of held) {
    resolve({
      id,
      error: {
        code: 'SPEECH_ENGINE_FAILED',
        message: `the audio tool runner ${why}`,
        details: {},
        retryable: true,
      },
    });
  }
}

/** The tool's stdout as samples in a buffer of their own, so it can be transferred. */
function toSamples(stdout: Uint8Array, job: ToolJob): Int16Array {
  if (job.stdout === 'wav') return wavTo16kMono(stdout, job.engine);
  // A copy: stdout is a view, at any byte offset, into the buffer of the whole IPC message.
  const samples = new Int16Array(Math.floor(stdout.byteLength / 2));
  new Uint8Array(samples.buffer).set(stdout.subarray(0, samples.byteLength));
  return samples;
}

/** A WAV (espeak-ng's header may carry a bogus data length; decodeWav reads to the end) as 16 kHz mono s16. */
function wavTo16kMono(wav: Uint8Array, engine: string): Int16Array {
  let decoded: ReturnType<typeof decodeWav>;
  try {
    decoded = decodeWav(wav);
  } catch (error) {
    throw new SpeechError('SPEECH_ENGINE_FAILED', `${engine} wrote unreadable audio`, {
      details: { engine },
      cause: error,
    });
  }
  const mono = decoded.channels.length === 1 ? decoded.channels[0]! : mixToMono(decoded.channels);
  return float32ToInt16(resample(mono, decoded.sampleRateHz, PCM_SAMPLE_RATE_HZ));
}
