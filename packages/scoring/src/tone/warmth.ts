// Smiling-voice estimate relative to the trainee's OWN baseline (a neutral and a smiling
// reading of the same sentence), never an absolute threshold: smiling raises F0, F2/F3 and
// 2–3 kHz energy a little. Index 0 = like the neutral reading, 1 = like the smiling one.
import { classify } from '../bands/band.js';
import type { CallContext } from '../model/call-context.js';
import type { Evidence, ScoreItem } from '../model/call-score.js';
import { bandedItem, evidence, notAvailableItem, round } from '../model/item.js';
import type { VoiceProfile } from '../model/score-input.js';

/** Weight of warmth inside the tone dimension. */
export const WARMTH_WEIGHT = 30;
/** A feature whose smiling and neutral values differ less than this (log units) tells nothing. */
const MIN_SEPARATION = { semitones: 0.1, dB: 0.2 } as const;
/** Positions are clamped to this range so one odd feature cannot dominate. */
const POSITION_RANGE = [-1, 2] as const;

type Feature = 'f0MedianHz' | 'f2MedianHz' | 'f3MedianHz' | 'energy2to3kHzRatio';
const FEATURES: readonly { key: Feature; scale: 'semitones' | 'dB' }[] = [
  { key: 'f0MedianHz', scale: 'semitones' },
  { key: 'f2MedianHz', scale: 'semitones' },
  { key: 'f3MedianHz', scale: 'semitones' },
  { key: 'energy2to3kHzRatio', scale: 'dB' },
];

/** One feature's position between the neutral (0) and smiling (1) readings. */
export interface WarmthFeature {
  readonly feature: Feature;
  readonly position: number;
  readonly call: number;
  readonly neutral: number;
  readonly smiling: number;
}

const toLog = (ratio: number, scale: 'semitones' | 'dB') =>
  scale === 'semitones' ? 12 * Math.log2(ratio) : 10 * Math.log10(ratio);

/** Positions of every feature that the call, the neutral and the smiling reading all have. */
export function warmthFeatures(
  call: Partial<VoiceProfile>,
  baseline: { neutral: VoiceProfile; smiling: VoiceProfile },
): WarmthFeature[] {
  const out: WarmthFeature[] = [];
  for (const { key, scale } of FEATURES) {
    const value = call[key];
    const neutral = baseline.neutral[key];
    const smiling = baseline.smiling[key];
    if (value === undefined || neutral === undefined || smiling === undefined) continue;
    if (!(value > 0 && neutral > 0 && smiling > 0)) continue;
    const span = toLog(smiling / neutral, scale);
    if (Math.abs(span) < MIN_SEPARATION[scale]) continue;
    const raw = toLog(value / neutral, scale) / span;
    const position = Math.min(POSITION_RANGE[1], Math.max(POSITION_RANGE[0], raw));
    out.push({ feature: key, position, call: value, neutral, smiling });
  }
  return out;
}

/** Scores warmth as an estimate; notAvailable without a baseline or agent audio. */
export function scoreWarmth(ctx: CallContext): ScoreItem {
  const band = ctx.bands.warmthIndex;
  const baseline = ctx.input.voiceBaseline;
  if (baseline === undefined) {
    return notAvailableItem('warmth', WARMTH_WEIGHT, 'index', 'no-baseline', 'warmth.na-baseline', band);
  }
  const analysisF0 =
    ctx.agentAnalysis !== null && ctx.agentAnalysis.f0.medianHz > 0
      ? ctx.agentAnalysis.f0.medianHz
      : undefined;
  const call: Partial<VoiceProfile> = {
    ...(analysisF0 === undefined ? {} : { f0MedianHz: analysisF0 }),
    ...ctx.input.agentVoice,
  };
  if (Object.values(call).every((v) => v === undefined)) {
    return notAvailableItem('warmth', WARMTH_WEIGHT, 'index', 'no-audio', 'warmth.na-audio', band);
  }
  const features = warmthFeatures(call, baseline);
  if (features.length === 0) {
    return notAvailableItem(
      'warmth',
      WARMTH_WEIGHT,
      'index',
      'baseline-not-distinct',
      'warmth.na-baseline',
      band,
    );
  }
  const index = features.reduce((sum, f) => sum + f.position, 0) / features.length;
  const items: Evidence[] = features.map((f) =>
    evidence('index', {
      atMs: null,
      value: f.position,
      band: classify(f.position, band),
      note: `${f.feature}:call=${round(f.call, 3)},neutral=${round(f.neutral, 3)},smiling=${round(f.smiling, 3)}`,
    }),
  );
  const bandName = classify(index, band);
  return bandedItem({
    id: 'warmth',
    weight: WARMTH_WEIGHT,
    unit: 'index',
    value: index,
    band,
    estimate: true,
    evidence: items,
    advice: bandName === 'green' ? 'warmth.good' : 'warmth.low',
  });
}
