// A dimension's score: the weighted mean of its available items. Guarantees: notAvailable
// items take no part; a dimension with no available item is itself notAvailable (score null)
// and gets no share of the composite.
import type { DimensionId, DimensionScore, ScoreItem } from '../model/call-score.js';
import { round, statusFromScore } from '../model/item.js';

/** Aggregates `items` into dimension `id`; `effectiveWeightPct` is filled in by the composite. */
export function scoreDimension(id: DimensionId, weight: number, items: readonly ScoreItem[]): DimensionScore {
  const available = items.filter((i) => i.score !== null && i.weight > 0);
  const totalWeight = available.reduce((sum, i) => sum + i.weight, 0);
  if (totalWeight <= 0) {
    return { id, score: null, status: 'notAvailable', weight, effectiveWeightPct: 0, items };
  }
  const score = available.reduce((sum, i) => sum + (i.score ?? 0) * i.weight, 0) / totalWeight;
  // A bad item keeps the dimension from reading as good.
  const status = statusFromScore(score);
  const worst = available.some((i) => i.status === 'bad') && status === 'good' ? 'warn' : status;
  return { id, score: round(score), status: worst, weight, effectiveWeightPct: 0, items };
}
