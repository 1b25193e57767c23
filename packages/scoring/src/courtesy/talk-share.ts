// Talk share: the agent's part of all speech time. Service calls aim at ~50 %, sales
// (promotion) calls at 35–40 % — the customer should talk more when being sold to.
// Guarantees: overlapping segments of one speaker are merged before summing.
import { classify } from '../bands/band.js';
import type { CallContext } from '../model/call-context.js';
import type { ScoreItem } from '../model/call-score.js';
import { bandedItem, evidence, notAvailableItem } from '../model/item.js';
import { totalMs } from '../transcript/intervals.js';

/** Weight of talk share inside the courtesy dimension. */
export const TALK_SHARE_WEIGHT = 20;

/** Agent and caller speech time from the transcript, ms. */
export function talkTimes(ctx: CallContext): { agentMs: number; callerMs: number } {
  return { agentMs: totalMs(ctx.agentSegments), callerMs: totalMs(ctx.callerSegments) };
}

/** Scores the agent's share of talk time. */
export function scoreTalkShare(ctx: CallContext): ScoreItem {
  const band = ctx.bands.talkSharePct;
  const { agentMs, callerMs } = talkTimes(ctx);
  if (agentMs + callerMs <= 0) {
    return notAvailableItem('talk-share', TALK_SHARE_WEIGHT, 'percent', 'no-speech', 'talk-share.na', band);
  }
  const pct = (100 * agentMs) / (agentMs + callerMs);
  const bandName = classify(pct, band);
  return bandedItem({
    id: 'talk-share',
    weight: TALK_SHARE_WEIGHT,
    unit: 'percent',
    value: pct,
    band,
    evidence: [
      evidence('percent', {
        atMs: null,
        value: pct,
        band: bandName,
        note: `agent-ms:${Math.round(agentMs)},caller-ms:${Math.round(callerMs)}`,
      }),
    ],
    advice:
      bandName === 'green' ? 'talk-share.good' : pct > band.green[1] ? 'talk-share.high' : 'talk-share.low',
  });
}
