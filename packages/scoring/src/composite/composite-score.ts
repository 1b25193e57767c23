// The composite 0–100: dimension scores weighted by the scenario's `scoring.weights`
// (default script 50, speed 20, tone 20, courtesy 10), renormalized over the dimensions that
// could be measured, minus deductions. A fatal error fails the call: `failed: true`, total ≤ 30.
import type { DimensionId, DimensionScore } from '../model/call-score.js';
import { round } from '../model/item.js';

/** Highest total a failed call can have (below any sensible pass score). */
export const FATAL_SCORE_CAP = 30;

/** Dimension ids in display order. */
export const DIMENSION_IDS: readonly DimensionId[] = ['script', 'speed', 'tone', 'courtesy'];

/** Result of {@link compositeScore}. */
export interface Composite {
  /** Weighted mean before deductions and cap, 0–100. */
  readonly weightedTotal: number;
  readonly total: number;
  readonly dimensions: Record<DimensionId, DimensionScore>;
}

/** Combines dimensions; `deducted` points come off, `failed` caps the total at FATAL_SCORE_CAP. */
export function compositeScore(
  dimensions: Record<DimensionId, DimensionScore>,
  deducted: number,
  failed: boolean,
): Composite {
  const measured = DIMENSION_IDS.map((id) => dimensions[id]).filter((d) => d.score !== null && d.weight > 0);
  const weightSum = measured.reduce((sum, d) => sum + d.weight, 0);
  const weightedTotal =
    weightSum > 0 ? measured.reduce((sum, d) => sum + (d.score ?? 0) * d.weight, 0) / weightSum : 0;
  const withShares = Object.fromEntries(
    DIMENSION_IDS.map((id) => {
      const d = dimensions[id];
      const share = d.score !== null && weightSum > 0 ? (100 * d.weight) / weightSum : 0;
      return [id, { ...d, effectiveWeightPct: round(share) }];
    }),
  ) as Record<DimensionId, DimensionScore>;
  const afterDeductions = Math.max(0, weightedTotal - deducted);
  const total = failed ? Math.min(afterDeductions, FATAL_SCORE_CAP) : afterDeductions;
  return { weightedTotal: round(weightedTotal), total: round(total), dimensions: withShares };
}
