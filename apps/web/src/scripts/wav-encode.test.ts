// The browser-made WAV must be what the server and every player expect: RIFF/WAVE, PCM,
// mono, 16-bit, the given rate, data size matching the samples, clipped not wrapped.
import { describe, expect, it } from 'vitest';
import { concatSamples, encodeMonoWav, levelDb } from './wav-encode.js';

describe('encodeMonoWav', () => {
  it('writes a 16 kHz mono 16-bit PCM header and clipped samples', () => {
    const samples = concatSamples([new Float32Array([0, 0.5, -0.5]), new Float32Array([1.5, -2])]);
    const wav = encodeMonoWav(samples, 16000);
    const view = new DataView(wav.buffer);
    const ascii = (offset: number) => String.fromCharCode(...wav.subarray(offset, offset + 4));
    expect([ascii(0), ascii(8), ascii(12), ascii(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(view.getUint32(4, true)).toBe(wav.length - 8);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(16000);
    expect(view.getUint32(28, true)).toBe(32000);
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(10);
    const pcm = [0, 1, 2, 3, 4].map((i) => view.getInt16(44 + i * 2, true));
    expect(pcm).toEqual([0, 16384, -16384, 32767, -32768]);
  });

  it('measures the level for the meter', () => {
    expect(levelDb(new Float32Array(100))).toBe(-100);
    expect(levelDb(new Float32Array(100).fill(0.5))).toBeCloseTo(-6.02, 1);
  });
});
