// Sample conversion, interleaving and down-mixing: properties over random input plus edge values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { float32ToInt16, int16ToFloat32 } from './convert.js';
import { deinterleave, interleave } from './interleave.js';
import { mixToMono } from './mix-to-mono.js';

describe('int16 ↔ float32', () => {
  it('round-trips every s16 value exactly', () => {
    const all = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
    expect(float32ToInt16(int16ToFloat32(all))).toEqual(all);
  });

  it('clips out-of-range floats and maps NaN to 0', () => {
    expect(Array.from(float32ToInt16(new Float32Array([2, -2, 1, -1, Number.NaN])))).toEqual([
      32767, -32768, 32767, -32768, 0,
    ]);
  });
});

describe('interleave / deinterleave', () => {
  it('are inverse for any number of equal-length channels', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 50 }), (channelCount, length) => {
        const channels = Array.from({ length: channelCount }, (_, c) =>
          Int16Array.from({ length }, (_, i) => (c * 1000 + i * 7) % 32767),
        );
        const interleaved = interleave(channels);
        expect(interleaved.length).toBe(channelCount * length);
        if (length > 0 && channelCount > 1) expect(interleaved[1]).toBe(channels[1]![0]);
        expect(deinterleave(interleaved, channelCount)).toEqual(channels);
      }),
    );
  });
});

describe('mixToMono', () => {
  it('averages channels and stops at the shortest one', () => {
    const mono = mixToMono([new Float32Array([1, 0.5, 0.25]), new Float32Array([-1, 0.5])]);
    expect(Array.from(mono)).toEqual([0, 0.5]);
  });
});
