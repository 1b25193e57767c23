// How quickly the agent answers each customer turn: the gap from the end of a customer
// segment to the start of the agent's next segment. Guarantees: a customer turn followed by
// another customer turn, an overlap (counted as overtalk instead) or a hold is not a gap.
import { bandScore, classify, statusOf } from '../bands/band.js';
import type { CallContext } from '../model/call-context.js';
import type { ScoreItem } from '../model/call-score.js';
import { clip, evidence, measuredItem, notAvailableItem } from '../model/item.js';

/** Weight of response latency inside the speed dimension. */
export const RESPONSE_LATENCY_WEIGHT = 15;
/** Points off the band score for each reply slower than `longResponseMs` (3 s). */
const LONG_RESPONSE_PENALTY = 10;
/** Points off for each reply outside green (> 800 ms) but not long. */
const SLOW_RESPONSE_PENALTY = 2;

/** One customer turn and the agent's reply to it. */
export interface ResponseGap {
  /** End of the customer's segment, ms from answer. */
  readonly afterCallerMs: number;
  /** Start of the agent's reply, ms from answer. */
  readonly replyAtMs: number;
  readonly gapMs: number;
  readonly callerText: string;
}

/** Every customer → agent reply gap, in time order. */
export function responseGaps(ctx: CallContext): ResponseGap[] {
  const holds = ctx.events?.holds ?? [];
  const gaps: ResponseGap[] = [];
  const segments = ctx.segments;
  for (let k = 0; k < segments.length - 1; k++) {
    const caller = segments[k]!;
    const next = segments[k + 1]!;
    if (caller.speaker !== 'caller' || next.speaker !== 'agent') continue;
    if (next.startMs < caller.endMs) continue;
    // The caller's turn may have been split: the reply must also start after every earlier caller segment.
    const callerEndMs = Math.max(
      caller.endMs,
      ...segments
        .slice(0, k)
        .filter((s) => s.speaker === 'caller')
        .map((s) => s.endMs),
    );
    if (next.startMs < callerEndMs) continue;
    if (holds.some((h) => h.startMs < next.startMs && h.endMs > callerEndMs)) continue;
    gaps.push({
      afterCallerMs: callerEndMs,
      replyAtMs: next.startMs,
      gapMs: next.startMs - callerEndMs,
      callerText: caller.text,
    });
  }
  return gaps;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Scores the median reply gap; replies slower than `longResponseMs` cost extra. */
export function scoreResponseLatency(ctx: CallContext): ScoreItem {
  const band = ctx.bands.responseLatencyMs;
  const gaps = responseGaps(ctx);
  if (gaps.length === 0) {
    return notAvailableItem(
      'response-latency',
      RESPONSE_LATENCY_WEIGHT,
      'ms',
      'no-customer-turn',
      'response-latency.na',
      band,
    );
  }
  const medianMs = median(gaps.map((g) => g.gapMs));
  const long = gaps.filter((g) => g.gapMs > ctx.bands.longResponseMs);
  const slow = gaps.filter((g) => classify(g.gapMs, band) !== 'green');
  // Each slow reply costs a little and each very slow one a lot, even when the median is fine.
  const score =
    bandScore(medianMs, band) -
    SLOW_RESPONSE_PENALTY * (slow.length - long.length) -
    LONG_RESPONSE_PENALTY * long.length;
  const bandName = classify(medianMs, band);
  const byBand = statusOf(bandName);
  const status =
    score < 60 || byBand === 'bad'
      ? 'bad'
      : byBand === 'warn' || long.length > 0 || score < 80
        ? 'warn'
        : 'good';
  return measuredItem({
    id: 'response-latency',
    weight: RESPONSE_LATENCY_WEIGHT,
    unit: 'ms',
    value: medianMs,
    score,
    status,
    band: bandName,
    target: band,
    evidence: [
      evidence('ms', { atMs: null, value: medianMs, band: bandName, note: `median-of:${gaps.length}` }),
      ...slow.map((g) =>
        evidence('ms', {
          atMs: g.afterCallerMs,
          endMs: g.replyAtMs,
          text: clip(g.callerText),
          value: g.gapMs,
          band: classify(g.gapMs, band),
        }),
      ),
    ],
    advice: status === 'good' ? 'response-latency.good' : 'response-latency.slow',
  });
}
