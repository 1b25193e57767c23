// Format conversion with the sox binary: any WAV (or other sox-readable file or stream)
// in, 16 kHz mono s16le PCM out. Guarantees: output is always PCM_SAMPLE_RATE_HZ mono.
import { PCM_SAMPLE_RATE_HZ, pcmFromBytes } from '../pcm-format.js';
import { runTool } from './run-tool.js';

const RAW_16K_MONO_S16 = [
  '-t',
  'raw',
  '-r',
  String(PCM_SAMPLE_RATE_HZ),
  '-c',
  '1',
  '-b',
  '16',
  '-e',
  'signed-integer',
  '-L',
];

/** Options shared by the sox helpers. */
export interface SoxOptions {
  /** Path or name of the sox binary. Default `sox`. */
  soxPath?: string;
  /** Engine name reported in errors. */
  engine?: string;
  timeoutMs?: number;
}

/** Reads an audio file of any rate, width and channel count as 16 kHz mono s16 samples. */
export async function decodeFileTo16kMono(path: string, options: SoxOptions = {}): Promise<Int16Array> {
  const { stdout } = await runTool(options.soxPath ?? 'sox', ['-V1', '-D', path, ...RAW_16K_MONO_S16, '-'], {
    engine: options.engine ?? 'sox',
    timeoutMs: options.timeoutMs,
  });
  return copyPcm(stdout);
}

/**
 * Converts a WAV byte stream (e.g. espeak-ng --stdout, whose header may carry a bogus
 * length) to 16 kHz mono s16 samples.
 */
export async function decodeWavBytesTo16kMono(
  wavBytes: Uint8Array,
  options: SoxOptions = {},
): Promise<Int16Array> {
  const { stdout } = await runTool(
    options.soxPath ?? 'sox',
    ['-V1', '-D', '-t', 'wav', '-', ...RAW_16K_MONO_S16, '-'],
    {
      stdin: wavBytes,
      engine: options.engine ?? 'sox',
      timeoutMs: options.timeoutMs,
    },
  );
  return copyPcm(stdout);
}

// Buffers from child stdout may share a pooled ArrayBuffer; copy so callers own their samples.
function copyPcm(bytes: Buffer): Int16Array {
  return pcmFromBytes(bytes).slice();
}
