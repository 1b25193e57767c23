// Syllable nuclei after de Jong & Wempe (2009): voiced intensity peaks inside speech, separated by dips.
// Language independent (no phone models). Guarantees: candidates are local maxima of the smoothed intensity
// above (99th percentile − 25 dB), voiced (F0 within ±voicingToleranceMs) and inside a sounding segment;
// neighbours are merged (keeping the louder) unless the dip between them is ≥ minDipDb below the softer one.
// (de Jong & Wempe test only the dip after each peak; the two-sided test stops tone-contour wobbles on
// a syllable's tail from counting as extra syllables.)

import type { Segment } from '../segmentation/detect-pauses.js';
import { quantileOfSorted, sortedCopy } from '../stats/quantile.js';

/** Syllable detector settings. */
export interface SyllableOptions {
  /** Peaks must exceed the 99th-percentile intensity plus this, in dB (negative) — default −25. */
  silenceThresholdDb: number;
  /** A peak must rise this many dB above the dip that follows it — default 2. */
  minDipDb: number;
  /** A peak counts as voiced if F0 exists within this many ms of it — default 20. */
  voicingToleranceMs: number;
}

/** de Jong & Wempe's defaults (dip 2 dB, silence −25 dB). */
export const DEFAULT_SYLLABLE_OPTIONS: Readonly<SyllableOptions> = Object.freeze({
  silenceThresholdDb: -25,
  minDipDb: 2,
  voicingToleranceMs: 20,
});

/** Inputs on a common frame grid (frame i centred at (i + 0.5) × timeStepMs). */
export interface SyllableInput {
  /** Smoothed intensity in dB per frame (de Jong uses a 50 Hz minimum-pitch window). */
  intensityDb: Float32Array;
  /** F0 per frame in Hz, 0 = unvoiced (same grid). */
  pitchHz: Float32Array;
  /** Sounding/silent segmentation of the same signal. */
  segments: Segment[];
  /** Frame step in ms. */
  timeStepMs: number;
}

/** Finds syllable nuclei; returns their times in ms (frame centres), ascending. */
export function syllableNuclei(input: SyllableInput, options: Partial<SyllableOptions> = {}): number[] {
  const settings = { ...DEFAULT_SYLLABLE_OPTIONS, ...options };
  const { intensityDb, pitchHz, segments, timeStepMs } = input;
  const frameCount = intensityDb.length;
  if (frameCount < 3) return [];
  const sorted = sortedCopy(intensityDb);
  const threshold = Math.max(quantileOfSorted(sorted, 0.99) + settings.silenceThresholdDb, sorted[0]!);

  const peaks: number[] = [];
  for (let i = 1; i < frameCount - 1; i++) {
    const v = intensityDb[i]!;
    if (v > threshold && v > intensityDb[i - 1]! && v >= intensityDb[i + 1]!) peaks.push(i);
  }

  const sounding = new Uint8Array(frameCount);
  for (const segment of segments) {
    if (segment.kind !== 'sounding') continue;
    const from = Math.max(0, Math.round(segment.startMs / timeStepMs));
    const to = Math.min(frameCount, Math.round(segment.endMs / timeStepMs));
    sounding.fill(1, from, to);
  }
  const tolerance = Math.round(settings.voicingToleranceMs / timeStepMs);
  const isVoiced = (frame: number) => {
    for (let j = Math.max(0, frame - tolerance); j <= Math.min(pitchHz.length - 1, frame + tolerance); j++) {
      if (pitchHz[j]! > 0) return true;
    }
    return false;
  };

  const candidates = peaks.filter((frame) => sounding[frame] === 1 && isVoiced(frame));
  const nuclei: number[] = [];
  let current = candidates[0];
  for (let p = 1; p < candidates.length && current !== undefined; p++) {
    const next = candidates[p]!;
    let dip = Number.POSITIVE_INFINITY;
    for (let j = current + 1; j < next; j++) dip = Math.min(dip, intensityDb[j]!);
    const softer = Math.min(intensityDb[current]!, intensityDb[next]!);
    if (softer - dip >= settings.minDipDb) {
      nuclei.push((current + 0.5) * timeStepMs);
      current = next;
    } else if (intensityDb[next]! > intensityDb[current]!) {
      current = next; // same syllable: keep its louder peak
    }
  }
  if (current !== undefined) nuclei.push((current + 0.5) * timeStepMs);
  return nuclei;
}
