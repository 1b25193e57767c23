// Analysis of every channel of a decoded recording (agent left = index 0, caller right = index 1).
// Guarantees: one entry per channel in channel order; durationMs from the sample count, rounded to 1 ms.

import {
  type AnalyzeChannelOptions,
  analyzeChannel,
  type DetailedChannelAnalysis,
} from './analyze-channel.js';

/** The decoded audio analyzeRecording needs (DecodedWav from @callsim/audio fits). */
export interface RecordingInput {
  /** Sample rate in Hz. */
  sampleRateHz: number;
  /** Planar float channels, full scale 1.0. */
  channels: readonly Float32Array[];
}

/** Result of analyzeRecording (the `callsim analyze --json` shape, plus per-channel details). */
export interface RecordingAnalysis {
  /** Duration of the recording in ms. */
  durationMs: number;
  /** One analysis per channel, `index` = channel number from 0. */
  channels: Array<{ index: number } & DetailedChannelAnalysis>;
}

/** Analyzes each channel of a recording independently. */
export function analyzeRecording(
  decoded: RecordingInput,
  options: AnalyzeChannelOptions = {},
): RecordingAnalysis {
  const length = decoded.channels[0]?.length ?? 0;
  return {
    durationMs: Math.round((length / decoded.sampleRateHz) * 1000),
    channels: decoded.channels.map((samples, index) => ({
      index,
      ...analyzeChannel(samples, decoded.sampleRateHz, options),
    })),
  };
}
