// Review arithmetic and labels shared by the console and the trainee panel: the total of
// a rubric form (the server computes the same and has the last word), the grade a total
// suggests, the auto-score's value for a rubric item, and localized rubric labels.
import type {
  AutoScoreDto,
  Locale,
  LocalizedLabel,
  ReviewGrade,
  RubricDto,
  RubricItemDto,
} from '@callsim/protocol';
import type { Translate } from '../i18n/use-i18n.js';
import { type MessageKey, zhCN } from '../i18n/zh-CN.js';

export const GRADES: readonly ReviewGrade[] = ['excellent', 'good', 'pass', 'fail'];

export const GRADE_COLORS: Record<ReviewGrade, string> = {
  excellent: 'green',
  good: 'blue',
  pass: 'gold',
  fail: 'red',
};

export function label(text: LocalizedLabel, locale: Locale): string {
  return text[locale] || text['zh-CN'];
}

/** Item points minus deductions (≥ 0), the maximum, and percent with one decimal. */
export function rubricTotal(
  rubric: Pick<RubricDto, 'items' | 'deductions'>,
  scores: Record<string, number | null>,
  deductions: Record<string, number>,
): { points: number; maxPoints: number; pct: number; complete: boolean } {
  let points = 0;
  let complete = true;
  for (const item of rubric.items) {
    const v = scores[item.id];
    if (v === null || v === undefined) complete = false;
    else points += v;
  }
  for (const d of rubric.deductions) points -= d.points * (deductions[d.id] ?? 0);
  const maxPoints = rubric.items.reduce((s, i) => s + i.maxPoints, 0);
  const total = Math.max(0, Math.round(points * 10) / 10);
  return {
    points: total,
    maxPoints,
    pct: maxPoints > 0 ? Math.round((total / maxPoints) * 1000) / 10 : 0,
    complete,
  };
}

/** Same bands as the server: ≥ 90 % excellent, ≥ 75 % good, ≥ pass mark pass, else fail. */
export function suggestedGrade(pct: number, passPct: number): ReviewGrade {
  if (pct >= 90) return 'excellent';
  if (pct >= Math.max(75, passPct)) return 'good';
  if (pct >= passPct) return 'pass';
  return 'fail';
}

/** The auto-score's value for a rubric item in percent (mean of its references), or null. */
export function autoPercent(item: Pick<RubricItemDto, 'autoRefs'>, auto: AutoScoreDto | null): number | null {
  if (!auto) return null;
  const values: number[] = [];
  for (const ref of item.autoRefs) {
    const dimension = auto.dimensions.find((d) => d.id === ref);
    const value = dimension ? dimension.score : (auto.items[ref] ?? null);
    if (value !== null && value !== undefined) values.push(value);
  }
  if (values.length === 0) return null;
  return Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) / 10;
}

/** `t(key)` for a key built at run time, or `fallback` when the dictionary has no such key. */
export function tKey(t: Translate, key: string, fallback: string): string {
  return Object.hasOwn(zhCN, key) ? t(key as MessageKey) : fallback;
}
