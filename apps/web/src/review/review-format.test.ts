// The console's client-side arithmetic agrees with the server's rules: totals with
// deductions, suggested grades, the auto value of a rubric item, the list query string.
import type { AutoScoreDto, RubricDto } from '@callsim/protocol';
import { describe, expect, it } from 'vitest';
import { recordingsSearch } from './review-api.js';
import { autoPercent, rubricTotal, suggestedGrade } from './review-format.js';

const rubric: Pick<RubricDto, 'items' | 'deductions'> = {
  items: [
    {
      id: 'warmth',
      label: { 'zh-CN': '服务热情', 'en-US': 'Warmth' },
      description: { 'zh-CN': '', 'en-US': '' },
      maxPoints: 40,
      autoRefs: ['tone', 'courtesy'],
    },
    {
      id: 'knowledge',
      label: { 'zh-CN': '业务知识', 'en-US': 'Knowledge' },
      description: { 'zh-CN': '', 'en-US': '' },
      maxPoints: 60,
      autoRefs: ['script-steps'],
    },
  ],
  deductions: [{ id: 'dead-air', label: { 'zh-CN': '冷场', 'en-US': 'Dead air' }, points: 1 }],
};

describe('review arithmetic in the browser', () => {
  it('totals points minus deductions and knows when every item is scored', () => {
    expect(rubricTotal(rubric, { warmth: 30 }, {})).toEqual({
      points: 30,
      maxPoints: 100,
      pct: 30,
      complete: false,
    });
    expect(rubricTotal(rubric, { warmth: 30, knowledge: 45 }, { 'dead-air': 3 })).toEqual({
      points: 72,
      maxPoints: 100,
      pct: 72,
      complete: true,
    });
  });

  it('suggests grades like the server', () => {
    expect([90, 75, 60, 59.9].map((p) => suggestedGrade(p, 60))).toEqual([
      'excellent',
      'good',
      'pass',
      'fail',
    ]);
  });

  it('averages the auto-score dimensions and items a rubric item refers to', () => {
    const auto = {
      dimensions: [
        { id: 'tone', score: 80, weight: 20 },
        { id: 'courtesy', score: 60, weight: 10 },
      ],
      items: { 'script-steps': 50 },
    } as unknown as AutoScoreDto;
    expect(autoPercent(rubric.items[0] as RubricDto['items'][number], auto)).toBe(70);
    expect(autoPercent(rubric.items[1] as RubricDto['items'][number], auto)).toBe(50);
    expect(autoPercent({ autoRefs: [] }, auto)).toBeNull();
    expect(autoPercent(rubric.items[0] as RubricDto['items'][number], null)).toBeNull();
  });

  it('leaves empty filters out of the query string', () => {
    expect(recordingsSearch({ classId: 'C1', q: '抱歉', traineeId: undefined, minScore: 0 })).toBe(
      `?classId=C1&q=${encodeURIComponent('抱歉')}&minScore=0`,
    );
    expect(recordingsSearch({})).toBe('');
  });
});
