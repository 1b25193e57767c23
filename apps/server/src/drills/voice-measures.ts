// Measures one warm-up reading the moment it is uploaded: pace (sentence 字 or words over
// phonation time, plus acoustic syllables/s), pitch movement in semitones, loudness and
// pauses (@callsim/analysis), the 2–3 kHz energy share, and each against its band.
// Guarantees: any WAV the audio package reads is accepted (mixed to mono, resampled to
// 16 kHz); too short, too long or silent recordings are DRILL_RECORDING_INVALID.
import { analyzeChannel, detectPauses } from '@callsim/analysis';
import { AudioError, decodeWav, INTERNAL_SAMPLE_RATE_HZ, mixToMono, resample } from '@callsim/audio';
import {
  AppError,
  type DrillBandDto,
  type Locale,
  WARMUP_AUDIO_MAX_MS,
  WARMUP_AUDIO_MIN_MS,
  type WarmupBandsDto,
  type WarmupMeasuresDto,
  type WarmupReadingDto,
} from '@callsim/protocol';
import { type Band, classify, countSpeechUnits, resolveBands, type VoiceProfile } from '@callsim/scoring';
import { energyRatio2to3kHz } from './band-energy.js';

/** Longest internal pause in one read sentence: a breath is fine, a stall is not (ms). */
const LONGEST_PAUSE_BAND: Band = { green: [0, 1_000], amber: [0, 2_000] };

/** The bands a reading is judged against (domain.md defaults; speech rate for a neutral service call). */
export function warmupBands(locale: Locale): Record<keyof WarmupBandsDto, Band> {
  const bands = resolveBands({ locale, steps: [], forbidden: [] });
  return {
    ratePerMin: bands.speechRatePerMin,
    pitchSdSemitones: bands.pitchSdSemitones,
    levelDb: bands.levelDb,
    longestPauseMs: LONGEST_PAUSE_BAND,
  };
}

function bandDto(band: Band): DrillBandDto {
  const end = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    green: [end(band.green[0]), end(band.green[1])],
    amber: [end(band.amber[0]), end(band.amber[1])],
  };
}

export function warmupBandsDto(locale: Locale): WarmupBandsDto {
  const bands = warmupBands(locale);
  return {
    ratePerMin: bandDto(bands.ratePerMin),
    pitchSdSemitones: bandDto(bands.pitchSdSemitones),
    levelDb: bandDto(bands.levelDb),
    longestPauseMs: bandDto(bands.longestPauseMs),
  };
}

/** A measured reading: what the page shows and what the baseline keeps. */
export interface ReadingMeasurement {
  durationMs: number;
  voicedMs: number;
  speechUnits: number;
  measures: WarmupMeasuresDto;
  bands: WarmupReadingDto['bands'];
  profile: VoiceProfile;
  /** The reading as 16 kHz mono (to keep as the recording). */
  samples16k: Float32Array;
}

function invalid(reason: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('DRILL_RECORDING_INVALID', 'recording cannot be analysed', {
    details: { field: 'body', reason, ...extra },
  });
}

/** Decodes and measures a reading of `text` (WAV bytes in any rate or channel count). */
export function measureReading(wavBytes: Uint8Array, text: string, locale: Locale): ReadingMeasurement {
  let samples: Float32Array;
  let sampleRateHz: number;
  try {
    const wav = decodeWav(wavBytes);
    samples = mixToMono(wav.channels);
    sampleRateHz = wav.sampleRateHz;
  } catch (error) {
    if (error instanceof AudioError) throw invalid('not a readable WAV file');
    throw error;
  }
  if (sampleRateHz !== INTERNAL_SAMPLE_RATE_HZ) {
    samples = resample(samples, sampleRateHz, INTERNAL_SAMPLE_RATE_HZ);
    sampleRateHz = INTERNAL_SAMPLE_RATE_HZ;
  }
  const durationMs = Math.round((samples.length / sampleRateHz) * 1000);
  if (durationMs < WARMUP_AUDIO_MIN_MS) throw invalid('shorter than 1 s', { durationMs });
  if (durationMs > WARMUP_AUDIO_MAX_MS + 1_000) throw invalid('longer than 60 s', { durationMs });

  const analysis = analyzeChannel(samples, sampleRateHz, { includeContours: true });
  const contours = analysis.contours!;
  if (analysis.voicedMs < 300 || analysis.f0.medianHz <= 0) throw invalid('no speech was heard');

  const speechUnits = countSpeechUnits(text, locale);
  const segments = detectPauses(contours.intensityDb, contours.timeStepMs);
  const sounding = segments.filter((s) => s.kind === 'sounding');
  const spanMs = sounding.length > 0 ? sounding[sounding.length - 1]!.endMs - sounding[0]!.startMs : 0;
  const energy2to3kHzRatio = energyRatio2to3kHz(samples, sampleRateHz, contours.pitchHz, contours.timeStepMs);

  const measures: WarmupMeasuresDto = {
    ratePerMin: speechUnits / (analysis.voicedMs / 60_000),
    syllablesPerSec: analysis.articulationRatePerSec,
    spanUnitsPerSec: spanMs > 0 ? speechUnits / (spanMs / 1000) : 0,
    f0MedianHz: analysis.f0.medianHz,
    pitchSdSemitones: analysis.f0.sdSemitones,
    levelDb: analysis.intensity.meanDb,
    intensitySdDb: analysis.intensity.sdDb,
    pauseCount: analysis.pauses.count,
    longestPauseMs: analysis.pauses.longestMs,
    energy2to3kHzRatio,
  };
  const bands = warmupBands(locale);
  return {
    durationMs,
    voicedMs: analysis.voicedMs,
    speechUnits,
    measures,
    bands: {
      ratePerMin: classify(measures.ratePerMin, bands.ratePerMin),
      pitchSdSemitones: classify(measures.pitchSdSemitones, bands.pitchSdSemitones),
      levelDb: classify(measures.levelDb, bands.levelDb),
      longestPauseMs: classify(measures.longestPauseMs, bands.longestPauseMs),
    },
    profile: {
      f0MedianHz: measures.f0MedianHz,
      ...(energy2to3kHzRatio > 0 ? { energy2to3kHzRatio } : {}),
    },
    samples16k: samples,
  };
}
