// What speech rate counts: 字 for zh-CN (Han characters, digits read out, acronyms by letter),
// words for en-US; punctuation and spaces never count.
import { describe, expect, it } from 'vitest';
import { countChineseChars, countEnglishWords, countSpeechUnits } from './speech-units.js';

describe('countChineseChars', () => {
  it('counts Han characters and ignores punctuation and spaces', () => {
    expect(countChineseChars('您好，很高兴为您服务！')).toBe(9);
    expect(countChineseChars('  ……  ')).toBe(0);
  });

  it('counts each digit (numbers are read out) and full-width digits alike', () => {
    expect(countChineseChars('工号1024')).toBe(6);
    expect(countChineseChars('工号１０２４')).toBe(6);
  });

  it('counts acronyms by letter and other Latin words by syllable', () => {
    expect(countChineseChars('VIP会员')).toBe(5);
    expect(countChineseChars('好的ok')).toBe(3);
    expect(countChineseChars('微信service')).toBe(4);
  });
});

describe('countEnglishWords', () => {
  it('counts words, contractions and numbers once each', () => {
    expect(countEnglishWords("Hi, this is Anna — I'm glad to help!")).toBe(8);
    expect(countEnglishWords('It costs $9.99, order 1,200 units.')).toBe(6);
  });

  it('dispatches on locale', () => {
    expect(countSpeechUnits('thank you', 'en-US')).toBe(2);
    expect(countSpeechUnits('谢谢您', 'zh-CN')).toBe(3);
  });
});
