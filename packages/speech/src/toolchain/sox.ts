// Format conversion with the sox binary: any sox-readable audio file (recorded clips of any
// format) in, 16 kHz mono s16le PCM out. sox runs on the audio tool thread, off the event loop.
// Guarantees: output is always PCM_SAMPLE_RATE_HZ mono.
import { PCM_SAMPLE_RATE_HZ } from '../pcm-format.js';
import { sharedToolThread } from './tool-thread.js';

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

/** Options of decodeFileTo16kMono. */
export interface SoxOptions {
  /** Path or name of the sox binary. Default `sox`. */
  soxPath?: string;
  /** Engine name reported in errors. */
  engine?: string;
  timeoutMs?: number;
}

/** Reads an audio file of any rate, width and channel count as 16 kHz mono s16 samples. */
export function decodeFileTo16kMono(path: string, options: SoxOptions = {}): Promise<Int16Array> {
  return sharedToolThread().run({
    command: options.soxPath ?? 'sox',
    args: ['-V1', '-D', path, ...RAW_16K_MONO_S16, '-'],
    stdout: 'pcm-16k-mono-s16le',
    engine: options.engine ?? 'sox',
    timeoutMs: options.timeoutMs,
  });
}
