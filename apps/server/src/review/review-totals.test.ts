// Rubric arithmetic: the built-in forms add up to 100, points are checked against each
// item's maximum, deductions come off (never below zero), and totals suggest a grade.
import { describe, expect, it } from 'vitest';
import { defaultRubric, rubricKindForCategory, rubricMaxPoints } from './default-rubrics.js';
import { reviewTotals, suggestedGrade } from './review-totals.js';

describe('built-in rubrics', () => {
  it('follow the QA forms: inbound 40/40/20, outbound seven items, contest 30/20/20/20/10', () => {
    const inbound = defaultRubric('inbound');
    expect(inbound.items.map((i) => [i.id, i.maxPoints])).toEqual([
      ['warmth', 40],
      ['handling', 40],
      ['knowledge', 20],
    ]);
    expect(inbound.deductions.map((d) => [d.id, d.points])).toEqual([
      ['interrupting', 5],
      ['dead-air', 1],
      ['not-slowing', 2],
    ]);
    expect(defaultRubric('outbound').items).toHaveLength(7);
    expect(defaultRubric('contest').items.map((i) => i.maxPoints)).toEqual([30, 20, 20, 20, 10]);
    for (const kind of ['inbound', 'outbound', 'contest'] as const)
      expect(rubricMaxPoints(defaultRubric(kind))).toBe(100);
  });

  it('maps scenario categories to the inbound or outbound form', () => {
    expect(['inquiry', 'complaint'].map(rubricKindForCategory)).toEqual(['inbound', 'inbound']);
    expect(['followup', 'promotion', 'care'].map(rubricKindForCategory)).toEqual([
      'outbound',
      'outbound',
      'outbound',
    ]);
  });

  it('hands out copies, so editing one never changes the default', () => {
    const copy = defaultRubric('inbound');
    (copy.items[0] as { maxPoints: number }).maxPoints = 1;
    expect(defaultRubric('inbound').items[0]?.maxPoints).toBe(40);
  });
});

describe('review totals', () => {
  const rubric = defaultRubric('inbound');

  it('adds item points, takes deductions off and reports what is missing', () => {
    expect(reviewTotals(rubric, { warmth: 32, handling: 30, knowledge: 16 }, { 'dead-air': 2 })).toEqual({
      totalPoints: 76,
      maxPoints: 100,
      totalPct: 76,
      missing: [],
    });
    expect(reviewTotals(rubric, { warmth: 30 }, {}).missing).toEqual(['handling', 'knowledge']);
    expect(
      reviewTotals(rubric, { warmth: 2, handling: 1, knowledge: 0 }, { interrupting: 3 }).totalPoints,
    ).toBe(0);
  });

  it('refuses points above an item’s maximum and unknown items, naming the field', () => {
    expect(() => reviewTotals(rubric, { warmth: 41 }, {})).toThrow(
      expect.objectContaining({
        code: 'REVIEW_ITEM_OUT_OF_RANGE',
        details: expect.objectContaining({ maxPoints: 40 }),
      }),
    );
    expect(() => reviewTotals(rubric, { pronunciation: 5 }, {})).toThrow(
      expect.objectContaining({
        code: 'BAD_REQUEST',
        details: expect.objectContaining({ field: 'itemScores.pronunciation' }),
      }),
    );
    expect(() => reviewTotals(rubric, {}, { shouting: 1 })).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST' }),
    );
  });

  it('suggests a grade from the total and the pass mark', () => {
    expect([95, 80, 65, 59].map((pct) => suggestedGrade(pct, 60))).toEqual([
      'excellent',
      'good',
      'pass',
      'fail',
    ]);
    expect(suggestedGrade(79, 80)).toBe('fail');
    expect(suggestedGrade(85, 80)).toBe('good');
  });
});
