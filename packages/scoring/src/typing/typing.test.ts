// Listen-and-type numbers as a trainee sees them: width and punctuation never cost
// accuracy, every real mistake does, and too much typing bottoms out at 0 %.
import { describe, expect, it } from 'vitest';
import { alignChars } from './align-chars.js';
import { normalizeTypingText } from './normalize-typing.js';
import { scoreKeyFields, scoreTyping } from './score-typing.js';

const MINUTE_MS = 60_000;

describe('normalizeTypingText', () => {
  it('folds full-width letters and digits, drops punctuation and (for zh-CN) spaces', () => {
    expect(normalizeTypingText('订单号：２０２６－ＡＢ，好的！', { locale: 'zh-CN' }).join('')).toBe(
      '订单号2026ab好的',
    );
    expect(normalizeTypingText('我 要　退货', { locale: 'zh-CN' }).join('')).toBe('我要退货');
  });

  it('keeps one space between English words and ignores case', () => {
    expect(normalizeTypingText('  Hi,there —  it’s   BROKEN! ', { locale: 'en-US' }).join('')).toBe(
      'hi there its broken',
    );
    expect(normalizeTypingText('(415) 555-0187', { locale: 'en-US', compact: true }).join('')).toBe(
      '4155550187',
    );
  });
});

describe('scoreTyping', () => {
  it('scores a perfect transcript typed with other widths and punctuation as 100 %', () => {
    const result = scoreTyping({
      reference: '您好，我的订单号是20261108-3391。',
      typed: '您好我的订单号是２０２６１１０８３３９１',
      locale: 'zh-CN',
      elapsedMs: MINUTE_MS,
    });
    expect(result.cer).toBe(0);
    expect(result.accuracy).toBe(1);
    expect(result.referenceChars).toBe(20);
    expect(result.charsPerMin).toBe(20);
    expect(result.netCharsPerMin).toBe(20);
    expect(result.diff).toEqual([
      { kind: 'equal', reference: '您好我的订单号是202611083391', typed: '您好我的订单号是202611083391' },
    ]);
  });

  it('counts one substitution, one deletion and one insertion and shows where they are', () => {
    // reference 10 字; typed: 杯→被 (S), 了 missing (D), extra 的 (I)
    const result = scoreTyping({
      reference: '保温杯的盖子裂了一条缝',
      typed: '保温被的盖子裂一条的缝',
      locale: 'zh-CN',
      elapsedMs: 30_000,
    });
    expect(result.referenceChars).toBe(11);
    expect([result.substitutions, result.deletions, result.insertions]).toEqual([1, 1, 1]);
    expect(result.cer).toBeCloseTo(3 / 11, 10);
    expect(result.accuracy).toBeCloseTo(8 / 11, 10);
    expect(result.charsPerMin).toBeCloseTo(22, 10);
    expect(result.netCharsPerMin).toBeCloseTo(22 * (8 / 11), 10);
    expect(result.diff).toEqual([
      { kind: 'equal', reference: '保温', typed: '保温' },
      { kind: 'substitution', reference: '杯', typed: '被' },
      { kind: 'equal', reference: '的盖子裂', typed: '的盖子裂' },
      { kind: 'deletion', reference: '了', typed: '' },
      { kind: 'equal', reference: '一条', typed: '一条' },
      { kind: 'insertion', reference: '', typed: '的' },
      { kind: 'equal', reference: '缝', typed: '缝' },
    ]);
  });

  it('floors accuracy at 0 when insertions push the CER past 100 %', () => {
    const result = scoreTyping({
      reference: '退款',
      typed: '退款退款退款退款',
      locale: 'zh-CN',
      elapsedMs: MINUTE_MS,
    });
    expect(result.insertions).toBe(6);
    expect(result.cer).toBe(3);
    expect(result.accuracy).toBe(0);
    expect(result.charsPerMin).toBe(8);
    expect(result.netCharsPerMin).toBe(0);
  });

  it('handles an empty reference: nothing typed is perfect, anything typed is all wrong', () => {
    const empty = scoreTyping({ reference: '。。', typed: '', locale: 'zh-CN', elapsedMs: MINUTE_MS });
    expect(empty).toMatchObject({ referenceChars: 0, cer: 0, accuracy: 1, charsPerMin: 0, diff: [] });
    const extra = scoreTyping({ reference: '', typed: '多余', locale: 'zh-CN', elapsedMs: MINUTE_MS });
    expect(extra).toMatchObject({ referenceChars: 0, insertions: 2, cer: 1, accuracy: 0 });
  });

  it('counts nothing typed as all deletions (accuracy 0, speed 0)', () => {
    const result = scoreTyping({ reference: 'Thank you', typed: '', locale: 'en-US', elapsedMs: MINUTE_MS });
    expect(result).toMatchObject({ deletions: 9, cer: 1, accuracy: 0, charsPerMin: 0 });
  });

  it('does not turn a submit within a second into thousands of characters per minute', () => {
    const result = scoreTyping({ reference: '好的', typed: '好的', locale: 'zh-CN', elapsedMs: 10 });
    expect(result.elapsedMs).toBe(1_000);
    expect(result.charsPerMin).toBe(120);
  });
});

describe('scoreKeyFields', () => {
  it('aligns each field on its own and sums the edits for the CER', () => {
    const result = scoreKeyFields(
      [
        { id: 'orderNumber', reference: '20261108-3391', typed: '2026 1108 3391', compact: true },
        { id: 'name', reference: '王先生', typed: '黄先生' },
        { id: 'phone', reference: '138 5072 6621', typed: '1385072662', compact: true },
        { id: 'problem', reference: '保温杯破损', typed: '保温杯破损' },
      ],
      'zh-CN',
      MINUTE_MS,
    );
    expect(result.referenceChars).toBe(12 + 3 + 11 + 5);
    expect(result.substitutions).toBe(1);
    expect(result.deletions).toBe(1);
    expect(result.cer).toBeCloseTo(2 / 31, 10);
    expect(result.fields.map((f) => [f.id, f.accuracy === 1])).toEqual([
      ['orderNumber', true],
      ['name', false],
      ['phone', false],
      ['problem', true],
    ]);
  });
});

describe('alignChars', () => {
  it('pairs the earliest characters when alignments tie, so a typo reads as typo + extra', () => {
    expect(alignChars(Array.from('干等着'), Array.from('干等者呀')).runs).toEqual([
      { kind: 'equal', reference: '干等', typed: '干等' },
      { kind: 'substitution', reference: '着', typed: '者' },
      { kind: 'insertion', reference: '', typed: '呀' },
    ]);
  });

  it('reports the edit distance as S + D + I and keeps both texts in the runs', () => {
    const reference = Array.from('kitten');
    const typed = Array.from('sitting');
    const { runs, substitutions, deletions, insertions } = alignChars(reference, typed);
    expect(substitutions + deletions + insertions).toBe(3);
    expect(runs.map((r) => r.reference).join('')).toBe('kitten');
    expect(runs.map((r) => r.typed).join('')).toBe('sitting');
  });
});
