// Interruptions: the agent starts while the customer is speaking and they overlap ≥ 0.5 s,
// from the segments, from agent turns the turn-taker flagged (`interruption: true`) and from
// `interruption` timeline events. Guarantees: one barge-in is counted once (marks within 1 s merge).

import type { CallContext } from '../model/call-context.js';
import type { ScoreItem } from '../model/call-score.js';
import { clip, evidence, measuredItem } from '../model/item.js';

/** Weight of interruptions inside the courtesy dimension. */
export const INTERRUPTIONS_WEIGHT = 25;
/** Points off the item per interruption. */
const INTERRUPTION_PENALTY = 30;
/** Marks closer than this are the same interruption, ms. */
const SAME_INTERRUPTION_MS = 1_000;

/** One time the agent talked over the customer. */
export interface Interruption {
  /** When the agent started, ms from answer. */
  readonly atMs: number;
  /** Overlap with the customer's speech, ms; null when only an event marks it. */
  readonly overlapMs: number | null;
  /** The agent's words. */
  readonly text: string | null;
  readonly source: 'segments' | 'flag' | 'event';
}

/** Every interruption by the agent, in time order. */
export function findInterruptions(ctx: CallContext): Interruption[] {
  const found: Interruption[] = [];
  for (const agent of ctx.agentSegments) {
    let overlapMs = 0;
    for (const caller of ctx.callerSegments) {
      if (caller.startMs < agent.startMs && agent.startMs < caller.endMs) {
        overlapMs = Math.max(overlapMs, Math.min(agent.endMs, caller.endMs) - agent.startMs);
      }
    }
    if (overlapMs >= ctx.bands.interruptionOverlapMs) {
      found.push({ atMs: agent.startMs, overlapMs, text: agent.text, source: 'segments' });
    } else if (agent.interruption === true) {
      found.push({
        atMs: agent.startMs,
        overlapMs: overlapMs > 0 ? overlapMs : null,
        text: agent.text,
        source: 'flag',
      });
    }
  }
  for (const atMs of ctx.events?.interruptionsAtMs ?? []) {
    if (found.some((f) => Math.abs(f.atMs - atMs) < SAME_INTERRUPTION_MS)) continue;
    const speaking = ctx.agentSegments.find(
      (s) => s.startMs <= atMs + SAME_INTERRUPTION_MS && s.endMs >= atMs,
    );
    found.push({ atMs, overlapMs: null, text: speaking?.text ?? null, source: 'event' });
  }
  return found.sort((a, b) => a.atMs - b.atMs);
}

/** Scores interruptions: none is good, one a warning, two or more bad. */
export function scoreInterruptions(ctx: CallContext): ScoreItem {
  const interruptions = findInterruptions(ctx);
  const count = interruptions.length;
  return measuredItem({
    id: 'interruptions',
    weight: INTERRUPTIONS_WEIGHT,
    unit: 'count',
    value: count,
    score: 100 - INTERRUPTION_PENALTY * count,
    status: count === 0 ? 'good' : count === 1 ? 'warn' : 'bad',
    band: count === 0 ? 'green' : count === 1 ? 'amber' : 'red',
    target: { green: [0, 0], amber: [0, 1] },
    evidence: interruptions.map((i) =>
      evidence('ms', {
        atMs: i.atMs,
        ...(i.overlapMs === null ? {} : { endMs: i.atMs + i.overlapMs }),
        ...(i.text === null || i.text === '' ? {} : { text: clip(i.text) }),
        value: i.overlapMs,
        band: 'red',
        note: `source:${i.source}`,
      }),
    ),
    advice: count === 0 ? 'interruptions.good' : 'interruptions.bad',
  });
}
