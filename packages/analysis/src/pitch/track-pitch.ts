// Pitch tracking entry point: resample to ≈ 8 kHz, find autocorrelation candidates, choose a Viterbi path.
// Guarantees: frame i is centred at (i + 0.5) × timeStepMs; frameCount = floor(durationMs / timeStepMs);
// F0 in Hz per frame with 0 = unvoiced; deterministic.

import { toPitchAnalysisRate } from '../signal/to-analysis-rate.js';
import { pitchCandidates } from './pitch-candidates.js';
import { DEFAULT_PITCH_OPTIONS, type PitchOptions } from './pitch-options.js';
import { bestPitchPath } from './pitch-path.js';

/** An F0 contour on a regular time grid. */
export interface PitchTrack {
  /** Frame step in ms; frame i covers [i·timeStepMs, (i+1)·timeStepMs). */
  timeStepMs: number;
  /** F0 in Hz per frame; 0 = unvoiced. */
  hz: Float32Array;
}

/** Tracks F0 of a mono signal (full scale 1.0) at `sampleRateHz`. */
export function trackPitch(
  samples: Float32Array,
  sampleRateHz: number,
  options: Partial<PitchOptions> = {},
): PitchTrack {
  const { track } = trackPitchWithLenientVoicing(samples, sampleRateHz, options);
  return track;
}

/**
 * Like trackPitch, plus a second path over the same candidates with a lower voicing threshold (default 0.25,
 * as de Jong & Wempe use to decide whether a syllable peak is voiced). Costs one extra Viterbi pass.
 */
export function trackPitchWithLenientVoicing(
  samples: Float32Array,
  sampleRateHz: number,
  options: Partial<PitchOptions> = {},
  lenientVoicingThreshold = 0.25,
): { track: PitchTrack; lenientHz: Float32Array } {
  const settings: PitchOptions = { ...DEFAULT_PITCH_OPTIONS, ...options };
  const durationMs = (samples.length / sampleRateHz) * 1000;
  const frameCount = Math.max(0, Math.floor(durationMs / settings.timeStepMs + 1e-9));
  const analysis = toPitchAnalysisRate(samples, sampleRateHz);
  const candidates = pitchCandidates(
    analysis.samples,
    analysis.sampleRateHz,
    frameCount,
    settings,
    lenientVoicingThreshold,
  );
  const hz = bestPitchPath(candidates, settings);
  const lenientHz = bestPitchPath(candidates, { ...settings, voicingThreshold: lenientVoicingThreshold });
  return { track: { timeStepMs: settings.timeStepMs, hz }, lenientHz };
}
