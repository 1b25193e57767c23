// Intonation: how much the agent's pitch moves, in semitones (never Hz, so men and women
// are judged alike). Below ~2 st the voice reads as monotone. With contours and a transcript,
// the flattest agent turns are given as evidence.
import { classify } from '../bands/band.js';
import type { CallContext } from '../model/call-context.js';
import type { Evidence, ScoreItem } from '../model/call-score.js';
import { bandedItem, clip, evidence, notAvailableItem } from '../model/item.js';
import { pitchSdSemitonesIn } from './contour-window.js';

/** Weight of pitch movement inside the tone dimension. */
export const PITCH_MOVEMENT_WEIGHT = 40;
/** Agent turns shorter than this are not judged on their own, ms. */
const MIN_TURN_MS = 2_000;
const MAX_TURN_EVIDENCE = 5;

/** Scores the agent's pitch movement (F0 SD in semitones). */
export function scorePitchMovement(ctx: CallContext): ScoreItem {
  const band = ctx.bands.pitchSdSemitones;
  const analysis = ctx.agentAnalysis;
  if (analysis === null) {
    return notAvailableItem(
      'pitch-movement',
      PITCH_MOVEMENT_WEIGHT,
      'semitones',
      'no-audio',
      'pitch-movement.na',
      band,
    );
  }
  if (analysis.f0.medianHz <= 0) {
    return notAvailableItem(
      'pitch-movement',
      PITCH_MOVEMENT_WEIGHT,
      'semitones',
      'no-voiced-audio',
      'pitch-movement.na',
      band,
    );
  }
  const sd = analysis.f0.sdSemitones;
  const bandName = classify(sd, band);
  const overall = evidence('semitones', {
    atMs: null,
    value: sd,
    band: bandName,
    note: `f0-median-hz:${Math.round(analysis.f0.medianHz)}${sd < band.green[0] ? ';monotone' : ''}`,
  });
  return bandedItem({
    id: 'pitch-movement',
    weight: PITCH_MOVEMENT_WEIGHT,
    unit: 'semitones',
    value: sd,
    band,
    evidence: [overall, ...flatTurns(ctx)],
    advice:
      bandName === 'green'
        ? 'pitch-movement.good'
        : sd < band.green[0]
          ? 'pitch-movement.monotone'
          : 'pitch-movement.wide',
  });
}

/** Agent turns whose own pitch spread is below green, flattest first, listed in time order. */
function flatTurns(ctx: CallContext): Evidence[] {
  const contours = ctx.agentAnalysis?.contours;
  if (contours === undefined) return [];
  const band = ctx.bands.pitchSdSemitones;
  return ctx.agentSegments
    .filter((s) => s.endMs - s.startMs >= MIN_TURN_MS)
    .map((segment) => ({ segment, sd: pitchSdSemitonesIn(contours, segment.startMs, segment.endMs) }))
    .filter((t): t is { segment: (typeof t)['segment']; sd: number } => t.sd !== null && t.sd < band.green[0])
    .sort((a, b) => a.sd - b.sd || a.segment.startMs - b.segment.startMs)
    .slice(0, MAX_TURN_EVIDENCE)
    .sort((a, b) => a.segment.startMs - b.segment.startMs)
    .map((t) =>
      evidence('semitones', {
        atMs: t.segment.startMs,
        endMs: t.segment.endMs,
        text: clip(t.segment.text),
        value: t.sd,
        band: classify(t.sd, band),
        note: 'monotone',
      }),
    );
}
