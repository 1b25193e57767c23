// Decides, after a call, whether the scenario's follow-up call is due (e.g. a 回访 one
// simulated day after a complaint) and converts its ISO-8601 delay to milliseconds.
// Pure; the scheduler in apps/server turns the plan into an outbound task.
import type { StepResult } from '../matcher/transcript.js';
import type { ResolvedScenario } from '../resolve/resolve-scenario.js';

/** A follow-up call to schedule. */
export interface FollowUpPlan {
  readonly scenarioId: string;
  /** The delay as written, e.g. `P1D`. */
  readonly afterIso: string;
  /** The delay in simulated ms (a month counts 30 days, a year 365). */
  readonly afterMs: number;
}

const UNIT_MS = {
  Y: 365 * 86_400_000,
  M: 30 * 86_400_000,
  W: 7 * 86_400_000,
  D: 86_400_000,
  H: 3_600_000,
  m: 60_000,
  S: 1000,
};

/** The follow-up to schedule after a call with these step results, or null. */
export function planFollowUp(
  scenario: Pick<ResolvedScenario, 'followUp'>,
  steps: readonly Pick<StepResult, 'id' | 'found'>[],
): FollowUpPlan | null {
  const followUp = scenario.followUp;
  if (followUp === null) return null;
  const found = new Set(steps.filter((s) => s.found).map((s) => s.id));
  if (followUp.when !== undefined && !followUp.when.step.every((id) => found.has(id))) return null;
  return {
    scenarioId: followUp.scenario,
    afterIso: followUp.after,
    afterMs: isoDurationToMs(followUp.after),
  };
}

/** Milliseconds in an ISO-8601 duration such as `P1D`, `PT4H30M`; NaN when malformed. */
export function isoDurationToMs(iso: string): number {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(
    iso,
  );
  if (m === null || iso === 'P' || iso.endsWith('T')) return Number.NaN;
  const n = (i: number) => Number(m[i] ?? 0);
  return (
    n(1) * UNIT_MS.Y +
    n(2) * UNIT_MS.M +
    n(3) * UNIT_MS.W +
    n(4) * UNIT_MS.D +
    n(5) * UNIT_MS.H +
    n(6) * UNIT_MS.m +
    n(7) * UNIT_MS.S
  );
}
