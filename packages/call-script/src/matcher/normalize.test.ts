// Normalization details the matcher relies on: numerals, width, case, punctuation, and
// the map from normalized text back to the original (used for evidence).
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../index.js';

describe('normalizeText', () => {
  it('turns Chinese numerals into digits by value or digit by digit', () => {
    expect(normalizeText('一百零五元，两天，第二十四，三万五千，幺三八', 'zh-CN').text).toBe(
      '105元2天第2435000138',
    );
  });

  it('folds width and case and drops punctuation and spaces', () => {
    expect(normalizeText('Ｈｅｌｌｏ， Ｗｏｒｌｄ！１２３', 'en-US').text).toBe('helloworld123');
  });

  it('maps each normalized character back to the original text', () => {
    const n = normalizeText('您好！二十四小时', 'zh-CN');
    expect(n.text).toBe('您好24小时');
    expect(n.original.slice(n.sourceStart[2], n.sourceEnd[3])).toBe('二十四');
  });

  it('splits clauses at punctuation', () => {
    const n = normalizeText('不是，道歉', 'zh-CN');
    expect(n.clause[0]).not.toBe(n.clause[2]);
  });

  it('gives zh-CN tokens toneless pinyin keys and en-US tokens stems', () => {
    expect(normalizeText('在再1', 'zh-CN').tokens.map((t) => t.key)).toEqual(['zai', 'zai', 'yi']);
    expect(normalizeText("Apologizing, don't", 'en-US').tokens.map((t) => t.key)).toEqual([
      'apologiz',
      'dont',
    ]);
  });
});
