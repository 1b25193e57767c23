// Tolerant WAV reader: RIFF and RF64; PCM 8/16/24/32, float 32/64, μ-law, A-law, WAVE_FORMAT_EXTENSIBLE.
// Guarantees: unknown chunks are skipped; a data size of 0, 0xFFFFFFFF or past the end of the file means
// "read to the end" (a crash-truncated recording); a trailing partial frame is dropped; garbage throws AudioError.

import { AudioError } from '../audio-error.js';
import { aLawDecode } from '../g711/a-law.js';
import { muLawDecode } from '../g711/mu-law.js';

/** Sample encoding found in a WAV file. */
export type WavSampleFormat = 'pcm' | 'float' | 'mulaw' | 'alaw';

/** Result of decodeWav: planar float channels, full scale = 1.0. */
export interface DecodedWav {
  /** Sample rate in Hz. */
  sampleRateHz: number;
  /** One Float32Array per channel, all the same length (samples per channel). */
  channels: Float32Array[];
  /** Container bits per sample as stored in the file (8 for μ-law / A-law). */
  bitsPerSample: number;
  /** Sample encoding of the file. */
  format: WavSampleFormat;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;

interface FmtChunk {
  format: WavSampleFormat;
  channelCount: number;
  sampleRateHz: number;
  bitsPerSample: number;
  blockAlign: number;
}

/**
 * Decodes a WAV file held in memory. Throws AudioError with code AUDIO_WAV_TOO_SHORT, AUDIO_WAV_NOT_RIFF,
 * AUDIO_WAV_NO_FMT, AUDIO_WAV_NO_DATA, AUDIO_WAV_BAD_FMT or AUDIO_WAV_UNSUPPORTED_FORMAT.
 */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  if (bytes.length < 12) {
    throw new AudioError('AUDIO_WAV_TOO_SHORT', 'file is too short to be a WAV file', {
      bytes: bytes.length,
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = readAscii(bytes, 0, 4);
  if ((magic !== 'RIFF' && magic !== 'RF64') || readAscii(bytes, 8, 4) !== 'WAVE') {
    throw new AudioError('AUDIO_WAV_NOT_RIFF', 'not a RIFF/WAVE file', { magic: printable(magic) });
  }

  let fmt: FmtChunk | undefined;
  let dataOffset = -1;
  let dataBytes = 0;
  let rf64DataBytes: number | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = readAscii(bytes, offset, 4);
    const declared = view.getUint32(offset + 4, true);
    const bodyOffset = offset + 8;
    const available = bytes.length - bodyOffset;
    if (id === 'data') {
      dataOffset = bodyOffset;
      const size = declared === 0xffffffff && rf64DataBytes !== undefined ? rf64DataBytes : declared;
      // 0 and 0xFFFFFFFF are what streaming writers leave before patching; larger than the file = truncated.
      const toEnd = size === 0 || size === 0xffffffff || size > available;
      dataBytes = toEnd ? available : size;
      if (toEnd || fmt !== undefined) break;
    } else if (id === 'fmt ') {
      fmt = parseFmt(view, bodyOffset, Math.min(declared, available));
    } else if (id === 'ds64' && declared >= 16 && available >= 16) {
      rf64DataBytes = view.getUint32(bodyOffset + 8, true) + view.getUint32(bodyOffset + 12, true) * 2 ** 32;
    } else if (!isChunkId(id)) {
      break; // garbage after the last chunk: stop rather than misread it
    }
    offset = nextChunkOffset(bytes, bodyOffset, declared === 0xffffffff ? available : declared);
  }

  if (fmt === undefined) throw new AudioError('AUDIO_WAV_NO_FMT', 'WAV file has no fmt chunk');
  if (dataOffset < 0) throw new AudioError('AUDIO_WAV_NO_DATA', 'WAV file has no data chunk');
  const frameCount = Math.floor(dataBytes / fmt.blockAlign);
  return {
    sampleRateHz: fmt.sampleRateHz,
    channels: decodeSamples(bytes, view, dataOffset, frameCount, fmt),
    bitsPerSample: fmt.bitsPerSample,
    format: fmt.format,
  };
}

function parseFmt(view: DataView, offset: number, size: number): FmtChunk {
  if (size < 16) throw new AudioError('AUDIO_WAV_BAD_FMT', 'fmt chunk is shorter than 16 bytes', { size });
  let tag = view.getUint16(offset, true);
  const channelCount = view.getUint16(offset + 2, true);
  const sampleRateHz = view.getUint32(offset + 4, true);
  const declaredBlockAlign = view.getUint16(offset + 12, true);
  const bitsPerSample = view.getUint16(offset + 14, true);
  if (tag === FORMAT_EXTENSIBLE) {
    // The sub-format GUID starts with the plain format tag (…-0000-0010-8000-00aa00389b71).
    if (size < 40) throw new AudioError('AUDIO_WAV_BAD_FMT', 'WAVE_FORMAT_EXTENSIBLE fmt chunk is too short');
    tag = view.getUint16(offset + 24, true);
  }
  if (channelCount === 0 || sampleRateHz === 0) {
    throw new AudioError('AUDIO_WAV_BAD_FMT', 'fmt chunk declares zero channels or zero sample rate', {
      channelCount,
      sampleRateHz,
    });
  }
  const format = formatOf(tag, bitsPerSample);
  const containerBytes = Math.ceil(bitsPerSample / 8);
  const minimumBlockAlign = containerBytes * channelCount;
  // Some writers leave blockAlign 0 or wrong; a larger one means padded containers (e.g. 24 in 32 bits).
  const blockAlign = Math.max(declaredBlockAlign, minimumBlockAlign);
  return { format, channelCount, sampleRateHz, bitsPerSample, blockAlign };
}

function formatOf(tag: number, bitsPerSample: number): WavSampleFormat {
  if (tag === FORMAT_PCM && [8, 16, 24, 32].includes(bitsPerSample)) return 'pcm';
  if (tag === FORMAT_FLOAT && (bitsPerSample === 32 || bitsPerSample === 64)) return 'float';
  if (tag === FORMAT_MULAW && bitsPerSample === 8) return 'mulaw';
  if (tag === FORMAT_ALAW && bitsPerSample === 8) return 'alaw';
  throw new AudioError('AUDIO_WAV_UNSUPPORTED_FORMAT', 'unsupported WAV sample format', {
    formatTag: tag,
    bitsPerSample,
  });
}

function decodeSamples(
  bytes: Uint8Array,
  view: DataView,
  dataOffset: number,
  frameCount: number,
  fmt: FmtChunk,
): Float32Array[] {
  const { channelCount, blockAlign, bitsPerSample, format } = fmt;
  const channels: Float32Array[] = [];
  for (let c = 0; c < channelCount; c++) channels.push(new Float32Array(frameCount));
  const sampleBytes = Math.ceil(bitsPerSample / 8);
  for (let c = 0; c < channelCount; c++) {
    const channel = channels[c]!;
    let position = dataOffset + c * sampleBytes;
    if (format === 'mulaw' || format === 'alaw') {
      const codes = new Uint8Array(frameCount);
      for (let i = 0; i < frameCount; i++, position += blockAlign) codes[i] = bytes[position]!;
      const linear = format === 'mulaw' ? muLawDecode(codes) : aLawDecode(codes);
      for (let i = 0; i < frameCount; i++) channel[i] = linear[i]! / 32768;
    } else if (format === 'float' && bitsPerSample === 32) {
      for (let i = 0; i < frameCount; i++, position += blockAlign)
        channel[i] = view.getFloat32(position, true);
    } else if (format === 'float') {
      for (let i = 0; i < frameCount; i++, position += blockAlign)
        channel[i] = view.getFloat64(position, true);
    } else if (bitsPerSample === 8) {
      for (let i = 0; i < frameCount; i++, position += blockAlign)
        channel[i] = (bytes[position]! - 128) / 128;
    } else if (
      bitsPerSample === 16 &&
      frameCount > 0 &&
      LITTLE_ENDIAN_HOST &&
      aligned(bytes, position, blockAlign)
    ) {
      // Fast path: read the interleaved samples through an aligned Int16Array view.
      const stride = blockAlign / 2;
      const words = new Int16Array(bytes.buffer, bytes.byteOffset + position, (frameCount - 1) * stride + 1);
      for (let i = 0, j = 0; i < frameCount; i++, j += stride) channel[i] = words[j]! / 32768;
    } else if (bitsPerSample === 16) {
      for (let i = 0; i < frameCount; i++, position += blockAlign) {
        channel[i] = view.getInt16(position, true) / 32768;
      }
    } else if (bitsPerSample === 24) {
      for (let i = 0; i < frameCount; i++, position += blockAlign) {
        const value = bytes[position]! | (bytes[position + 1]! << 8) | (bytes[position + 2]! << 16);
        channel[i] = ((value << 8) >> 8) / 8388608;
      }
    } else {
      for (let i = 0; i < frameCount; i++, position += blockAlign) {
        channel[i] = view.getInt32(position, true) / 2147483648;
      }
    }
  }
  return channels;
}

/** True when 16-bit samples at `position` can be read through an Int16Array view. */
function aligned(bytes: Uint8Array, position: number, blockAlign: number): boolean {
  return (bytes.byteOffset + position) % 2 === 0 && blockAlign % 2 === 0;
}

function nextChunkOffset(bytes: Uint8Array, bodyOffset: number, size: number): number {
  const unpadded = bodyOffset + size;
  if (size % 2 === 0) return unpadded;
  // RIFF pads odd chunks to an even size, but some writers forget: follow whichever lands on a chunk id.
  const padded = unpadded + 1;
  if (padded + 4 <= bytes.length && isChunkId(readAscii(bytes, padded, 4))) return padded;
  if (unpadded + 4 <= bytes.length && isChunkId(readAscii(bytes, unpadded, 4))) return unpadded;
  return padded;
}

function isChunkId(id: string): boolean {
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return id.length === 4;
}

function readAscii(bytes: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let i = 0; i < length && offset + i < bytes.length; i++)
    text += String.fromCharCode(bytes[offset + i]!);
  return text;
}

function printable(text: string): string {
  return isChunkId(text) ? text : 'binary';
}
