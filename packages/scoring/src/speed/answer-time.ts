// Answer speed of an inbound call: rings heard and seconds from the first ring to answer,
// against `answerWithinMs` (default 15 s ≈ three rings). Guarantees: the worse of the two
// measures decides; outbound calls (the agent dials) are notAvailable, never penalized.
import { bandScore, classify, statusOf } from '../bands/band.js';
import type { CallContext } from '../model/call-context.js';
import type { ScoreItem } from '../model/call-score.js';
import { evidence, measuredItem, notAvailableItem } from '../model/item.js';

/** Weight of answer time inside the speed dimension. */
export const ANSWER_TIME_WEIGHT = 15;

/** Scores how fast the agent picked up. */
export function scoreAnswerTime(ctx: CallContext): ScoreItem {
  const { bands } = ctx;
  if (ctx.script.direction === 'outbound') {
    return notAvailableItem('answer-time', ANSWER_TIME_WEIGHT, 'ms', 'outbound-call', 'answer-time.na');
  }
  const delayMs = ctx.input.answer?.answerDelayMs ?? ctx.events?.answerDelayMs ?? null;
  const rings = ctx.input.answer?.ringCount ?? ctx.events?.ringCount ?? null;
  if (delayMs === null && rings === null) {
    return notAvailableItem(
      'answer-time',
      ANSWER_TIME_WEIGHT,
      'ms',
      'no-answer-info',
      'answer-time.na',
      bands.answerDelayMs,
    );
  }
  const measures = [
    ...(delayMs === null ? [] : [{ value: delayMs, band: bands.answerDelayMs, note: 'answer-delay-ms' }]),
    ...(rings === null ? [] : [{ value: rings, band: bands.answerRings, note: 'rings' }]),
  ].map((m) => ({ ...m, score: bandScore(m.value, m.band), name: classify(m.value, m.band) }));
  const worst = measures.reduce((a, b) => (b.score < a.score ? b : a));
  const headline = measures[0]!;
  const firstRingAtMs = delayMs === null ? null : -delayMs;
  return measuredItem({
    id: 'answer-time',
    weight: ANSWER_TIME_WEIGHT,
    unit: delayMs === null ? 'rings' : 'ms',
    value: headline.value,
    score: worst.score,
    status: statusOf(worst.name),
    band: worst.name,
    target: headline.band,
    evidence: measures.map((m) =>
      evidence(m.note === 'rings' ? 'rings' : 'ms', {
        atMs: firstRingAtMs,
        value: m.value,
        band: m.name,
        note: m.note,
      }),
    ),
    advice: worst.name === 'green' ? 'answer-time.good' : 'answer-time.slow',
  });
}
