// Summary statistics of an F0 contour over its voiced frames (0 Hz = unvoiced, ignored).
// Guarantees: all fields 0 when no frame is voiced; semitone spread is relative to the median.

import { quantileOfSorted, standardDeviation } from '../stats/quantile.js';

/** F0 statistics over voiced frames. */
export interface PitchSummary {
  /** Median F0 in Hz (0 when nothing is voiced). */
  medianHz: number;
  /** 10th percentile of F0 in Hz. */
  p10Hz: number;
  /** 90th percentile of F0 in Hz. */
  p90Hz: number;
  /** Standard deviation of F0 in semitones (12·log2(f / median)); intonation liveliness. */
  sdSemitones: number;
}

/** Summarizes an F0 contour (Hz per frame, 0 = unvoiced). */
export function summarizePitch(contourHz: Float32Array): PitchSummary {
  const voiced: number[] = [];
  for (let i = 0; i < contourHz.length; i++) if (contourHz[i]! > 0) voiced.push(contourHz[i]!);
  if (voiced.length === 0) return { medianHz: 0, p10Hz: 0, p90Hz: 0, sdSemitones: 0 };
  const sorted = Float64Array.from(voiced).sort();
  const medianHz = quantileOfSorted(sorted, 0.5);
  const semitones = voiced.map((f) => 12 * Math.log2(f / medianHz));
  return {
    medianHz,
    p10Hz: quantileOfSorted(sorted, 0.1),
    p90Hz: quantileOfSorted(sorted, 0.9),
    sdSemitones: standardDeviation(semitones),
  };
}
