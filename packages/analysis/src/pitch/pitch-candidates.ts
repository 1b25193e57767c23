// Per-frame F0 candidates from the normalized autocorrelation (Boersma 1993, as in Praat's "To Pitch (ac)").
// Guarantees: one Hann-windowed frame per time step; autocorrelation via FFT, two frames per complex FFT;
// frames too quiet to ever be voiced (provably, given the path costs) skip the FFT entirely.

import { fftPlan } from '../signal/fft.js';
import { rangeSum } from '../signal/range-sum.js';
import type { PitchOptions } from './pitch-options.js';

/** Candidates of all frames, flattened: frame f owns slots f·slots … f·slots + count[f] − 1. */
export interface PitchCandidates {
  frameCount: number;
  /** Slots per frame (maxCandidates + 1, slot 0 = unvoiced). */
  slots: number;
  /** Number of used slots per frame (≥ 1). */
  count: Uint8Array;
  /** Candidate frequency in Hz (0 = unvoiced). */
  frequencyHz: Float32Array;
  /** Candidate strength: normalized autocorrelation (slot 0 unused). */
  strength: Float32Array;
  /** Local peak of each frame relative to the file's peak (0 … 1): drives the unvoiced strength. */
  relativePeak: Float32Array;
}

/** Unvoiced strength of a frame (Praat): voicingThreshold + max(0, 2 − relativePeak / (silence / (1 + voicing))). */
export function unvoicedStrength(
  relativePeak: number,
  voicingThreshold: number,
  silenceThreshold: number,
): number {
  if (silenceThreshold <= 0) return voicingThreshold;
  return voicingThreshold + Math.max(0, 2 - relativePeak / (silenceThreshold / (1 + voicingThreshold)));
}

/**
 * Computes candidates for frames centred at (i + 0.5) × timeStepMs, i = 0 … frameCount − 1.
 * `samples` should be at ≈ 8 kHz (see toPitchAnalysisRate) for speed; any rate works.
 * `lowestVoicingThreshold` (≤ options.voicingThreshold) keeps weaker peaks for a second, more lenient path.
 */
export function pitchCandidates(
  samples: Float32Array,
  sampleRateHz: number,
  frameCount: number,
  options: PitchOptions,
  lowestVoicingThreshold = options.voicingThreshold,
): PitchCandidates {
  const { floorHz, silenceThreshold, octaveCost, maxCandidates } = options;
  const voicingThreshold = Math.min(lowestVoicingThreshold, options.voicingThreshold);
  const slots = maxCandidates + 1;
  const count = new Uint8Array(frameCount).fill(1);
  const frequencyHz = new Float32Array(frameCount * slots);
  const strength = new Float32Array(frameCount * slots);
  const relativePeak = new Float32Array(frameCount);

  const periodSamples = Math.floor(sampleRateHz / floorHz);
  const halfWindow = Math.floor((3 * periodSamples) / 2) - 1;
  const windowSamples = 2 * halfWindow;
  const halfPeriod = Math.floor(periodSamples / 2) + 1;
  const maxLag = Math.floor(windowSamples / 3) + 2;
  const interpolationLimit = Math.floor(windowSamples / 2); // autocorrelation is reliable up to half the window
  let fftSize = 2;
  while (fftSize < windowSamples * 1.5) fftSize *= 2;
  const plan = fftPlan(fftSize);

  const window = new Float64Array(windowSamples);
  for (let j = 0; j < windowSamples; j++)
    window[j] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (j + 1)) / (windowSamples + 1));
  const windowAutocorrelation = autocorrelationOfWindow(window, interpolationLimit + 1);

  // Range sums give each frame's local mean (one longest period each side) cheaply.
  const sums = rangeSum(samples);
  const globalMean = samples.length > 0 ? sums.sum(0, samples.length) / samples.length : 0;
  let globalPeak = 0;
  for (let i = 0; i < samples.length; i++)
    globalPeak = Math.max(globalPeak, Math.abs(samples[i]! - globalMean));

  // Unvoiced strength at or above this makes voicing impossible on any path (voiced strength ≤ 1,
  // leaving unvoiced costs at most two voiced/unvoiced transitions): skip the autocorrelation.
  const timeStepCorrection = 10 / options.timeStepMs;
  const hopelessUnvoicedStrength = 1 + 2 * options.voicedUnvoicedCost * timeStepCorrection + 1e-9;

  const re = new Float64Array(fftSize);
  const im = new Float64Array(fftSize);
  const powerRe = new Float64Array(fftSize);
  const powerIm = new Float64Array(fftSize);
  const r = new Float64Array(interpolationLimit + 2);
  const pending: number[] = [];
  const localMeans = new Float64Array(frameCount);

  const hopSamples = (sampleRateHz * options.timeStepMs) / 1000;
  for (let frame = 0; frame < frameCount; frame++) {
    const centre = Math.floor((frame + 0.5) * hopSamples);
    const from = Math.max(0, centre - periodSamples);
    const to = Math.min(samples.length, centre + periodSamples);
    const localMean = to > from ? sums.sum(from, to) / (to - from) : 0;
    localMeans[frame] = localMean;
    const localPeak = frameLocalPeak(samples, localMean, centre, halfPeriod);
    const relative = globalPeak > 0 ? Math.min(1, localPeak / globalPeak) : 0;
    relativePeak[frame] = relative;
    const unvoiced = unvoicedStrength(relative, voicingThreshold, silenceThreshold);
    if (localPeak === 0 || unvoiced >= hopelessUnvoicedStrength) continue;
    pending.push(frame);
    if (pending.length === 2) flush();
  }
  if (pending.length > 0) flush();
  return { frameCount, slots, count, frequencyHz, strength, relativePeak };

  /** Autocorrelates the pending one or two frames with a single complex FFT pair. */
  function flush(): void {
    re.fill(0);
    im.fill(0);
    const first = pending[0]!;
    const second = pending[1];
    fillFrame(first, re);
    if (second !== undefined) fillFrame(second, im);
    plan.forward(re, im);
    // Separate the spectra of the two real frames and take their power: P1 in powerRe, P2 in powerIm.
    for (let k = 0; k < fftSize; k++) {
      const m = (fftSize - k) & (fftSize - 1);
      const x1r = 0.5 * (re[k]! + re[m]!);
      const x1i = 0.5 * (im[k]! - im[m]!);
      const x2r = 0.5 * (im[k]! + im[m]!);
      const x2i = 0.5 * (re[m]! - re[k]!);
      powerRe[k] = x1r * x1r + x1i * x1i;
      powerIm[k] = x2r * x2r + x2i * x2i;
    }
    // Both power spectra are real and even, so one forward FFT yields both autocorrelations (× fftSize).
    plan.forward(powerRe, powerIm);
    registerPeaks(first, powerRe);
    if (second !== undefined) registerPeaks(second, powerIm);
    pending.length = 0;
  }

  function fillFrame(frame: number, target: Float64Array): void {
    const centre = Math.floor((frame + 0.5) * hopSamples);
    const start = centre - halfWindow + 1;
    const localMean = localMeans[frame]!;
    for (let j = 0; j < windowSamples; j++) {
      const i = start + j;
      const value = i >= 0 && i < samples.length ? samples[i]! - localMean : 0;
      target[j] = value * window[j]!;
    }
  }

  function registerPeaks(frame: number, autocorrelation: Float64Array): void {
    const energy = autocorrelation[0]!;
    if (!(energy > 0)) return;
    const limit = Math.min(maxLag, interpolationLimit);
    for (let i = 1; i <= Math.min(limit + 1, interpolationLimit); i++) {
      r[i] = autocorrelation[i]! / (energy * windowAutocorrelation[i]!);
    }
    r[0] = 1;
    const base = frame * slots;
    let used = 1;
    for (let i = 2; i < limit; i++) {
      const ri = r[i]!;
      if (!(ri > 0.5 * voicingThreshold && ri > r[i - 1]! && ri >= r[i + 1]!)) continue;
      const dr = 0.5 * (r[i + 1]! - r[i - 1]!);
      const d2r = 2 * ri - r[i - 1]! - r[i + 1]!;
      const offset = d2r > 0 ? dr / d2r : 0;
      const frequency = sampleRateHz / (i + offset);
      let peak = ri + 0.5 * dr * offset;
      if (peak > 1) peak = 1 / peak; // short windows can overshoot: reflect around 1, as Praat does
      let place = -1;
      if (used < slots) {
        place = used++;
      } else {
        // Replace the weakest candidate (with the octave cost favouring high frequencies), if weaker than this.
        let weakest = 2;
        for (let c = 1; c < slots; c++) {
          const local = strength[base + c]! - octaveCost * Math.log2(floorHz / frequencyHz[base + c]!);
          if (local < weakest) {
            weakest = local;
            place = c;
          }
        }
        if (peak - octaveCost * Math.log2(floorHz / frequency) <= weakest) place = -1;
      }
      if (place > 0) {
        frequencyHz[base + place] = frequency;
        strength[base + place] = peak;
      }
    }
    // Candidates above the ceiling stay: the path finder treats them as unvoiced, as in Praat.
    count[frame] = used;
  }
}

/** Largest |x − local mean| within half a longest period of the frame centre. */
function frameLocalPeak(
  samples: Float32Array,
  localMean: number,
  centre: number,
  halfPeriod: number,
): number {
  let peak = 0;
  const start = Math.max(0, centre - halfPeriod);
  const end = Math.min(samples.length, centre + halfPeriod + 1);
  for (let i = start; i < end; i++) peak = Math.max(peak, Math.abs(samples[i]! - localMean));
  return peak;
}

/** Normalized autocorrelation of the analysis window for lags 0 … lagCount − 1. */
function autocorrelationOfWindow(window: Float64Array, lagCount: number): Float64Array {
  const out = new Float64Array(lagCount);
  let zero = 0;
  for (let j = 0; j < window.length; j++) zero += window[j]! * window[j]!;
  for (let lag = 0; lag < lagCount; lag++) {
    let sum = 0;
    for (let j = 0; j + lag < window.length; j++) sum += window[j]! * window[j + lag]!;
    out[lag] = sum / zero;
  }
  return out;
}
