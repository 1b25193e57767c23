// Voice analysis of a stereo call recording: decode the WAV, then analyze the agent (left,
// channel 0) and the caller (right, channel 1) with contours. Guarantees: a mono file is the
// agent alone; the channels go to `analyzer` together, so a worker pool runs them in parallel.
import { analyzeChannel, type DetailedChannelAnalysis } from '@callsim/analysis';
import { decodeWav } from '@callsim/audio';

/** Analyzes one mono channel with contours; may run elsewhere (a worker thread). */
export type ChannelAnalyzer = (
  samples: Float32Array,
  sampleRateHz: number,
) => Promise<DetailedChannelAnalysis>;

/** Analysis on the calling thread (tests, the CLI, and the fallback when workers cannot start). */
export const analyzeInline: ChannelAnalyzer = async (samples, sampleRateHz) =>
  analyzeChannel(samples, sampleRateHz, { includeContours: true });

export interface CallAudioAnalysis {
  sampleRateHz: number;
  /** Length of the recording, ms. */
  durationMs: number;
  agent: DetailedChannelAnalysis | null;
  caller: DetailedChannelAnalysis | null;
}

/** Decodes `wav` and analyzes both channels. Throws AudioError for an unreadable file. */
export async function analyzeCallAudio(
  wav: Uint8Array,
  analyzer: ChannelAnalyzer = analyzeInline,
): Promise<CallAudioAnalysis> {
  const decoded = decodeWav(wav);
  const [agentSamples, callerSamples] = decoded.channels;
  const durationMs = Math.round(((agentSamples?.length ?? 0) / decoded.sampleRateHz) * 1000);
  const [agent, caller] = await Promise.all([
    agentSamples ? analyzer(agentSamples, decoded.sampleRateHz) : null,
    callerSamples ? analyzer(callerSamples, decoded.sampleRateHz) : null,
  ]);
  return { sampleRateHz: decoded.sampleRateHz, durationMs, agent, caller };
}
