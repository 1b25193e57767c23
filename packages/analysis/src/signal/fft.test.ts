// The FFT against a direct DFT, for every size the analysis uses.
import { describe, expect, it } from 'vitest';
import { fftPlan } from './fft.js';

describe('fftPlan', () => {
  it.each([4, 8, 64, 512, 1024])('matches the direct DFT for size %d', (size) => {
    const re = Float64Array.from({ length: size }, (_, i) => Math.sin(i * 1.3) + (i % 5) * 0.1);
    const im = Float64Array.from({ length: size }, (_, i) => Math.cos(i * 0.7) * 0.5);
    const expectedRe = new Float64Array(size);
    const expectedIm = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      for (let n = 0; n < size; n++) {
        const angle = (-2 * Math.PI * k * n) / size;
        expectedRe[k]! += re[n]! * Math.cos(angle) - im[n]! * Math.sin(angle);
        expectedIm[k]! += re[n]! * Math.sin(angle) + im[n]! * Math.cos(angle);
      }
    }
    fftPlan(size).forward(re, im);
    for (let k = 0; k < size; k++) {
      expect(re[k]).toBeCloseTo(expectedRe[k]!, 8);
      expect(im[k]).toBeCloseTo(expectedIm[k]!, 8);
    }
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => fftPlan(100)).toThrow(RangeError);
  });
});
