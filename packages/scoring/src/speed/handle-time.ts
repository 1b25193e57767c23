// Handle time: answer to hang-up against the scenario's `targetHandleMs` (default 4 min;
// retail calls average ~5.4 min). Guarantees: only over-long calls lose points — a short
// call that skipped steps is caught by script adherence, not here.

import { classify } from '../bands/band.js';
import type { CallContext } from '../model/call-context.js';
import type { ScoreItem } from '../model/call-score.js';
import { bandedItem, evidence, notAvailableItem } from '../model/item.js';

/** Weight of handle time inside the speed dimension. */
export const HANDLE_TIME_WEIGHT = 10;

/** Scores the length of the call. */
export function scoreHandleTime(ctx: CallContext): ScoreItem {
  const band = ctx.bands.handleTimeMs;
  if (ctx.durationMs <= 0) {
    return notAvailableItem('handle-time', HANDLE_TIME_WEIGHT, 'ms', 'no-duration', 'handle-time.na', band);
  }
  const bandName = classify(ctx.durationMs, band);
  return bandedItem({
    id: 'handle-time',
    weight: HANDLE_TIME_WEIGHT,
    unit: 'ms',
    value: ctx.durationMs,
    band,
    evidence: [
      evidence('ms', {
        atMs: 0,
        endMs: ctx.durationMs,
        value: ctx.durationMs,
        band: bandName,
        note: ctx.durationKnown ? 'answer-to-hangup' : 'answer-to-last-speech',
      }),
    ],
    advice: bandName === 'green' ? 'handle-time.good' : 'handle-time.long',
  });
}
