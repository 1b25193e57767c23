// The arithmetic of a rubric review: item points (each within 0…maxPoints) minus
// deductions (points × times), never below zero; percent of the items' maximum; and the
// grade a total suggests. Invalid points are refused here, naming the item.
import { AppError, type ReviewGrade, type RubricDto } from '@callsim/protocol';
import { rubricMaxPoints } from './default-rubrics.js';

export interface ReviewTotals {
  totalPoints: number;
  maxPoints: number;
  /** Percent, one decimal. */
  totalPct: number;
  /** Items without points yet. */
  missing: string[];
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Checks the points against the rubric and adds them up. */
export function reviewTotals(
  rubric: Pick<RubricDto, 'items' | 'deductions'>,
  itemScores: Record<string, number | null>,
  deductionCounts: Record<string, number>,
): ReviewTotals {
  const known = new Set(rubric.items.map((i) => i.id));
  for (const id of Object.keys(itemScores)) {
    if (!known.has(id))
      throw new AppError('BAD_REQUEST', 'unknown rubric item', {
        details: { field: `itemScores.${id}`, reason: 'not an item of this rubric' },
      });
  }
  const deductions = new Map(rubric.deductions.map((d) => [d.id, d]));
  for (const id of Object.keys(deductionCounts)) {
    if (!deductions.has(id))
      throw new AppError('BAD_REQUEST', 'unknown deduction', {
        details: { field: `deductionCounts.${id}`, reason: 'not a deduction of this rubric' },
      });
  }
  let points = 0;
  const missing: string[] = [];
  for (const item of rubric.items) {
    const value = itemScores[item.id];
    if (value === null || value === undefined) {
      missing.push(item.id);
      continue;
    }
    if (value < 0 || value > item.maxPoints)
      throw new AppError('REVIEW_ITEM_OUT_OF_RANGE', 'item points out of range', {
        details: { field: `itemScores.${item.id}`, item: item.id, maxPoints: item.maxPoints },
      });
    points += value;
  }
  let deducted = 0;
  for (const [id, count] of Object.entries(deductionCounts))
    deducted += (deductions.get(id)?.points ?? 0) * count;
  const maxPoints = rubricMaxPoints(rubric);
  const totalPoints = Math.max(0, round1(points - deducted));
  return {
    totalPoints,
    maxPoints,
    totalPct: maxPoints > 0 ? round1((totalPoints / maxPoints) * 100) : 0,
    missing,
  };
}

/** The grade a total suggests: ≥ 90 % excellent, ≥ 75 % good, ≥ the pass mark pass, else fail. */
export function suggestedGrade(totalPct: number, passPct: number): ReviewGrade {
  if (totalPct >= 90) return 'excellent';
  if (totalPct >= Math.max(75, passPct)) return 'good';
  if (totalPct >= passPct) return 'pass';
  return 'fail';
}
