// Canonical 44-byte RIFF/WAVE header for integer PCM, for writers that stream samples and patch sizes later.
// Guarantees: exactly 44 bytes, little-endian, format tag 1; sizes above 4 GiB are clamped to 0xFFFFFFFF.

import { AudioError } from '../audio-error.js';

/** Parameters of a PCM WAV header. */
export interface WavHeaderOptions {
  /** Sample rate in Hz (positive integer). */
  sampleRateHz: number;
  /** Number of interleaved channels (1 = mono, 2 = stereo). */
  channelCount: number;
  /** Bits per sample: 8, 16, 24 or 32 (integer PCM). */
  bitsPerSample: number;
  /** Size of the sample data that follows, in bytes (0 while still recording). */
  dataBytes: number;
}

/** Byte length of the header returned by wavHeader; sample data starts at this offset. */
export const WAV_HEADER_BYTES = 44;

/**
 * Builds a 44-byte PCM WAV header. A streaming recorder writes it with `dataBytes: 0`, appends samples,
 * then rewrites the header at offset 0 with the final size (decodeWav also reads files never patched).
 */
export function wavHeader(options: WavHeaderOptions): Uint8Array {
  const { sampleRateHz, channelCount, bitsPerSample, dataBytes } = options;
  if (!Number.isInteger(sampleRateHz) || sampleRateHz <= 0) {
    throw new AudioError('AUDIO_BAD_ARGUMENT', 'sampleRateHz must be a positive integer', { sampleRateHz });
  }
  if (!Number.isInteger(channelCount) || channelCount < 1 || channelCount > 65535) {
    throw new AudioError('AUDIO_BAD_ARGUMENT', 'channelCount must be a positive integer', { channelCount });
  }
  if (![8, 16, 24, 32].includes(bitsPerSample)) {
    throw new AudioError('AUDIO_BAD_ARGUMENT', 'bitsPerSample must be 8, 16, 24 or 32', { bitsPerSample });
  }
  if (!Number.isFinite(dataBytes) || dataBytes < 0) {
    throw new AudioError('AUDIO_BAD_ARGUMENT', 'dataBytes must be a non-negative number', { dataBytes });
  }
  const blockAlign = channelCount * (bitsPerSample / 8);
  const header = new Uint8Array(WAV_HEADER_BYTES);
  const view = new DataView(header.buffer);
  writeAscii(header, 0, 'RIFF');
  view.setUint32(4, Math.min(0xffffffff, 36 + dataBytes), true);
  writeAscii(header, 8, 'WAVE');
  writeAscii(header, 12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channelCount, true);
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bitsPerSample, true);
  writeAscii(header, 36, 'data');
  view.setUint32(40, Math.min(0xffffffff, dataBytes), true);
  return header;
}

function writeAscii(target: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) target[offset + i] = text.charCodeAt(i);
}
