// Mean and spread of an intensity contour over selected frames (e.g. speech only, pauses excluded).
// Guarantees: the mean averages energy (like Praat's "Get mean … energy"), the SD is over dB values.

import { standardDeviation } from '../stats/quantile.js';

/** Intensity statistics in dB. */
export interface IntensitySummary {
  /** Energy-averaged mean intensity in dB (re 2·10⁻⁵, full scale = 1 Pa). */
  meanDb: number;
  /** Standard deviation of the per-frame dB values (loudness variation). */
  sdDb: number;
}

/** Summarizes the frames where `include` is true (all frames when omitted); zeros when none. */
export function summarizeIntensity(db: Float32Array, include?: (frame: number) => boolean): IntensitySummary {
  const selected: number[] = [];
  for (let i = 0; i < db.length; i++) if (!include || include(i)) selected.push(db[i]!);
  if (selected.length === 0) return { meanDb: 0, sdDb: 0 };
  let energy = 0;
  for (const value of selected) energy += 10 ** (value / 10);
  return { meanDb: 10 * Math.log10(energy / selected.length), sdDb: standardDeviation(selected) };
}
