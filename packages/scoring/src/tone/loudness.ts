// Loudness: the agent's level (mean intensity over speech) and its stability (SD of the
// intensity contour over speech frames). Guarantees: both need an analysis of the agent
// channel; a silent channel is notAvailable rather than "too quiet".
import { classify } from '../bands/band.js';
import type { CallContext } from '../model/call-context.js';
import type { ScoreItem } from '../model/call-score.js';
import { bandedItem, evidence, notAvailableItem } from '../model/item.js';

/** Weights of level and stability inside the tone dimension. */
export const LOUDNESS_LEVEL_WEIGHT = 15;
export const LOUDNESS_STABILITY_WEIGHT = 15;

/** Scores the agent's mean level in dB. */
export function scoreLoudnessLevel(ctx: CallContext): ScoreItem {
  const band = ctx.bands.levelDb;
  const analysis = ctx.agentAnalysis;
  if (analysis === null || analysis.voicedMs <= 0) {
    const reason = analysis === null ? 'no-audio' : 'no-voiced-audio';
    return notAvailableItem('loudness-level', LOUDNESS_LEVEL_WEIGHT, 'dB', reason, 'loudness-level.na', band);
  }
  const level = analysis.intensity.meanDb;
  const bandName = classify(level, band);
  return bandedItem({
    id: 'loudness-level',
    weight: LOUDNESS_LEVEL_WEIGHT,
    unit: 'dB',
    value: level,
    band,
    evidence: [
      evidence('dB', { atMs: null, value: level, band: bandName, note: `dbfs:${Math.round(level - 94)}` }),
    ],
    advice:
      bandName === 'green'
        ? 'loudness-level.good'
        : level < band.green[0]
          ? 'loudness-level.quiet'
          : 'loudness-level.loud',
  });
}

/** Scores how steady the agent's loudness is (intensity SD in dB). */
export function scoreLoudnessStability(ctx: CallContext): ScoreItem {
  const band = ctx.bands.intensitySdDb;
  const analysis = ctx.agentAnalysis;
  if (analysis === null || analysis.voicedMs <= 0) {
    const reason = analysis === null ? 'no-audio' : 'no-voiced-audio';
    return notAvailableItem(
      'loudness-stability',
      LOUDNESS_STABILITY_WEIGHT,
      'dB',
      reason,
      'loudness-stability.na',
      band,
    );
  }
  const sd = analysis.intensity.sdDb;
  const bandName = classify(sd, band);
  return bandedItem({
    id: 'loudness-stability',
    weight: LOUDNESS_STABILITY_WEIGHT,
    unit: 'dB',
    value: sd,
    band,
    evidence: [evidence('dB', { atMs: null, value: sd, band: bandName })],
    advice:
      bandName === 'green'
        ? 'loudness-stability.good'
        : sd < band.green[0]
          ? 'loudness-stability.flat'
          : 'loudness-stability.unsteady',
  });
}
