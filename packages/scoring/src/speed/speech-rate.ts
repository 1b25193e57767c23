// Agent speech rate: 字/min (zh-CN) or words/min (en-US) from the transcript over the agent's
// speaking time, or — with no agent text — an acoustic estimate from syllable nuclei.
// Guarantees: pauses between turns never count (only agent segments, or phonation time when
// the analysis covers every agent turn); the acoustic path is marked `estimate: true`.
import type { Band } from '../bands/band.js';
import { classify } from '../bands/band.js';
import type { CallContext } from '../model/call-context.js';
import type { Evidence, ScoreItem } from '../model/call-score.js';
import { bandedItem, clip, evidence, notAvailableItem } from '../model/item.js';
import { mergeIntervals, totalMs } from '../transcript/intervals.js';
import { countSpeechUnits } from '../transcript/speech-units.js';

/** Weight of speech rate inside the speed dimension. */
export const SPEECH_RATE_WEIGHT = 30;
/** Mean syllables per English word in conversational speech, for the acoustic words/min estimate. */
export const SYLLABLES_PER_WORD_EN = 1.5;
/** A turn needs this many ms and units before its own rate is shown as evidence. */
const MIN_TURN_MS = 1_500;
const MIN_TURN_UNITS = 6;
/** At most this many out-of-band turns are listed. */
const MAX_TURN_EVIDENCE = 5;

/** Where a speech rate came from. */
export type SpeechRateSource = 'transcript' | 'transcript-analysis' | 'acoustic';

/** A measured speech rate. */
export interface SpeechRateMeasure {
  /** 字/min for zh-CN, words/min for en-US. */
  readonly ratePerMin: number;
  readonly unit: 'chars/min' | 'words/min';
  /** 字 or words counted (0 for the acoustic path). */
  readonly units: number;
  /** Speaking time the rate is over, ms. */
  readonly speakingMs: number;
  readonly source: SpeechRateSource;
}

/** Measures the agent's speech rate; null when there is neither agent text nor agent audio. */
export function measureSpeechRate(ctx: CallContext): SpeechRateMeasure | null {
  const unit = ctx.locale === 'zh-CN' ? 'chars/min' : 'words/min';
  const counted = ctx.agentSegments.map((s) => ({ segment: s, units: countSpeechUnits(s.text, ctx.locale) }));
  const withText = counted.filter((c) => c.units > 0);
  const units = withText.reduce((sum, c) => sum + c.units, 0);
  const analysis = ctx.agentAnalysis;
  if (withText.length > 0) {
    const textMs = totalMs(withText.map((c) => c.segment));
    // Phonation time excludes pauses inside turns, but only fits the count when it covers the same speech.
    if (analysis !== null && phonationMatchesText(ctx, counted, textMs)) {
      return {
        ratePerMin: units / (analysis.voicedMs / 60_000),
        unit,
        units,
        speakingMs: analysis.voicedMs,
        source: 'transcript-analysis',
      };
    }
    if (textMs > 0)
      return { ratePerMin: units / (textMs / 60_000), unit, units, speakingMs: textMs, source: 'transcript' };
  }
  if (analysis !== null && analysis.articulationRatePerSec > 0 && analysis.voicedMs > 0) {
    const syllablesPerMin = analysis.articulationRatePerSec * 60;
    const ratePerMin = ctx.locale === 'zh-CN' ? syllablesPerMin : syllablesPerMin / SYLLABLES_PER_WORD_EN;
    return { ratePerMin, unit, units: 0, speakingMs: analysis.voicedMs, source: 'acoustic' };
  }
  return null;
}

/** Phonation time may not exceed speaking time by more than this factor (nor fall below the next one). */
const PHONATION_FIT = [0.4, 1.1] as const;

/**
 * True when the agent analysis' phonation time measures the same speech as the transcribed
 * turns: every agent turn has text, the recording reaches the last turn, and the two
 * durations are plausible for each other.
 */
function phonationMatchesText(
  ctx: CallContext,
  counted: readonly { segment: { startMs: number; endMs: number }; units: number }[],
  textMs: number,
): boolean {
  const analysis = ctx.agentAnalysis;
  if (analysis === null || analysis.voicedMs <= 0) return false;
  if (!counted.every((c) => c.units > 0 || c.segment.endMs <= c.segment.startMs)) return false;
  const contours = analysis.contours;
  const lastEndMs = Math.max(0, ...counted.map((c) => c.segment.endMs));
  if (contours !== undefined && contours.intensityDb.length * contours.timeStepMs < lastEndMs - 1_000)
    return false;
  return analysis.voicedMs >= textMs * PHONATION_FIT[0] && analysis.voicedMs <= textMs * PHONATION_FIT[1];
}

/** Scores the agent's speech rate against the scenario's band. */
export function scoreSpeechRate(ctx: CallContext): ScoreItem {
  const band = ctx.bands.speechRatePerMin;
  const unit = ctx.locale === 'zh-CN' ? 'chars/min' : 'words/min';
  const measure = measureSpeechRate(ctx);
  if (measure === null) {
    const reason =
      ctx.agentSegments.length > 0 || ctx.agentAnalysis !== null ? 'no-agent-speech' : 'no-speech';
    return notAvailableItem('speech-rate', SPEECH_RATE_WEIGHT, unit, reason, 'speech-rate.na', band);
  }
  const overall = evidence(unit, {
    atMs: null,
    value: measure.ratePerMin,
    band: classify(measure.ratePerMin, band),
    note: measure.source,
  });
  const advice =
    classify(measure.ratePerMin, band) === 'green'
      ? 'speech-rate.good'
      : measure.ratePerMin > band.green[1]
        ? 'speech-rate.fast'
        : 'speech-rate.slow';
  return bandedItem({
    id: 'speech-rate',
    weight: SPEECH_RATE_WEIGHT,
    unit,
    value: measure.ratePerMin,
    band,
    estimate: measure.source === 'acoustic',
    evidence: [overall, ...turnEvidence(ctx, band, unit)],
    advice,
  });
}

/** The agent turns furthest outside the green band, in time order. */
function turnEvidence(ctx: CallContext, band: Band, unit: 'chars/min' | 'words/min'): Evidence[] {
  const turns = ctx.agentSegments
    .map((segment) => {
      const durationMs = totalMs(mergeIntervals([segment]));
      const units = countSpeechUnits(segment.text, ctx.locale);
      return { segment, durationMs, units, rate: durationMs > 0 ? units / (durationMs / 60_000) : 0 };
    })
    .filter((t) => t.durationMs >= MIN_TURN_MS && t.units >= MIN_TURN_UNITS)
    .filter((t) => classify(t.rate, band) !== 'green')
    .map((t) => ({ ...t, off: t.rate > band.green[1] ? t.rate - band.green[1] : band.green[0] - t.rate }));
  return turns
    .sort((a, b) => b.off - a.off || a.segment.startMs - b.segment.startMs)
    .slice(0, MAX_TURN_EVIDENCE)
    .sort((a, b) => a.segment.startMs - b.segment.startMs)
    .map((t) =>
      evidence(unit, {
        atMs: t.segment.startMs,
        endMs: t.segment.endMs,
        text: clip(t.segment.text),
        value: t.rate,
        band: classify(t.rate, band),
      }),
    );
}
