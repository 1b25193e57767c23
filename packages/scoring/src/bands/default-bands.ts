// Default bands from domain.md (service-rule common practice, not a national standard) and
// how a scenario's `scoring` block and a class's overrides adjust them. Every band here can
// be overridden per class or exam through `ScoreCallInput.bands`.
import type { Locale } from '@callsim/call-script';
import type { ScoreScript } from '../model/score-input.js';
import type { Band } from './band.js';

/** Every threshold the scorer uses. */
export interface ScoringBands {
  /** Seconds from first ring to answer, in ms. */
  readonly answerDelayMs: Band;
  /** Rings before answer. */
  readonly answerRings: Band;
  /** 字/min (zh-CN) or words/min (en-US). */
  readonly speechRatePerMin: Band;
  /** Gap from the end of a customer turn to the agent's reply, ms (median over the call). */
  readonly responseLatencyMs: Band;
  /** A reply slower than this is counted, ms. */
  readonly longResponseMs: number;
  /** Silences (nobody speaking, holds excluded) longer than this are counted, ms. */
  readonly countedPauseMs: number;
  /** …and longer than this flagged as dead air, ms. */
  readonly deadAirMs: number;
  /** A hold longer than this without the agent checking back is flagged, ms. */
  readonly holdCheckBackMs: number;
  readonly handleTimeMs: Band;
  /** SD of F0 over the agent's voiced frames, semitones. */
  readonly pitchSdSemitones: Band;
  /** Mean agent intensity, dB (full scale = 1 Pa, ≈ dBFS + 94). */
  readonly levelDb: Band;
  /** SD of agent intensity over speech frames, dB. */
  readonly intensitySdDb: Band;
  /** Warmth index: 0 = like the neutral baseline, 1 = like the smiling one. */
  readonly warmthIndex: Band;
  /** Agent share of talk time, percent. */
  readonly talkSharePct: Band;
  /** Crosstalk over total speech time, percent. */
  readonly overtalkPct: Band;
  /** Shortest overlap that makes an agent start an interruption, ms. */
  readonly interruptionOverlapMs: number;
}

/** Class- or exam-level overrides. */
export type ScoringBandOverrides = Partial<ScoringBands>;

/** Default `scoring` values (ARCHITECTURE / call-script-format). */
export const DEFAULT_WEIGHTS = { script: 50, speed: 20, tone: 20, courtesy: 10 } as const;
export const DEFAULT_ANSWER_WITHIN_MS = 15_000;
export const DEFAULT_TARGET_HANDLE_MS = 240_000;
export const DEFAULT_PASS_SCORE = 60;
/** One ring cycle on the simulated line, ms: three rings ≈ 15 s. */
export const RING_PERIOD_MS = 5_000;

const DEFAULT_RATE: Record<Locale, readonly [number, number]> = {
  'zh-CN': [150, 210],
  'en-US': [120, 150],
};
/** Complaints and elderly callers: speak slower (zh-CN). */
const SLOW_RATE_ZH: readonly [number, number] = [120, 180];
/** How far amber reaches beyond green, below and above (zh 120–150 / 210–240; en < 100 slow, > 160 rushed). */
const RATE_AMBER_SPAN: Record<Locale, readonly [number, number]> = {
  'zh-CN': [30, 30],
  'en-US': [20, 10],
};

/** The speech-rate band for a script: scenario override, else the locale and persona default. */
export function speechRateBand(script: ScoreScript): Band {
  const locale = script.locale;
  const given = script.scoring?.speechRatePerMin;
  const localeDefault = DEFAULT_RATE[locale];
  const slower =
    locale === 'zh-CN' && (script.category === 'complaint' || script.customer?.persona === 'elderly');
  // A resolved scenario always carries a band (the locale default when the file gave none),
  // so the default for complaints/elderly also replaces a band equal to the locale default.
  const isDefault = given === undefined || (given[0] === localeDefault[0] && given[1] === localeDefault[1]);
  const green = isDefault ? (slower ? SLOW_RATE_ZH : localeDefault) : given;
  const [below, above] = RATE_AMBER_SPAN[locale];
  return { green: [green[0], green[1]], amber: [green[0] - below, green[1] + above] };
}

/** Agent talk share: ~50 % in service calls, 35–40 % in sales (promotion) calls. */
function talkShareBand(script: ScoreScript): Band {
  return script.category === 'promotion'
    ? { green: [30, 45], amber: [20, 55] }
    : { green: [40, 60], amber: [30, 70] };
}

/** All bands for `script`, with `overrides` applied last. */
export function resolveBands(script: ScoreScript, overrides: ScoringBandOverrides = {}): ScoringBands {
  const answerWithinMs = script.scoring?.answerWithinMs ?? DEFAULT_ANSWER_WITHIN_MS;
  const targetHandleMs = script.scoring?.targetHandleMs ?? DEFAULT_TARGET_HANDLE_MS;
  const ringsAllowed = Math.max(1, Math.round(answerWithinMs / RING_PERIOD_MS));
  const defaults: ScoringBands = {
    answerDelayMs: { green: [0, answerWithinMs], amber: [0, answerWithinMs * 2] },
    answerRings: { green: [0, ringsAllowed], amber: [0, ringsAllowed + 2] },
    speechRatePerMin: speechRateBand(script),
    // Human turn gap ~200 ms; by ~800 ms callers wonder whether anyone is there.
    responseLatencyMs: { green: [0, 800], amber: [0, 3_000] },
    longResponseMs: 3_000,
    countedPauseMs: 4_000,
    deadAirMs: 10_000,
    holdCheckBackMs: 60_000,
    handleTimeMs: { green: [0, targetHandleMs], amber: [0, targetHandleMs * 1.5] },
    // Below ~2 st reads as monotone; very wide spreads are usually shouting or tracking errors.
    pitchSdSemitones: { green: [2, 6], amber: [1.5, 8] },
    // ≈ −34…−12 dBFS green; quieter is hard to hear, louder clips.
    levelDb: { green: [60, 82], amber: [50, 88] },
    // Speech frames swing between vowels and consonants: ~5–15 dB SD is ordinary speech.
    intensitySdDb: { green: [5, 15], amber: [3, 18] },
    // 0 = as warm as the trainee's neutral reading (amber), 1 = as their smiling one.
    warmthIndex: { green: [0.5, Number.POSITIVE_INFINITY], amber: [0, Number.POSITIVE_INFINITY] },
    talkSharePct: talkShareBand(script),
    overtalkPct: { green: [0, 5], amber: [0, 10] },
    interruptionOverlapMs: 500,
  };
  return { ...defaults, ...overrides };
}
