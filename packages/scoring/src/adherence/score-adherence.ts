// The script dimension from the matcher's result: weighted step coverage (a required step
// counts double, so missing it costs most), phase order, and steps due within a time limit.
// Guarantees: a step's weight comes from the script; fuzzy hits count as found.
import type { AdherenceResult, StepResult } from '@callsim/call-script';
import type { Evidence, ScoreItem } from '../model/call-score.js';
import {
  bandFromScore,
  clip,
  evidence,
  measuredItem,
  notAvailableItem,
  statusFromScore,
} from '../model/item.js';

/** Weights of the script items. */
export const SCRIPT_STEPS_WEIGHT = 80;
export const PHASE_ORDER_WEIGHT = 10;
export const STEP_TIMING_WEIGHT = 10;
/** A required step weighs this many times its `weight` in coverage. */
export const REQUIRED_STEP_FACTOR = 2;
/** Points off phase order per out-of-order step. */
const OUT_OF_ORDER_PENALTY = 25;

const effectiveWeight = (s: StepResult) => s.weight * (s.required ? REQUIRED_STEP_FACTOR : 1);

function stepEvidence(s: StepResult, note: string): Evidence {
  return evidence('points', {
    atMs: s.atMs,
    text: s.evidence === null ? s.label : clip(s.evidence.text),
    value: s.weight,
    band: s.found ? 'green' : s.required ? 'red' : 'amber',
    note: `step:${s.id}${note}`,
  });
}

/** Weighted share of steps said. */
export function scoreScriptSteps(result: AdherenceResult): ScoreItem {
  const steps = result.steps;
  const total = steps.reduce((sum, s) => sum + effectiveWeight(s), 0);
  if (steps.length === 0 || total <= 0) {
    return notAvailableItem('script-steps', SCRIPT_STEPS_WEIGHT, 'percent', 'no-steps', 'script-steps.na');
  }
  const said = steps.filter((s) => s.found).reduce((sum, s) => sum + effectiveWeight(s), 0);
  const score = (100 * said) / total;
  const missingRequired = steps.filter((s) => s.required && !s.found);
  const missingOptional = steps.filter((s) => !s.required && !s.found);
  const status =
    missingRequired.length > 0
      ? 'bad'
      : missingOptional.length > 0
        ? statusFromScore(Math.min(score, 79))
        : 'good';
  const missing = missingRequired.length > 0 ? missingRequired : missingOptional;
  return measuredItem({
    id: 'script-steps',
    weight: SCRIPT_STEPS_WEIGHT,
    unit: 'percent',
    value: score,
    score,
    status,
    band: bandFromScore(score),
    target: { green: [100, 100], amber: [60, 100] },
    evidence: steps.map((s) =>
      stepEvidence(s, `${s.required ? ':required' : ''}${s.found ? (s.fuzzy ? ':fuzzy' : '') : ':missing'}`),
    ),
    advice:
      missingRequired.length > 0
        ? 'script-steps.missing-required'
        : missingOptional.length > 0
          ? 'script-steps.missing-optional'
          : 'script-steps.good',
    adviceSteps: missing.map((s) => s.label),
  });
}

/** Steps said after a step of a later phase (opening after closing…). */
export function scorePhaseOrder(result: AdherenceResult): ScoreItem {
  if (result.steps.length === 0) {
    return notAvailableItem('phase-order', PHASE_ORDER_WEIGHT, 'count', 'no-steps', 'script-steps.na');
  }
  const outOfOrder = result.steps.filter((s) => s.found && s.outOfOrder);
  const score = 100 - OUT_OF_ORDER_PENALTY * outOfOrder.length;
  return measuredItem({
    id: 'phase-order',
    weight: PHASE_ORDER_WEIGHT,
    unit: 'count',
    value: outOfOrder.length,
    score,
    status: outOfOrder.length === 0 ? 'good' : outOfOrder.length === 1 ? 'warn' : 'bad',
    band: outOfOrder.length === 0 ? 'green' : outOfOrder.length === 1 ? 'amber' : 'red',
    evidence: outOfOrder.map((s) => stepEvidence(s, ':out-of-order')),
    advice: outOfOrder.length === 0 ? 'phase-order.good' : 'phase-order.bad',
    adviceSteps: outOfOrder.map((s) => s.label),
  });
}

/** Steps with `withinMs` (e.g. the greeting within 15 s): said in time, late, or never. */
export function scoreStepTiming(result: AdherenceResult): ScoreItem {
  const timed = result.steps.filter((s) => s.withinMs !== null);
  if (timed.length === 0) {
    return notAvailableItem('step-timing', STEP_TIMING_WEIGHT, 'count', 'no-timed-steps', 'step-timing.na');
  }
  const notInTime = timed.filter((s) => !s.found || s.late);
  const score = (100 * (timed.length - notInTime.length)) / timed.length;
  return measuredItem({
    id: 'step-timing',
    weight: STEP_TIMING_WEIGHT,
    unit: 'count',
    value: notInTime.length,
    score,
    status: notInTime.length === 0 ? 'good' : score >= 50 ? 'warn' : 'bad',
    band: notInTime.length === 0 ? 'green' : score >= 50 ? 'amber' : 'red',
    evidence: timed.map((s) =>
      evidence('ms', {
        atMs: s.atMs,
        ...(s.evidence === null ? {} : { text: clip(s.evidence.text) }),
        value: s.withinMs,
        band: !s.found || s.late ? 'red' : 'green',
        note: `step:${s.id}:${!s.found ? 'missing' : s.late ? 'late' : 'in-time'}`,
      }),
    ),
    advice: notInTime.length === 0 ? 'step-timing.good' : 'step-timing.late',
    adviceSteps: notInTime.map((s) => s.label),
  });
}

/** Items of the script dimension, in display order. */
export function scoreScriptItems(result: AdherenceResult): ScoreItem[] {
  return [scoreScriptSteps(result), scorePhaseOrder(result), scoreStepTiming(result)];
}
