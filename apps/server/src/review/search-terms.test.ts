// Search terms: Chinese bigrams, English words, full-width folding, and query plans.
import { describe, expect, it } from 'vitest';
import { findSnippet, fts5Query, planSearch, searchGrams, tsQuery } from './search-terms.js';

describe('search terms', () => {
  it('turns Chinese runs into bigrams and keeps words whole', () => {
    expect(searchGrams('您好，非常抱歉！Order 123')).toBe('您好 非常 常抱 抱歉 order 123');
    expect(searchGrams('好。')).toBe('好');
  });

  it('folds full-width letters and digits like half-width ones', () => {
    expect(searchGrams('ＯＲＤＥＲ１２３')).toBe(searchGrams('order123'));
  });

  it('plans a phrase per run, a prefix for words, and a substring search for one Chinese character', () => {
    expect(planSearch('非常抱歉 refund')).toEqual({
      kind: 'phrases',
      phrases: [
        { terms: ['非常', '常抱', '抱歉'], prefix: false },
        { terms: ['refund'], prefix: true },
      ],
    });
    expect(planSearch('好')).toEqual({ kind: 'substring', needle: '好' });
    expect(planSearch(' ，。 ')).toEqual({ kind: 'none' });
  });

  it('writes FTS5 and tsquery expressions', () => {
    const plan = planSearch('抱歉 ref');
    if (plan.kind !== 'phrases') throw new Error('expected phrases');
    expect(fts5Query(plan.phrases)).toBe('"抱歉" AND "ref" *');
    const longer = planSearch('非常抱歉 ref');
    if (longer.kind !== 'phrases') throw new Error('expected phrases');
    expect(tsQuery(longer.phrases)).toBe("('非常' <-> '常抱' <-> '抱歉') & 'ref':*");
  });

  it('finds a snippet around the first line with every run', () => {
    const lines = ['您好，请问有什么可以帮您？', '非常抱歉给您带来不便，我马上为您补寄。'];
    expect(findSnippet(lines, '抱歉 补寄')).toBe('非常抱歉给您带来不便，我马上为您补寄。');
    expect(findSnippet(lines, '退货')).toBeNull();
  });
});
