// rmsDb reference points: full-scale sine, half-scale, silence floor, Int16 input.
import { describe, expect, it } from 'vitest';
import { rmsDb } from './rms-db.js';

describe('rmsDb', () => {
  it('gives −3.01 dBFS for a full-scale sine and 6 dB less at half amplitude', () => {
    const full = Float32Array.from({ length: 16000 }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / 16000));
    expect(rmsDb(full)).toBeCloseTo(-3.01, 2);
    expect(rmsDb(full.map((v) => v / 2))).toBeCloseTo(-9.03, 2);
  });

  it('returns the floor for silence and empty input, and scales Int16 by 32768', () => {
    expect(rmsDb(new Float32Array(100))).toBe(-120);
    expect(rmsDb(new Float32Array(0), -90)).toBe(-90);
    expect(rmsDb(new Int16Array(10).fill(-32768))).toBeCloseTo(0, 6);
  });
});
