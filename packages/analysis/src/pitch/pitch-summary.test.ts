// F0 summary: Praat-style quantiles over voiced frames, spread in semitones.
import { describe, expect, it } from 'vitest';
import { summarizePitch } from './pitch-summary.js';

describe('summarizePitch', () => {
  it('ignores unvoiced frames and reports quantiles in Hz and spread in semitones', () => {
    const contour = new Float32Array([0, 100, 0, 200, 100, 200, 0]);
    const summary = summarizePitch(contour);
    expect(summary.medianHz).toBeCloseTo(150, 6);
    expect(summary.p10Hz).toBe(100);
    expect(summary.p90Hz).toBe(200);
    // Values at ±6 semitones around 150·… → half an octave each side of the geometric middle.
    expect(summary.sdSemitones).toBeCloseTo(6.93, 1);
  });

  it('is all zeros when nothing is voiced', () => {
    expect(summarizePitch(new Float32Array(5))).toEqual({ medianHz: 0, p10Hz: 0, p90Hz: 0, sdSemitones: 0 });
  });
});
