// Worker-thread entry of the scoring pool: analyzes one channel, or scores one call, per
// message, so long recordings and long transcripts never block the server's 20 ms media clock.
// Replies `{ id, result }` or `{ id, error }`; analysis contours are transferred back, not copied.
// On Linux the thread runs at nice 19, so it only gets CPU that live calls leave idle.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { analyzeChannel } from '@callsim/analysis';
import { type ScoreCallInput, scoreCall } from '@callsim/scoring';

/** A message to the worker. */
export type ScoringWorkerRequest =
  | { id: number; kind: 'analyze'; samples: Float32Array; sampleRateHz: number }
  | { id: number; kind: 'score'; input: ScoreCallInput };

const port = parentPort;
if (!port) throw new Error('scoring-worker must run in a worker thread');
lowerThreadPriority();

port.on('message', (request: ScoringWorkerRequest) => {
  try {
    if (request.kind === 'score') {
      port.postMessage({ id: request.id, result: scoreCall(request.input) });
      return;
    }
    const result = analyzeChannel(request.samples, request.sampleRateHz, { includeContours: true });
    const transfer = result.contours
      ? ownedBuffers([result.contours.pitchHz, result.contours.intensityDb])
      : [];
    port.postMessage({ id: request.id, result }, transfer);
  } catch (error) {
    port.postMessage({ id: request.id, error: (error as Error).message ?? String(error) });
  }
});

/**
 * Sets this thread (not the process) to nice 19. A worker thread is its own schedulable task with
 * its own nice value on Linux, and a busy one takes a whole core as readily as the main thread:
 * on two cores, two scoring threads would starve the media clock and VAD of 300 live calls. At
 * nice 19 the scheduler gives them only what live calls leave idle; a score may wait under full
 * load, a call never stutters for a score. /proc/thread-self → "<pid>/task/<tid>", and
 * setpriority on a tid changes that one thread. Elsewhere (no /proc, or not permitted) the thread
 * keeps the default priority.
 */
function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    setPriority(tid, 19);
  } catch {
    // not Linux, or not permitted: scoring still works at normal priority
  }
}

/** Buffers wholly owned by exactly one of `arrays` (a shared or partly viewed buffer is copied instead). */
function ownedBuffers(arrays: Float32Array[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) {
    const buffer = a.buffer as ArrayBuffer;
    if (a.byteOffset === 0 && a.byteLength === buffer.byteLength) buffers.add(buffer);
  }
  return [...buffers].filter((b) => arrays.filter((a) => a.buffer === b).length === 1);
}
