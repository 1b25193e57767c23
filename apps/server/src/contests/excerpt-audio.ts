// Cuts a contest entry out of a call recording: the agent channel (left, index 0) of the
// chosen span, as a mono 16-bit WAV, plus its voice measures from @callsim/analysis.
// Guarantees: the written file holds only the agent's voice of [startMs, endMs); the span is
// inside the recording and 2 s – 3 min long, else CONTEST_EXCERPT_INVALID names the reason.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzeChannel } from '@callsim/analysis';
import { AudioError, decodeWav, encodeWav } from '@callsim/audio';
import {
  AppError,
  CONTEST_EXCERPT_MAX_MS,
  CONTEST_EXCERPT_MIN_MS,
  type VoiceMeasuresDto,
} from '@callsim/protocol';

export interface ExcerptRequest {
  recordingPath: string;
  /** Default 0. */
  startMs?: number | undefined;
  /** Default: the end of the recording, or start + the longest excerpt. */
  endMs?: number | undefined;
  /** Where to write the excerpt WAV. */
  outPath: string;
}

export interface Excerpt {
  startMs: number;
  endMs: number;
  measures: VoiceMeasuresDto;
}

function invalid(reason: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('CONTEST_EXCERPT_INVALID', reason, { details: { reason, ...details } });
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Writes the agent channel of the span to `outPath` and measures it. */
export async function cutExcerpt(request: ExcerptRequest): Promise<Excerpt> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(request.recordingPath);
  } catch {
    throw invalid('the recording file is missing');
  }
  let decoded: ReturnType<typeof decodeWav>;
  try {
    decoded = decodeWav(bytes);
  } catch (error) {
    if (error instanceof AudioError) throw invalid('the recording is not a readable WAV file');
    throw error;
  }
  const agent = decoded.channels[0];
  if (!agent) throw invalid('the recording has no channel');
  const rate = decoded.sampleRateHz;
  const totalMs = Math.floor((agent.length / rate) * 1000);
  const startMs = request.startMs ?? 0;
  const endMs = Math.min(request.endMs ?? startMs + CONTEST_EXCERPT_MAX_MS, totalMs);
  if (startMs >= totalMs) throw invalid('the excerpt starts after the end of the recording', { totalMs });
  if (request.endMs !== undefined && request.endMs > totalMs + 500)
    throw invalid('the excerpt ends after the end of the recording', { totalMs });
  if (endMs - startMs < CONTEST_EXCERPT_MIN_MS)
    throw invalid('the excerpt is shorter than 2 s', { minMs: CONTEST_EXCERPT_MIN_MS });
  if (endMs - startMs > CONTEST_EXCERPT_MAX_MS)
    throw invalid('the excerpt is longer than 3 min', { maxMs: CONTEST_EXCERPT_MAX_MS });

  const samples = agent.subarray(Math.floor((startMs * rate) / 1000), Math.floor((endMs * rate) / 1000));
  const analysis = analyzeChannel(samples, rate);
  const durationMs = Math.round((samples.length / rate) * 1000);
  const measures: VoiceMeasuresDto = {
    durationMs,
    voicedMs: Math.round(analysis.voicedMs),
    articulationRatePerMin: round(analysis.articulationRatePerSec * 60, 1),
    speechRatePerMin: round(analysis.syllableRatePerSec * 60, 1),
    f0MedianHz: round(analysis.f0.medianHz, 1),
    f0SdSemitones: round(analysis.f0.sdSemitones, 2),
    intensityMeanDb: round(analysis.intensity.meanDb, 1),
    intensitySdDb: round(analysis.intensity.sdDb, 1),
    pauseCount: analysis.pauses.count,
    longestPauseMs: Math.round(analysis.pauses.longestMs),
  };
  if (analysis.voicedMs < 500) throw invalid('the agent is silent in this excerpt');

  await mkdir(path.dirname(request.outPath), { recursive: true });
  const temporary = `${request.outPath}.${process.pid}.tmp`;
  await writeFile(temporary, encodeWav({ sampleRateHz: rate, channels: [samples] }));
  await rename(temporary, request.outPath);
  return { startMs, endMs, measures };
}
