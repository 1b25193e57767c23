// Intensity: Praat's calibration (full-scale sine = 90.97 dB), mean removal, and the block sums against a
// sample-exact implementation of Praat's formula.
import { describe, expect, it } from 'vitest';
import { corpusWav } from '../__fixtures__/corpus.js';
import { INTENSITY_FLOOR_DB, intensityContour } from './intensity-contour.js';
import { summarizeIntensity } from './intensity-summary.js';

/** Praat's Sound: To Intensity, sample by sample (reference for the block-sum implementation). */
function exactIntensity(samples: Float32Array, rateHz: number, minPitchHz: number, frame: number): number {
  const half = Math.floor((3.2 / minPitchHz) * rateHz);
  const centre = Math.round((frame + 0.5) * rateHz * 0.01);
  const left = Math.max(0, centre - half);
  const right = Math.min(samples.length - 1, centre + half);
  let mean = 0;
  for (let i = left; i <= right; i++) mean += samples[i]!;
  mean /= right - left + 1;
  const beta = 2 * Math.PI * Math.PI + 0.5;
  const i0 = (x: number) => {
    let sum = 1;
    let term = 1;
    for (let k = 1; k < 200; k++) {
      term *= (x / (2 * k)) ** 2;
      sum += term;
    }
    return sum;
  };
  let sumW = 0;
  let sumWX2 = 0;
  for (let i = left; i <= right; i++) {
    const x = (i - centre) / half;
    const w = 1 - x * x <= 0 ? 0 : i0(beta * Math.sqrt(1 - x * x));
    sumW += w;
    sumWX2 += w * (samples[i]! - mean) ** 2;
  }
  return 10 * Math.log10(sumWX2 / sumW / 4e-10);
}

describe('intensityContour', () => {
  it('reads 90.97 dB for a full-scale sine and 6.02 dB less at half amplitude', () => {
    const sine = Float32Array.from({ length: 16000 }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / 16000));
    const { db, timeStepMs } = intensityContour(sine, 16000);
    expect(timeStepMs).toBe(10);
    expect(db).toHaveLength(100);
    expect(db[50]).toBeCloseTo(90.97, 1);
    expect(
      intensityContour(
        sine.map((v) => v / 2),
        16000,
      ).db[50],
    ).toBeCloseTo(90.97 - 6.02, 1);
  });

  it('matches the sample-exact Praat formula within 0.05 dB on real speech, for both window sizes', () => {
    const speech = corpusWav('asterisk-demo-thanks.wav').channels[0]!;
    for (const minPitchHz of [100, 50]) {
      const { db } = intensityContour(speech, 16000, { minPitchHz });
      for (let frame = 0; frame < db.length; frame += 7) {
        const exact = exactIntensity(speech, 16000, minPitchHz, frame);
        if (exact > 30) expect(Math.abs(db[frame]! - exact)).toBeLessThan(0.05);
      }
    }
  });

  it('removes a DC offset and floors digital silence', () => {
    const speech = corpusWav('en-02-s175-p50.wav').channels[0]!;
    const plain = summarizeIntensity(intensityContour(speech, 16000).db).meanDb;
    const offset = summarizeIntensity(
      intensityContour(
        speech.map((v) => v + 0.3),
        16000,
      ).db,
    ).meanDb;
    expect(Math.abs(offset - plain)).toBeLessThan(0.5);
    expect(Array.from(intensityContour(new Float32Array(4000), 16000).db)).toEqual(
      new Array(25).fill(INTENSITY_FLOOR_DB),
    );
  });
});

describe('summarizeIntensity', () => {
  it('averages energy, not decibels, and gives the SD of the dB values', () => {
    const summary = summarizeIntensity(new Float32Array([60, 70]));
    expect(summary.meanDb).toBeCloseTo(10 * Math.log10((1e6 + 1e7) / 2), 6);
    expect(summary.sdDb).toBeCloseTo(Math.SQRT2 * 5, 6);
    expect(summarizeIntensity(new Float32Array([60, 70, 80]), (i) => i > 0).meanDb).toBeGreaterThan(75);
  });
});
