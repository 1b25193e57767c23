// English ASR with CMU PocketSphinx from Debian (pocketsphinx 0.8+5prealpha: the
// `pocketsphinx_batch` tool and the pocketsphinx-en-us model), kept running in a small pool of
// long-lived processes. Guarantees: en-US only; no shell; close() stops every process.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SpeechError } from '../speech-error.js';
import { findExecutable } from '../toolchain/find-executable.js';
import type { AsrEngine } from './asr-engine.js';
import { checkAsrRequest } from './asr-input.js';
import { PocketsphinxProcess } from './pocketsphinx-process.js';

/** Options of createPocketsphinxAsr. */
export interface PocketsphinxAsrOptions {
  /** The batch decoder binary. Default 'pocketsphinx_batch'. */
  batchPath?: string;
  /** Model directory holding `en-us/`, `en-us.lm.bin`, `cmudict-en-us.dict`. Default: the Debian path. */
  modelDir?: string;
  /** Decoder processes (each decodes one turn at a time, ~60 MB each). Default 1. */
  processes?: number;
  /** Reject a turn not decoded within this long, queueing included, in ms. Default 60 000. */
  timeoutMs?: number;
}

/** The pocketsphinx engine plus lifecycle hooks. */
export interface PocketsphinxAsr extends AsrEngine {
  /** Starts the decoder processes now (each loads its model in ~0.6 s). */
  warmUp(): Promise<void>;
  /** Stops every decoder process. */
  close(): Promise<void>;
}

/** Where Debian's pocketsphinx-en-us puts the model. */
export const POCKETSPHINX_DEBIAN_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

/** Creates the 'pocketsphinx' engine (en-US). No process starts until warmUp() or the first turn. */
export function createPocketsphinxAsr(options: PocketsphinxAsrOptions = {}): PocketsphinxAsr {
  const batchPath = options.batchPath ?? 'pocketsphinx_batch';
  const modelDir = options.modelDir ?? POCKETSPHINX_DEBIAN_MODEL_DIR;
  const hmm = join(modelDir, 'en-us');
  const lm = join(modelDir, 'en-us.lm.bin');
  const dict = join(modelDir, 'cmudict-en-us.dict');
  const processOptions = {
    batchPath,
    modelArgs: ['-hmm', hmm, '-lm', lm, '-dict', dict, '-samprate', '16000'],
    timeoutMs: options.timeoutMs ?? 60_000,
  };
  const pool = Array.from(
    { length: Math.max(1, options.processes ?? 1) },
    () => new PocketsphinxProcess(processOptions),
  );

  const problem = (): string | undefined => {
    if (!findExecutable(batchPath)) return `${batchPath} is not installed (apt-get install pocketsphinx)`;
    for (const path of [hmm, lm, dict]) {
      if (!existsSync(path))
        return `pocketsphinx model file missing: ${path} (apt-get install pocketsphinx-en-us)`;
    }
    return undefined;
  };

  const engine: PocketsphinxAsr = {
    name: 'pocketsphinx',
    supports: (locale) => locale === 'en-US',
    available: () => problem() === undefined,
    problem,
    async warmUp() {
      if (problem() === undefined) await Promise.all(pool.map((p) => p.warmUp()));
    },
    async close() {
      await Promise.all(pool.map((p) => p.close()));
    },
    async transcribe(request) {
      checkAsrRequest(request, engine);
      const reason = problem();
      if (reason)
        throw new SpeechError('SPEECH_ENGINE_UNAVAILABLE', reason, { details: { engine: 'pocketsphinx' } });
      if (request.samples.length === 0) return { text: '', engine: 'pocketsphinx' };
      const least = pool.reduce((a, b) => (b.queueLength < a.queueLength ? b : a));
      return { text: await least.decode(request.samples), engine: 'pocketsphinx' };
    },
  };
  return engine;
}
