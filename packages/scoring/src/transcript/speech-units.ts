// Counts what speech rate is measured in: 字 (spoken syllables) for zh-CN, words for en-US.
// Guarantees: punctuation and spaces count 0; full-width forms count like half-width ones;
// the count is a whole number ≥ 0 for any string.

import type { Locale } from '@callsim/call-script';

const HAN = /\p{Script=Han}/u;
const DIGIT = /\p{Nd}/u;
const LATIN_WORD = /[\p{Script=Latin}]+(?:['’][\p{Script=Latin}]+)*/gu;
const VOWEL_GROUP = /[aeiouy]+/g;
const EN_WORD = /[\p{L}\p{Nd}]+(?:['’.,][\p{L}\p{Nd}]+)*/gu;

/**
 * 字 spoken in a zh-CN text: one per Han character and per digit (numbers are read out),
 * one per letter of a short upper-case acronym (VIP = 3), else one per vowel group of a
 * Latin word (roughly its syllables).
 */
export function countChineseChars(text: string): number {
  const folded = text.normalize('NFKC');
  let count = 0;
  for (const ch of folded) if (HAN.test(ch) || DIGIT.test(ch)) count++;
  for (const word of folded.match(LATIN_WORD) ?? []) {
    if (word.length <= 5 && word === word.toUpperCase()) count += word.length;
    else count += latinSyllables(word);
  }
  return count;
}

/** Rough syllables of a Latin word: vowel groups, minus a silent final e (service = 2). */
function latinSyllables(word: string): number {
  const lower = word.toLowerCase();
  const groups = lower.match(VOWEL_GROUP)?.length ?? 0;
  const silentE = groups > 1 && lower.endsWith('e') && !lower.endsWith('le') && !/[aeiouy]e$/.test(lower);
  return Math.max(1, groups - (silentE ? 1 : 0));
}

/** Words in an en-US text: runs of letters or digits (don't, 9.99, 1,200 are one word each). */
export function countEnglishWords(text: string): number {
  const folded = text.normalize('NFKC');
  let count = 0;
  for (const word of folded.match(EN_WORD) ?? []) {
    // A Han run inside English text: count its characters.
    const han = [...word].filter((ch) => HAN.test(ch)).length;
    count += han > 0 ? han : 1;
  }
  return count;
}

/** Units of speech rate for `locale`: 字 for zh-CN, words for en-US. */
export function countSpeechUnits(text: string, locale: Locale): number {
  return locale === 'zh-CN' ? countChineseChars(text) : countEnglishWords(text);
}
