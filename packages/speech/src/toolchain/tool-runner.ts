// The audio tool runner: a small Node process the tool thread (tool-worker.ts) starts once and
// through which it spawns espeak-ng and sox. Why a process and not spawn() in the thread: a fork
// of the large server process, from any of its threads, write-protects all its memory, and the
// event loop then pays a copy-on-write fault and a TLB shootdown for each page it next writes
// (measured: ~4 ms of main-thread CPU per spawn with a media tick running). Forking this small
// process costs the server nothing. Guarantees: one reply per request; when the parent goes away
// (closed, crashed, killed), every running tool is killed and the runner exits.
import { lowerPriority } from './background-priority.js';
import { runTool } from './run-tool.js';
import { type SpeechErrorData, toSpeechErrorData } from './speech-error-data.js';
import type { ToolJob } from './tool-thread.js';

/** A tool run asked for by the tool thread. */
export interface RunnerRequest {
  id: number;
  job: ToolJob;
}

/** The tool's stdout, or why it failed. */
export type RunnerReply = { id: number; stdout: Uint8Array } | { id: number; error: SpeechErrorData };

const send = process.send?.bind(process);
if (!send) throw new Error('tool-runner must be started with an IPC channel (child_process.fork)');
const stopping = new AbortController();
lowerPriority('process');

process.on('message', ({ id, job }: RunnerRequest) => {
  runTool(job.command, job.args, {
    stdin: job.stdin,
    engine: job.engine,
    timeoutMs: job.timeoutMs,
    signal: stopping.signal,
  }).then(
    ({ stdout }) => send({ id, stdout } satisfies RunnerReply),
    (error: unknown) => send({ id, error: toSpeechErrorData(error, job.engine) } satisfies RunnerReply),
  );
});

process.on('disconnect', () => {
  // abort() kills every running tool synchronously (spawn's signal), so none outlives the runner.
  stopping.abort();
  process.exit(0);
});
