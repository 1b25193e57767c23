// Overtalk: time when agent and customer speak at once, over all speech time. More than
// 10 % is flagged. Guarantees: each overlap is evidence (≥ 500 ms ones), whoever started it.
import { classify } from '../bands/band.js';
import type { CallContext } from '../model/call-context.js';
import type { ScoreItem } from '../model/call-score.js';
import { bandedItem, evidence, notAvailableItem } from '../model/item.js';
import { intersectIntervals, totalMs } from '../transcript/intervals.js';

/** Weight of overtalk inside the courtesy dimension. */
export const OVERTALK_WEIGHT = 15;
/** Overlaps shorter than this are not listed as evidence, ms (they still count in the share). */
const MIN_LISTED_OVERLAP_MS = 500;

/** Scores crosstalk as a percentage of speech time. */
export function scoreOvertalk(ctx: CallContext): ScoreItem {
  const band = ctx.bands.overtalkPct;
  const speechMs = totalMs(ctx.segments);
  if (speechMs <= 0) {
    return notAvailableItem('overtalk', OVERTALK_WEIGHT, 'percent', 'no-speech', 'overtalk.na', band);
  }
  const overlaps = intersectIntervals(ctx.agentSegments, ctx.callerSegments);
  const overlapMs = overlaps.reduce((sum, o) => sum + (o.endMs - o.startMs), 0);
  const pct = (100 * overlapMs) / speechMs;
  const bandName = classify(pct, band);
  return bandedItem({
    id: 'overtalk',
    weight: OVERTALK_WEIGHT,
    unit: 'percent',
    value: pct,
    band,
    evidence: [
      evidence('percent', {
        atMs: null,
        value: pct,
        band: bandName,
        note: `overlap-ms:${Math.round(overlapMs)}`,
      }),
      ...overlaps
        .filter((o) => o.endMs - o.startMs >= MIN_LISTED_OVERLAP_MS)
        .map((o) =>
          evidence('ms', {
            atMs: o.startMs,
            endMs: o.endMs,
            value: o.endMs - o.startMs,
            band: null,
            note: 'overlap-ms',
          }),
        ),
    ],
    advice: bandName === 'green' ? 'overtalk.good' : 'overtalk.high',
  });
}
