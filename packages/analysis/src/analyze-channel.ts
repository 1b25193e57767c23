// One channel's voice measures: F0, intensity, phonation time, pauses and speech rate (syllable nuclei).
// Guarantees: pure and deterministic; every number is finite (0 when not measurable, e.g. silence);
// contours share one grid: frame i covers [i·10, (i+1)·10) ms.

import { blockEnergy, intensityContour } from './intensity/intensity-contour.js';
import { summarizeIntensity } from './intensity/intensity-summary.js';
import type { PitchOptions } from './pitch/pitch-options.js';
import { type PitchSummary, summarizePitch } from './pitch/pitch-summary.js';
import { trackPitchWithLenientVoicing } from './pitch/track-pitch.js';
import {
  detectPauses,
  type PauseOptions,
  type PauseSummary,
  summarizeSegments,
} from './segmentation/detect-pauses.js';
import { type SyllableOptions, syllableNuclei } from './syllables/syllable-nuclei.js';

/** Frame step of every contour, in ms. */
export const ANALYSIS_TIME_STEP_MS = 10;

/** Measures of one channel (the `callsim analyze --json` channel object, without `index`). */
export interface ChannelAnalysis {
  /** Phonation time in ms: total duration of sounding (non-pause) segments. */
  voicedMs: number;
  /** F0 statistics over voiced frames (all 0 when nothing is voiced). */
  f0: PitchSummary;
  /** Intensity over sounding frames (all frames when nothing is sounding), dB re 2·10⁻⁵ with full scale = 1 Pa. */
  intensity: { meanDb: number; sdDb: number };
  /** Syllable nuclei per second over the whole duration (pauses included). */
  syllableRatePerSec: number;
  /** Syllable nuclei per second of phonation time (voicedMs; pauses excluded); 0 when voicedMs is 0. */
  articulationRatePerSec: number;
  /** Internal pauses (≥ minPauseMs between speech; leading/trailing silence excluded). */
  pauses: PauseSummary;
}

/** Per-frame contours for charts; frame i covers [i·timeStepMs, (i+1)·timeStepMs). */
export interface ChannelContours {
  /** Frame step in ms (10). */
  timeStepMs: number;
  /** F0 in Hz per frame, 0 = unvoiced. */
  pitchHz: Float32Array;
  /** Intensity in dB per frame (Praat's default 100 Hz window). */
  intensityDb: Float32Array;
  /** Times of syllable nuclei in ms. */
  syllableTimesMs: number[];
}

/** Detailed result: the measures plus the syllable count and, on request, contours. */
export interface DetailedChannelAnalysis extends ChannelAnalysis {
  /** Number of syllable nuclei found. */
  syllableCount: number;
  /** Present when `includeContours` was set. */
  contours?: ChannelContours;
}

/** Settings of analyzeChannel; every field is optional. */
export interface AnalyzeChannelOptions {
  pitch?: Partial<PitchOptions>;
  pauses?: Partial<PauseOptions>;
  syllables?: Partial<SyllableOptions>;
  /** Return per-10 ms contours for charts (default false). */
  includeContours?: boolean;
}

/** Minimum-pitch setting of the smoother intensity used for syllable peaks (de Jong & Wempe use 50 Hz). */
const SYLLABLE_INTENSITY_MIN_PITCH_HZ = 50;

/** Analyzes one mono channel (float samples, full scale 1.0) at `sampleRateHz`. */
export function analyzeChannel(
  samples: Float32Array,
  sampleRateHz: number,
  options: AnalyzeChannelOptions = {},
): DetailedChannelAnalysis {
  const timeStepMs = ANALYSIS_TIME_STEP_MS;
  const durationMs = (samples.length / sampleRateHz) * 1000;
  const { track: pitch, lenientHz } = trackPitchWithLenientVoicing(samples, sampleRateHz, {
    ...options.pitch,
    timeStepMs,
  });
  const blocks = blockEnergy(samples, sampleRateHz);
  const intensity = intensityContour(samples, sampleRateHz, { timeStepMs }, blocks);
  const segments = detectPauses(intensity.db, timeStepMs, options.pauses);
  const { soundingMs, pauses } = summarizeSegments(segments);

  const sounding = new Uint8Array(intensity.db.length);
  for (const segment of segments) {
    if (segment.kind === 'sounding')
      sounding.fill(1, segment.startMs / timeStepMs, segment.endMs / timeStepMs);
  }
  const intensitySummary =
    soundingMs > 0
      ? summarizeIntensity(intensity.db, (i) => sounding[i] === 1)
      : summarizeIntensity(intensity.db);

  const smoothIntensity = intensityContour(
    samples,
    sampleRateHz,
    { timeStepMs, minPitchHz: SYLLABLE_INTENSITY_MIN_PITCH_HZ },
    blocks,
  );
  const syllableTimesMs = syllableNuclei(
    { intensityDb: smoothIntensity.db, pitchHz: lenientHz, segments, timeStepMs },
    options.syllables,
  );
  const syllableCount = syllableTimesMs.length;

  const result: DetailedChannelAnalysis = {
    voicedMs: soundingMs,
    f0: summarizePitch(pitch.hz),
    intensity: intensitySummary,
    syllableRatePerSec: durationMs > 0 ? syllableCount / (durationMs / 1000) : 0,
    articulationRatePerSec: soundingMs > 0 ? syllableCount / (soundingMs / 1000) : 0,
    pauses,
    syllableCount,
  };
  if (options.includeContours) {
    result.contours = { timeStepMs, pitchHz: pitch.hz, intensityDb: intensity.db, syllableTimesMs };
  }
  return result;
}
