// Dead air: stretches where nobody speaks, holds excluded (they are scored as hold
// etiquette), from answer to the last words (silence after goodbye, while the customer
// hangs up first, is not dead air). Pauses > 4 s are counted, > 10 s flagged as dead air.
import type { Band } from '../bands/band.js';
import { classify } from '../bands/band.js';
import type { CallContext } from '../model/call-context.js';
import type { ScoreItem } from '../model/call-score.js';
import { evidence, measuredItem, notAvailableItem } from '../model/item.js';
import { gapsBetween, type Interval, mergeIntervals, subtractIntervals } from '../transcript/intervals.js';

/** Weight of dead air inside the speed dimension. */
export const DEAD_AIR_WEIGHT = 20;
/** Points off per flagged dead air (> deadAirMs) and per counted pause (> countedPauseMs). */
const DEAD_AIR_PENALTY = 15;
const LONG_PAUSE_PENALTY = 3;

/** A silence long enough to count. */
export interface Silence extends Interval {
  readonly silenceMs: number;
  /** Longer than the dead-air limit (10 s by default). */
  readonly deadAir: boolean;
  /** Who spoke last before the silence; null at the start of the call. */
  readonly after: 'agent' | 'caller' | null;
}

/** Every stretch with nobody speaking, from answer to the last words, holds cut out. */
export function speechGaps(ctx: CallContext): Interval[] {
  const speech = mergeIntervals(ctx.segments);
  const first = speech[0];
  if (first === undefined) return [];
  const gaps = [...(first.startMs > 0 ? [{ startMs: 0, endMs: first.startMs }] : []), ...gapsBetween(speech)];
  return subtractIntervals(gaps, ctx.events?.holds ?? []);
}

/** Every silence longer than `countedPauseMs`, in time order. */
export function findSilences(ctx: CallContext): Silence[] {
  return speechGaps(ctx)
    .map((gap) => ({ ...gap, silenceMs: gap.endMs - gap.startMs }))
    .filter((gap) => gap.silenceMs > ctx.bands.countedPauseMs)
    .map((gap) => ({
      ...gap,
      deadAir: gap.silenceMs > ctx.bands.deadAirMs,
      after: ctx.segments.filter((s) => s.endMs <= gap.startMs).at(-1)?.speaker ?? null,
    }));
}

/** Scores silences: each flagged one costs 15 points, each counted one 3. */
export function scoreDeadAir(ctx: CallContext): ScoreItem {
  const band: Band = { green: [0, ctx.bands.countedPauseMs], amber: [0, ctx.bands.deadAirMs] };
  if (ctx.segments.length === 0) {
    return notAvailableItem('dead-air', DEAD_AIR_WEIGHT, 'ms', 'no-speech', 'dead-air.na', band);
  }
  const silences = findSilences(ctx);
  const flagged = silences.filter((s) => s.deadAir).length;
  const longestMs = Math.max(0, ...speechGaps(ctx).map((g) => g.endMs - g.startMs));
  const bandName = classify(longestMs, band);
  return measuredItem({
    id: 'dead-air',
    weight: DEAD_AIR_WEIGHT,
    unit: 'ms',
    value: longestMs,
    score: 100 - DEAD_AIR_PENALTY * flagged - LONG_PAUSE_PENALTY * (silences.length - flagged),
    status: flagged > 0 ? 'bad' : silences.length > 0 ? 'warn' : 'good',
    band: bandName,
    target: band,
    evidence: silences.map((s) =>
      evidence('ms', {
        atMs: s.startMs,
        endMs: s.endMs,
        value: s.silenceMs,
        band: classify(s.silenceMs, band),
        note: s.after === null ? 'after:answer' : `after:${s.after}`,
      }),
    ),
    advice: flagged > 0 ? 'dead-air.bad' : silences.length > 0 ? 'dead-air.some' : 'dead-air.good',
  });
}
