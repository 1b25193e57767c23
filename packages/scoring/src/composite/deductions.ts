// QA-form deductions taken off the composite for single events, as evaluators do by hand
// (domain.md: interrupting the customer −5, dead air −1). Forbidden phrases also cost points
// here (major −5, minor −2): inside courtesy alone a 禁语 would move the total by ~2 points.
// Guarantees: at most MAX_DEDUCTION_POINTS in all; a fatal phrase is not a deduction (it fails the call).
import type { ForbiddenHit } from '@callsim/call-script';
import type { Interruption } from '../courtesy/interruptions.js';
import type { Deduction } from '../model/call-score.js';
import { clip } from '../model/item.js';
import type { Silence } from '../speed/dead-air.js';

/** Points per event. */
export const DEDUCTION_POINTS = {
  interruption: 5,
  'dead-air': 1,
  'forbidden-major': 5,
  'forbidden-minor': 2,
} as const satisfies Record<Deduction['code'], number>;

/** Most points all deductions together may take. */
export const MAX_DEDUCTION_POINTS = 30;

/** Deductions for this call's events, in time order. */
export function collectDeductions(
  interruptions: readonly Interruption[],
  silences: readonly Silence[],
  forbidden: readonly ForbiddenHit[],
): Deduction[] {
  const list: Deduction[] = [
    ...interruptions.map((i) => ({
      code: 'interruption' as const,
      points: DEDUCTION_POINTS.interruption,
      atMs: Math.round(i.atMs),
      ...(i.text === null || i.text === '' ? {} : { text: clip(i.text) }),
    })),
    ...silences
      .filter((s) => s.deadAir)
      .map((s) => ({
        code: 'dead-air' as const,
        points: DEDUCTION_POINTS['dead-air'],
        atMs: Math.round(s.startMs),
      })),
    ...forbidden
      .filter((f) => f.severity !== 'fatal')
      .map((f) => {
        const code = f.severity === 'major' ? ('forbidden-major' as const) : ('forbidden-minor' as const);
        return { code, points: DEDUCTION_POINTS[code], atMs: Math.round(f.atMs), text: f.phrase };
      }),
  ];
  return list.sort((a, b) => a.atMs - b.atMs);
}

/** Sum of `deductions`, capped at MAX_DEDUCTION_POINTS. */
export function deductedPoints(deductions: readonly Deduction[]): number {
  return Math.min(
    MAX_DEDUCTION_POINTS,
    deductions.reduce((sum, d) => sum + d.points, 0),
  );
}
