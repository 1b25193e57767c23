// Turns an uploaded recording of a customer line into the clip format the call engine
// plays: a 16 kHz mono 16-bit WAV. WAV (any rate, channels, PCM/float) is converted in
// process; Ogg Vorbis, FLAC and MP3 go through sox. Anything else, silence, or a clip
// longer than LINE_AUDIO_MAX_MS is refused with CLIP_INVALID naming the reason.
import { spawn } from 'node:child_process';
import { decodeWav, encodeWav, mixToMono, resample, rmsDb } from '@callsim/audio';
import { AppError, LINE_AUDIO_MAX_MS } from '@callsim/protocol';

export const CLIP_SAMPLE_RATE_HZ = 16_000;
/** A clip quieter than this over its whole length is taken for a muted microphone. */
const SILENT_BELOW_DB = -60;
const SOX_TIMEOUT_MS = 20_000;

export interface NormalizedClip {
  /** 16 kHz mono s16le WAV file. */
  readonly wav: Uint8Array;
  readonly durationMs: number;
}

function refuse(reason: string, cause?: unknown): never {
  throw new AppError('CLIP_INVALID', 'clip refused', { details: { field: 'body', reason }, cause });
}

/** Converts an uploaded clip; throws CLIP_INVALID with a reason a teacher can act on. */
export async function normalizeClip(bytes: Uint8Array): Promise<NormalizedClip> {
  if (bytes.length < 12) refuse('the upload is empty');
  const container = sniff(bytes);
  if (container === 'webm') refuse('webm/opus recordings are not supported; upload WAV');
  if (container === 'unknown') refuse('not a WAV file');
  const wavBytes = container === 'wav' ? bytes : await soxToWav(bytes, container);
  let decoded: ReturnType<typeof decodeWav>;
  try {
    decoded = decodeWav(wavBytes);
  } catch (error) {
    refuse(`the WAV file cannot be read (${(error as Error).message})`, error);
  }
  const mono = mixToMono(decoded.channels);
  const samples =
    decoded.sampleRateHz === CLIP_SAMPLE_RATE_HZ
      ? mono
      : resample(mono, decoded.sampleRateHz, CLIP_SAMPLE_RATE_HZ);
  const durationMs = Math.round((samples.length / CLIP_SAMPLE_RATE_HZ) * 1000);
  if (durationMs < 200) refuse('the recording is shorter than 0.2 s');
  if (durationMs > LINE_AUDIO_MAX_MS) refuse(`the recording is longer than ${LINE_AUDIO_MAX_MS / 1000} s`);
  if (rmsDb(samples) < SILENT_BELOW_DB) refuse('the recording is silent (is the microphone muted?)');
  return { wav: encodeWav({ sampleRateHz: CLIP_SAMPLE_RATE_HZ, channels: [samples] }), durationMs };
}

type Container = 'wav' | 'ogg' | 'flac' | 'mp3' | 'webm' | 'unknown';

function sniff(bytes: Uint8Array): Container {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  const head = ascii(0, 4);
  if ((head === 'RIFF' || head === 'RF64') && ascii(8, 12) === 'WAVE') return 'wav';
  if (head === 'OggS') return 'ogg';
  if (head === 'fLaC') return 'flac';
  if (ascii(0, 3) === 'ID3' || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return 'mp3';
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm';
  return 'unknown';
}

/** Decodes a compressed clip with sox into a WAV in memory (16 kHz mono s16). */
async function soxToWav(bytes: Uint8Array, type: 'ogg' | 'flac' | 'mp3'): Promise<Uint8Array> {
  const args = [
    '-q',
    '-t',
    type,
    '-',
    '-t',
    'wav',
    '-r',
    String(CLIP_SAMPLE_RATE_HZ),
    '-c',
    '1',
    '-b',
    '16',
    '-',
  ];
  return new Promise<Uint8Array>((resolve, reject) => {
    const child = spawn('sox', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), SOX_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new AppError('CLIP_INVALID', 'sox missing', {
          details: { field: 'body', reason: `${type} needs sox, which is not installed; upload WAV` },
          cause: error,
        }),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(new Uint8Array(Buffer.concat(out)));
      else
        reject(
          new AppError('CLIP_INVALID', 'sox failed', {
            details: { field: 'body', reason: `this ${type} file cannot be decoded here; upload WAV` },
            cause: new Error(err.trim().slice(0, 300)),
          }),
        );
    });
    child.stdin.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}
