// The step matcher on single agent utterances: exact and fuzzy hits, normalization,
// negation, and the any/all/pattern rules, as the live checklist and the dialogue see them.
import { describe, expect, it } from 'vitest';
import { type MatchRule, matchTurn, saysAny } from '../index.js';

const step = (id: string, match: MatchRule) => ({ id, match });
const GREETING = step('greeting', { all: [['您好'], ['很高兴为您服务', '有什么可以帮您']] });
const APOLOGY = step('apology', { any: ['道歉', '抱歉'] });
const SORRY = step('sorry', { any: ['不好意思'] });
const GOODBYE = step('goodbye', { any: ['再见'] });
const RETURN_DAYS = step('return-days', { any: ['十五天内可以退货'] });

describe('zh-CN fuzzy matching by toneless pinyin', () => {
  it('matches 帮你 for 帮您 as a fuzzy hit with its similarity', () => {
    const { hits } = matchTurn('你好，请问有什么可以帮你的？', [GREETING], 'zh-CN');
    expect(hits).toEqual([
      expect.objectContaining({
        stepId: 'greeting',
        kind: 'fuzzy',
        phrases: ['您好', '有什么可以帮您'],
        text: '你好 … 有什么可以帮你',
      }),
    ]);
    expect(hits[0]?.similarity).toBeGreaterThanOrEqual(0.8);
    expect(hits[0]?.similarity).toBeLessThan(1);
  });

  it('matches 在见 for 再见 (same pinyin) as fuzzy with similarity 1', () => {
    const hit = saysAny('好的，在见', ['再见'], 'zh-CN');
    expect(hit).toMatchObject({ kind: 'fuzzy', similarity: 1, text: '在见' });
  });

  it('reports an exact hit as exact', () => {
    expect(saysAny('好的，再见', ['再见'], 'zh-CN')).toMatchObject({
      kind: 'exact',
      similarity: 1,
      text: '再见',
    });
  });

  it('does not let one missing syllable through (我知道 is not 我不知道)', () => {
    expect(saysAny('这个我知道', ['我不知道'], 'zh-CN')).toBeNull();
  });

  it('tolerates a word inserted inside the phrase', () => {
    expect(saysAny('很高兴能为您服务', ['很高兴为您服务'], 'zh-CN')).toMatchObject({
      kind: 'fuzzy',
      text: '很高兴能为您服务',
    });
  });

  it('does not let the first or last word of the phrase be dropped or replaced', () => {
    expect(saysAny('请问有什么可以帮您', ['还有什么可以帮您'], 'zh-CN')).toBeNull();
    expect(saysAny('有什么可以帮您', ['还有什么可以帮您'], 'zh-CN')).toBeNull();
  });

  it('never drops or adds a negation while matching fuzzily', () => {
    expect(saysAny('这件事归我管的', ['这件事不归我管'], 'zh-CN')).toBeNull();
    expect(saysAny('我们会不给您处理的', ['我们会给您处理'], 'zh-CN')).toBeNull();
  });

  it('does not match unrelated words with a shared syllable', () => {
    expect(saysAny('这个保险很划算', ['抱歉'], 'zh-CN')).toBeNull();
  });
});

describe('normalization', () => {
  it('matches full-width letters, digits and punctuation', () => {
    expect(saysAny('ＯＫ，１５天内可以退货！', ['ok'], 'zh-CN')).toMatchObject({
      kind: 'exact',
      text: 'ＯＫ',
    });
    expect(matchTurn('１５天内可以退货！', [RETURN_DAYS], 'zh-CN').satisfied).toEqual(['return-days']);
  });

  it('unifies Chinese numerals and digits in both directions', () => {
    expect(matchTurn('15天内可以退货', [RETURN_DAYS], 'zh-CN').hits[0]).toMatchObject({
      kind: 'exact',
      text: '15天内可以退货',
    });
    expect(saysAny('二十四小时内发货', ['24小时'], 'zh-CN')).toMatchObject({
      kind: 'exact',
      text: '二十四小时',
    });
    expect(saysAny('工号幺三八', ['工号138'], 'zh-CN')).toMatchObject({ kind: 'exact' });
  });

  it('ignores spaces and case in English', () => {
    expect(saysAny('THANK  YOU for calling', ['thank you for calling'], 'en-US')).toMatchObject({
      kind: 'exact',
    });
  });

  it('needs whole English words for an exact hit', () => {
    expect(saysAny('this is fine', ['hi'], 'en-US')).toBeNull();
  });
});

describe('negation', () => {
  it('a negation right before the phrase cancels it (我不会道歉)', () => {
    expect(matchTurn('我不会道歉的', [APOLOGY], 'zh-CN').satisfied).toEqual([]);
    expect(matchTurn('我没有向您道歉吗', [APOLOGY], 'zh-CN').satisfied).toEqual([]);
  });

  it('a negation in another clause does not cancel it', () => {
    expect(matchTurn('不是您的问题，我向您道歉', [APOLOGY], 'zh-CN').satisfied).toEqual(['apology']);
  });

  it('a word that merely ends in 别 is not a negation (特别抱歉)', () => {
    expect(matchTurn('特别抱歉', [APOLOGY], 'zh-CN').satisfied).toEqual(['apology']);
  });

  it('a negation inside the phrase is part of it (不好意思)', () => {
    expect(matchTurn('真不好意思，让您久等了', [SORRY], 'zh-CN').hits[0]).toMatchObject({
      kind: 'exact',
      text: '不好意思',
    });
  });

  it("cancels English hits: I won't apologize / I'm not going to apologize", () => {
    expect(saysAny("I won't apologize", ['apologize'], 'en-US')).toBeNull();
    expect(saysAny("I'm not going to apologize for that", ['apologize'], 'en-US')).toBeNull();
    expect(saysAny('I apologize for that', ['apologize'], 'en-US')).toMatchObject({ kind: 'exact' });
  });

  it("keeps a negation that is part of an English phrase (don't worry)", () => {
    expect(saysAny("Please don't worry, we'll fix it", ["don't worry"], 'en-US')).toMatchObject({
      kind: 'exact',
      text: "don't worry",
    });
  });
});

describe('rules', () => {
  it('`all` needs every group in the same agent turn', () => {
    expect(matchTurn('您好，很高兴为您服务', [GREETING], 'zh-CN').satisfied).toEqual(['greeting']);
    expect(matchTurn('您好', [GREETING], 'zh-CN').satisfied).toEqual([]);
    expect(matchTurn('很高兴为您服务', [GREETING], 'zh-CN').satisfied).toEqual([]);
  });

  it('`pattern` is a regular expression over normalized text', () => {
    const orderNumber = step('order', { pattern: '订单号?\\d{8}' });
    expect(matchTurn('您的订单号：2026-1108，对吗', [orderNumber], 'zh-CN').hits[0]).toMatchObject({
      kind: 'exact',
      text: '订单号：2026-1108',
    });
    expect(matchTurn('您的订单', [orderNumber], 'zh-CN').satisfied).toEqual([]);
  });

  it('fills {variables} in phrases before matching', () => {
    const company = step('company', { any: ['{company.name}'] });
    const vars = { company: { name: '现代生活网上超市' } };
    expect(matchTurn('您好，现代生活网上超市', [company], 'zh-CN', { vars }).satisfied).toEqual(['company']);
    expect(matchTurn('您好，现代生活网上超市', [company], 'zh-CN').satisfied).toEqual([]);
  });

  it('returns satisfied steps in script order', () => {
    const text = '不好意思，您好，有什么可以帮您？再见';
    expect(matchTurn(text, [GOODBYE, GREETING, SORRY, APOLOGY], 'zh-CN').satisfied).toEqual([
      'goodbye',
      'greeting',
      'sorry',
    ]);
  });
});

describe('en-US stemming', () => {
  it('matches inflected forms as fuzzy hits', () => {
    const hit = saysAny('Again, I apologized for the delays.', ['apologize for the delay'], 'en-US');
    expect(hit).toMatchObject({ kind: 'fuzzy', text: 'apologized for the delays' });
  });

  it('matches -ise spelling and plural stems', () => {
    expect(saysAny('we apologise', ['we apologize'], 'en-US')).toMatchObject({ kind: 'fuzzy' });
    expect(saysAny('I processed your refunds today', ['process your refund'], 'en-US')).toMatchObject({
      kind: 'fuzzy',
      text: 'processed your refunds',
    });
  });

  it('does not match different words', () => {
    expect(saysAny('I am so sorry', ['apologize'], 'en-US')).toBeNull();
  });
});
