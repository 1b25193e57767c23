// Reads the facts the scorer needs out of call timeline events: rings before answer,
// holds (paired start/end), interruption marks and the hang-up time. Guarantees: tolerant
// of missing details (a hold without an end lasts to the end of the call) and of any order.

import type { ScoreTimelineEvent } from '../model/score-input.js';
import type { Interval } from '../transcript/intervals.js';

/** One hold, ms from answer. */
export interface Hold extends Interval {
  readonly holdMs: number;
  /** False when the call ended while on hold. */
  readonly returned: boolean;
}

/** What the timeline says about answer, holds, interruptions and the end of the call. */
export interface CallEvents {
  /** null when the timeline has no ring events. */
  readonly ringCount: number | null;
  /** ms from the first ring to answer; null without ring events. */
  readonly answerDelayMs: number | null;
  readonly holds: readonly Hold[];
  /** Times of `interruption` events, ms from answer. */
  readonly interruptionsAtMs: readonly number[];
  /** Time of the `hangup` event, ms from answer; null when absent. */
  readonly hangupAtMs: number | null;
}

const numberOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/** Reads `events` (any order); `callEndMs` closes a hold that never ended. */
export function readCallEvents(events: readonly ScoreTimelineEvent[], callEndMs: number): CallEvents {
  const sorted = [...events]
    .filter((e) => typeof e.atMs === 'number' && Number.isFinite(e.atMs))
    .sort((a, b) => a.atMs - b.atMs);
  const rings = sorted.filter((e) => e.type === 'ring');
  const ringCount =
    rings.length === 0 ? null : Math.max(rings.length, ...rings.map((r) => numberOr(r.ringCount, 0)));
  const firstRingMs = rings[0]?.atMs;
  const answerDelayMs = firstRingMs === undefined ? null : Math.max(0, -firstRingMs);

  const holds: Hold[] = [];
  let openAtMs: number | null = null;
  for (const event of sorted) {
    if (event.type === 'hold-start' && openAtMs === null) openAtMs = event.atMs;
    else if (event.type === 'hold-end' && openAtMs !== null) {
      const startMs = openAtMs;
      const holdMs = Math.max(event.atMs - startMs, numberOr(event.holdMs, 0));
      holds.push({ startMs, endMs: startMs + holdMs, holdMs, returned: true });
      openAtMs = null;
    }
  }
  if (openAtMs !== null) {
    const endMs = Math.max(openAtMs, callEndMs);
    holds.push({ startMs: openAtMs, endMs, holdMs: endMs - openAtMs, returned: false });
  }
  const hangup = sorted.find((e) => e.type === 'hangup');
  return {
    ringCount,
    answerDelayMs,
    holds,
    interruptionsAtMs: sorted.filter((e) => e.type === 'interruption').map((e) => e.atMs),
    hangupAtMs: hangup?.atMs ?? null,
  };
}
