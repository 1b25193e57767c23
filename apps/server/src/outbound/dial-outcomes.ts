// Decides how a dial ends before it starts: from a campaign's outcome mix when it has one
// (a weighted draw seeded by task and attempt, so a replayed dial gets the same answer),
// otherwise from the scenario's `dial: { outcome, rings }` block (answer when absent).
import type { ResolvedScenario } from '@callsim/call-script';
import type { DialMix, DialOutcome } from '@callsim/protocol';
import { DIAL_OUTCOMES } from '@callsim/protocol';

export interface DialPlan {
  outcome: DialOutcome;
  /** Rings of ringback before the outcome (busy: 0). */
  rings: number;
}

const DEFAULT_RINGS: Record<DialOutcome, number> = {
  answered: 3,
  busy: 0,
  'no-answer': Number.POSITIVE_INFINITY,
  voicemail: 4,
  'wrong-person': 2,
};

/** A number in [0, 1) from a string (FNV-1a, then a xorshift round). */
export function seededFraction(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h << 13;
  h ^= h >>> 17;
  h ^= h << 5;
  return (h >>> 0) / 2 ** 32;
}

/** Draws an outcome from weights; null when every weight is 0. */
export function drawOutcome(mix: DialMix, seed: string): DialOutcome | null {
  const total = DIAL_OUTCOMES.reduce((sum, o) => sum + (mix[o] ?? 0), 0);
  if (total <= 0) return null;
  let point = seededFraction(seed) * total;
  for (const outcome of DIAL_OUTCOMES) {
    point -= mix[outcome] ?? 0;
    if (point < 0) return outcome;
  }
  return DIAL_OUTCOMES.findLast((o) => (mix[o] ?? 0) > 0) ?? null;
}

/**
 * The plan for one dial. `maxRings` is how many rings fit before the router's ring
 * timeout; no-answer rings that many times, every other outcome at most that many.
 */
export function planDial(
  scenario: Pick<ResolvedScenario, 'dial'>,
  mix: DialMix | null,
  seed: string,
  maxRings: number,
): DialPlan {
  const fromScript: DialOutcome =
    scenario.dial?.outcome === undefined || scenario.dial.outcome === 'answer'
      ? 'answered'
      : scenario.dial.outcome;
  const outcome = (mix ? drawOutcome(mix, seed) : null) ?? fromScript;
  const wanted = outcome === 'no-answer' ? maxRings : (scenario.dial?.rings ?? DEFAULT_RINGS[outcome]);
  const rings = outcome === 'busy' ? 0 : Math.max(1, Math.min(maxRings, wanted));
  return { outcome, rings };
}
