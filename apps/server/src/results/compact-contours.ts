// Shrinks per-10 ms voice contours into the chart payload stored with a score: pitch and
// intensity on a coarser grid (≥ 50 ms, at most MAX_CONTOUR_POINTS points per channel),
// syllable times, a channel summary and the agent's speech rate over time.
// Pure and deterministic: the same analysis and transcript give the same payload.
import type { ChannelContours, DetailedChannelAnalysis } from '@callsim/analysis';
import type { ChannelContourDto, ChannelSummaryDto, PaceSeriesDto } from '@callsim/protocol';
import { countSpeechUnits, type ScoreTranscript } from '@callsim/scoring';

/** Most points of one contour in the payload (a 5-minute call fits at 50 ms). */
export const MAX_CONTOUR_POINTS = 6000;
/** Finest grid of the payload, ms. */
export const MIN_CONTOUR_STEP_MS = 50;
/** Sliding window of the pace series, ms. */
export const PACE_WINDOW_MS = 10_000;
/** Step of the pace series, ms. */
export const PACE_STEP_MS = 2_000;
/** Least agent talk time inside a window for a pace value, ms. */
const PACE_MIN_TALK_MS = 1_500;

/** The stored contour payload: CallContoursDto without callId and version. */
export interface CompactContours {
  durationMs: number;
  stepMs: number;
  agent: ChannelContourDto | null;
  caller: ChannelContourDto | null;
  pace: PaceSeriesDto;
}

/** Grid step for a call of `durationMs`: 50 ms, coarser in 10 ms steps for long calls. */
export function contourStepMs(durationMs: number, frameMs = 10): number {
  const needed = Math.ceil(durationMs / MAX_CONTOUR_POINTS / frameMs) * frameMs;
  return Math.max(MIN_CONTOUR_STEP_MS, needed);
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Pitch per step: the median of the voiced 10 ms frames when at least half the frames are
 * voiced, else 0 (unvoiced); whole Hz.
 */
export function downsamplePitch(pitchHz: Float32Array, framesPerStep: number): number[] {
  const out: number[] = [];
  for (let start = 0; start < pitchHz.length; start += framesPerStep) {
    const end = Math.min(pitchHz.length, start + framesPerStep);
    const voiced: number[] = [];
    for (let i = start; i < end; i++) if (pitchHz[i]! > 0) voiced.push(pitchHz[i]!);
    out.push(voiced.length * 2 >= end - start ? Math.round(median(voiced)) : 0);
  }
  return out;
}

/** Intensity per step: mean dB of its frames, one decimal. */
export function downsampleIntensity(intensityDb: Float32Array, framesPerStep: number): number[] {
  const out: number[] = [];
  for (let start = 0; start < intensityDb.length; start += framesPerStep) {
    const end = Math.min(intensityDb.length, start + framesPerStep);
    let sum = 0;
    for (let i = start; i < end; i++) sum += intensityDb[i]!;
    out.push(round1(sum / (end - start)));
  }
  return out;
}

function summaryOf(analysis: DetailedChannelAnalysis): ChannelSummaryDto {
  return {
    voicedMs: Math.round(analysis.voicedMs),
    f0: {
      medianHz: round1(analysis.f0.medianHz),
      p10Hz: round1(analysis.f0.p10Hz),
      p90Hz: round1(analysis.f0.p90Hz),
      sdSemitones: round2(analysis.f0.sdSemitones),
    },
    intensity: { meanDb: round1(analysis.intensity.meanDb), sdDb: round1(analysis.intensity.sdDb) },
    syllableRatePerSec: round2(analysis.syllableRatePerSec),
    articulationRatePerSec: round2(analysis.articulationRatePerSec),
    pauses: { count: analysis.pauses.count, longestMs: Math.round(analysis.pauses.longestMs) },
  };
}

function compactChannel(analysis: DetailedChannelAnalysis | null, stepMs: number): ChannelContourDto | null {
  if (!analysis) return null;
  const contours: ChannelContours | undefined = analysis.contours;
  const framesPerStep = contours ? Math.max(1, Math.round(stepMs / contours.timeStepMs)) : 1;
  return {
    pitchHz: contours ? downsamplePitch(contours.pitchHz, framesPerStep) : [],
    intensityDb: contours ? downsampleIntensity(contours.intensityDb, framesPerStep) : [],
    syllableTimesMs: contours ? contours.syllableTimesMs.map((t) => Math.round(t)) : [],
    summary: summaryOf(analysis),
  };
}

/** ms of [a0, a1) ∩ [b0, b1). */
const overlapMs = (a0: number, a1: number, b0: number, b1: number): number =>
  Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/**
 * The agent's pace over time: syllable nuclei per minute of agent talk (transcript segments)
 * inside a window centred on each step — pauses between turns excluded, like the speech-rate
 * band — plus each agent segment's transcript rate in the score's unit.
 */
export function paceSeries(
  syllableTimesMs: readonly number[],
  transcript: ScoreTranscript,
  durationMs: number,
): PaceSeriesDto {
  const agentSegments = transcript.segments.filter((s) => s.speaker === 'agent' && s.endMs > s.startMs);
  const agentSyllablesMs = syllableTimesMs.filter((t) =>
    agentSegments.some((s) => t >= s.startMs && t < s.endMs),
  );
  const syllablesPerMin: (number | null)[] = [];
  const half = PACE_WINDOW_MS / 2;
  for (let centre = 0; centre <= durationMs; centre += PACE_STEP_MS) {
    const from = centre - half;
    const to = centre + half;
    const talkMs = agentSegments.reduce((sum, s) => sum + overlapMs(s.startMs, s.endMs, from, to), 0);
    if (talkMs < PACE_MIN_TALK_MS) {
      syllablesPerMin.push(null);
      continue;
    }
    const count = agentSyllablesMs.filter((t) => t >= from && t < to).length;
    syllablesPerMin.push(count === 0 ? null : Math.round((count / talkMs) * 60_000));
  }
  const segments = agentSegments
    .map((s) => ({
      startMs: Math.round(s.startMs),
      endMs: Math.round(s.endMs),
      perMin: Math.round((countSpeechUnits(s.text, transcript.locale) / (s.endMs - s.startMs)) * 60_000),
    }))
    .filter((s) => s.perMin > 0);
  return {
    windowMs: PACE_WINDOW_MS,
    stepMs: PACE_STEP_MS,
    syllablesPerMin,
    segments,
    segmentUnit: transcript.locale === 'zh-CN' ? 'chars/min' : 'words/min',
  };
}

/** Builds the stored contour payload of a call. */
export function compactContours(input: {
  durationMs: number;
  agent: DetailedChannelAnalysis | null;
  caller: DetailedChannelAnalysis | null;
  transcript: ScoreTranscript;
}): CompactContours {
  const stepMs = contourStepMs(input.durationMs);
  return {
    durationMs: Math.round(input.durationMs),
    stepMs,
    agent: compactChannel(input.agent, stepMs),
    caller: compactChannel(input.caller, stepMs),
    pace: paceSeries(input.agent?.contours?.syllableTimesMs ?? [], input.transcript, input.durationMs),
  };
}
