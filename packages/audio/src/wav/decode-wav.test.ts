// Behaviour of decodeWav on real sox-made files in every supported encoding, and on damaged files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AudioError } from '../audio-error.js';
import { decodeWav } from './decode-wav.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '..', '__fixtures__', name)));

/**
 * Largest absolute difference to the ideal fixture signal (440 Hz at 0.5 left, 1 kHz at 0.25 right).
 * sox's synth deviates from the ideal sine by < 0.01, so this checks channel order and scale, not bits.
 */
function maxErrorVsIdeal(channels: Float32Array[], sampleRateHz: number): number {
  let worst = 0;
  const specs = [
    { frequencyHz: 440, amplitude: 0.5 },
    { frequencyHz: 1000, amplitude: 0.25 },
  ];
  channels.forEach((channel, c) => {
    const spec = specs[c]!;
    for (let i = 0; i < channel.length; i++) {
      const ideal = spec.amplitude * Math.sin((2 * Math.PI * spec.frequencyHz * i) / sampleRateHz);
      worst = Math.max(worst, Math.abs(channel[i]! - ideal));
    }
  });
  return worst;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AudioError) return error.code;
    throw error;
  }
  return undefined;
}

/** Largest absolute difference between two decodings, over all channels. */
function maxDifference(a: Float32Array[], b: Float32Array[]): number {
  let worst = 0;
  a.forEach((channel, c) => {
    channel.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - b[c]![i]!));
    });
  });
  return worst;
}

describe('decodeWav', () => {
  const reference = decodeWav(fixture('stereo-f32.wav')).channels;

  it('reads float32 with left = 440 Hz at 0.5 and right = 1 kHz at 0.25', () => {
    expect(maxErrorVsIdeal(reference, 16000)).toBeLessThan(0.011);
  });

  it.each([
    ['stereo-s16.wav', 'pcm', 16, 2 ** -15],
    ['stereo-u8.wav', 'pcm', 8, 2 ** -7],
    ['stereo-s24.wav', 'pcm', 24, 2 ** -23],
    ['stereo-s24-extensible.wav', 'pcm', 24, 2 ** -23],
    ['stereo-s32.wav', 'pcm', 32, 1e-7],
    ['stereo-mulaw.wav', 'mulaw', 8, 0.016],
    ['stereo-alaw.wav', 'alaw', 8, 0.016],
  ] as const)(
    'reads %s as the same two channels, within its quantization step',
    (name, format, bits, tolerance) => {
      const wav = decodeWav(fixture(name));
      expect(wav.sampleRateHz).toBe(16000);
      expect(wav.format).toBe(format);
      expect(wav.bitsPerSample).toBe(bits);
      expect(wav.channels).toHaveLength(2);
      expect(wav.channels[0]).toHaveLength(1600);
      expect(wav.channels[1]).toHaveLength(1600);
      expect(maxDifference(wav.channels, reference)).toBeLessThanOrEqual(tolerance);
    },
  );

  it('reads a crash-truncated recording (data size larger than the file) up to the last whole frame', () => {
    const whole = fixture('stereo-s16.wav');
    const cut = whole.slice(0, 44 + 1000 * 4 + 3); // 1000 frames and a partial one
    const wav = decodeWav(cut);
    expect(wav.channels[0]).toHaveLength(1000);
    expect(Array.from(wav.channels[1]!)).toEqual(Array.from(decodeWav(whole).channels[1]!.subarray(0, 1000)));
  });

  it.each([0, 0xffffffff])('treats a data size of %d as "until the end of the file"', (size) => {
    const bytes = fixture('stereo-s16.wav');
    new DataView(bytes.buffer).setUint32(40, size, true);
    new DataView(bytes.buffer).setUint32(4, size, true);
    expect(decodeWav(bytes).channels[0]).toHaveLength(1600);
  });

  it('skips unknown chunks, including an odd-sized chunk without its pad byte, before fmt', () => {
    const original = fixture('stereo-s16.wav');
    const junk = new Uint8Array([0x4a, 0x55, 0x4e, 0x4b, 3, 0, 0, 0, 1, 2, 3]); // "JUNK", size 3, no pad
    const bytes = new Uint8Array(original.length + junk.length);
    bytes.set(original.subarray(0, 12), 0);
    bytes.set(junk, 12);
    bytes.set(original.subarray(12), 12 + junk.length);
    const wav = decodeWav(bytes);
    expect(wav.channels[0]).toHaveLength(1600);
    expect(maxDifference(wav.channels, reference)).toBeLessThanOrEqual(2 ** -15);
  });

  it('reads the fact chunk layout of sox μ-law files and a LIST chunk after data', () => {
    const original = fixture('stereo-mulaw.wav');
    const list = new Uint8Array([0x4c, 0x49, 0x53, 0x54, 4, 0, 0, 0, 0x49, 0x4e, 0x46, 0x4f]);
    const bytes = new Uint8Array(original.length + list.length);
    bytes.set(original, 0);
    bytes.set(list, original.length);
    expect(decodeWav(bytes).channels[0]).toHaveLength(1600);
  });

  it('rejects garbage with stable error codes', () => {
    expect(codeOf(() => decodeWav(new Uint8Array(5)))).toBe('AUDIO_WAV_TOO_SHORT');
    expect(codeOf(() => decodeWav(new Uint8Array(100).fill(0x41)))).toBe('AUDIO_WAV_NOT_RIFF');
    const noFmt = fixture('stereo-s16.wav');
    noFmt.set([0x78, 0x78, 0x78, 0x78], 12); // rename "fmt " to "xxxx"
    expect(codeOf(() => decodeWav(noFmt))).toBe('AUDIO_WAV_NO_FMT');
    const headerOnly = fixture('stereo-s16.wav').slice(0, 36);
    expect(codeOf(() => decodeWav(headerOnly))).toBe('AUDIO_WAV_NO_DATA');
    const adpcm = fixture('stereo-s16.wav');
    new DataView(adpcm.buffer).setUint16(20, 2, true); // MS ADPCM
    expect(codeOf(() => decodeWav(adpcm))).toBe('AUDIO_WAV_UNSUPPORTED_FORMAT');
    const zeroChannels = fixture('stereo-s16.wav');
    new DataView(zeroChannels.buffer).setUint16(22, 0, true);
    expect(codeOf(() => decodeWav(zeroChannels))).toBe('AUDIO_WAV_BAD_FMT');
  });

  it('reads a subarray view that does not start at offset 0 of its buffer', () => {
    const original = fixture('stereo-s16.wav');
    const padded = new Uint8Array(original.length + 7);
    padded.set(original, 7);
    expect(decodeWav(padded.subarray(7)).channels[1]).toHaveLength(1600);
  });
});
