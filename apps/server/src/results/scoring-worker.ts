// Worker-thread entry of the scoring pool: analyzes one channel, or scores one call, per
// message, so long recordings and long transcripts never block the server's 20 ms media clock.
// Replies `{ id, result }` or `{ id, error }`; analysis contours are transferred back, not copied.
import { parentPort } from 'node:worker_threads';
import { analyzeChannel } from '@callsim/analysis';
import { type ScoreCallInput, scoreCall } from '@callsim/scoring';

/** A message to the worker. */
export type ScoringWorkerRequest =
  | { id: number; kind: 'analyze'; samples: Float32Array; sampleRateHz: number }
  | { id: number; kind: 'score'; input: ScoreCallInput };

const port = parentPort;
if (!port) throw new Error('scoring-worker must run in a worker thread');

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

/** Buffers wholly owned by exactly one of `arrays` (a shared or partly viewed buffer is copied instead). */
function ownedBuffers(arrays: Float32Array[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) {
    const buffer = a.buffer as ArrayBuffer;
    if (a.byteOffset === 0 && a.byteLength === buffer.byteLength) buffers.add(buffer);
  }
  return [...buffers].filter((b) => arrays.filter((a) => a.buffer === b).length === 1);
}
