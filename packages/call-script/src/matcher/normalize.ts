// Text normalization shared by every match: full-width → half-width (NFKC), case folded,
// punctuation and spaces removed, Chinese numerals turned into digits. Guarantees: each
// normalized character maps back to a span of the original text (for evidence), and
// phrase and transcript go through exactly the same steps.
import type { Locale } from '../format/types.js';
import { chineseNumeralToDigits, isChineseNumeral } from './chinese-numerals.js';
import { digitKey, pinyinOf } from './pinyin-keys.js';
import { stemWord } from './stem.js';

/** A comparable unit: one Han character or digit (zh-CN), or one word. */
export interface Token {
  /** [start, end) in the normalized text. */
  readonly start: number;
  readonly end: number;
  readonly surface: string;
  /** Comparison key: toneless pinyin (zh-CN) or stem (en-US) or the surface. */
  readonly key: string;
  readonly kind: 'syllable' | 'word';
  readonly clause: number;
}

/** Normalized text with a map back to the original. */
export interface NormalizedText {
  readonly original: string;
  /** Half-width, lower case, no punctuation or spaces, Chinese numerals as digits. */
  readonly text: string;
  /** For each UTF-16 unit of `text`: [start, end) of its source in `original`. */
  readonly sourceStart: readonly number[];
  readonly sourceEnd: readonly number[];
  /** For each UTF-16 unit of `text`: its clause number (clauses split at , . ! ? ; : etc.). */
  readonly clause: readonly number[];
  readonly tokens: readonly Token[];
}

interface Char {
  text: string;
  start: number;
  end: number;
  clause: number;
  /** A space or punctuation came just before: ends an English word. */
  breakBefore: boolean;
}

const CLAUSE_BREAK = /[,.!?;:，。！？；：、…\n]/u;
const APOSTROPHE = /['’‘`]/u;
const DROPPED = /[\p{P}\p{S}\p{Z}\p{C}\s]/u;
const HAN = /\p{Script=Han}/u;
const DIGIT = /[0-9]/;

/** Normalizes `original` for matching in `locale`. Pure and total. */
export function normalizeText(original: string, locale: Locale): NormalizedText {
  const chars = foldNumerals(readChars(original));
  const text = chars.map((c) => c.text).join('');
  const sourceStart: number[] = [];
  const sourceEnd: number[] = [];
  const clause: number[] = [];
  for (const c of chars) {
    for (let i = 0; i < c.text.length; i++) {
      sourceStart.push(c.start);
      sourceEnd.push(c.end);
      clause.push(c.clause);
    }
  }
  return { original, text, sourceStart, sourceEnd, clause, tokens: tokenize(chars, locale) };
}

/** The original text behind normalized range [start, end). */
export function sourceSlice(normalized: NormalizedText, start: number, end: number): string {
  if (end <= start) return '';
  const from = normalized.sourceStart[start] ?? 0;
  const to = normalized.sourceEnd[end - 1] ?? normalized.original.length;
  return normalized.original.slice(from, to);
}

function readChars(original: string): Char[] {
  const out: Char[] = [];
  let clause = 0;
  let breakBefore = false;
  let offset = 0;
  for (const codePoint of original) {
    const start = offset;
    offset += codePoint.length;
    for (const c of [...codePoint.normalize('NFKC').toLowerCase()]) {
      if (APOSTROPHE.test(c)) continue; // don't → dont: keeps the word whole
      if (CLAUSE_BREAK.test(c)) {
        clause++;
        breakBefore = true;
        continue;
      }
      if (DROPPED.test(c)) {
        breakBefore = true;
        continue;
      }
      out.push({ text: c, start, end: offset, clause, breakBefore });
      breakBefore = false;
    }
  }
  return out;
}

function foldNumerals(chars: Char[]): Char[] {
  const out: Char[] = [];
  let i = 0;
  while (i < chars.length) {
    const first = chars[i];
    if (first === undefined) break;
    if (!isChineseNumeral(first.text)) {
      out.push(first);
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && isChineseNumeral(chars[j]?.text ?? '') && chars[j]?.clause === first.clause)
      j++;
    const last = chars[j - 1] ?? first;
    const digits = chineseNumeralToDigits(
      chars
        .slice(i, j)
        .map((c) => c.text)
        .join(''),
    );
    [...digits].forEach((d, k) => {
      out.push({
        text: d,
        start: first.start,
        end: last.end,
        clause: first.clause,
        breakBefore: k === 0 && first.breakBefore,
      });
    });
    i = j;
  }
  return out;
}

function tokenize(chars: readonly Char[], locale: Locale): Token[] {
  const tokens: Omit<Token, 'key'>[] = [];
  let offset = 0;
  let word: { start: number; surface: string; clause: number } | null = null;
  const flush = () => {
    if (word !== null) tokens.push({ ...word, end: word.start + word.surface.length, kind: 'word' });
    word = null;
  };
  for (const c of chars) {
    const single = HAN.test(c.text) || (locale === 'zh-CN' && DIGIT.test(c.text));
    if (single) {
      flush();
      tokens.push({
        start: offset,
        end: offset + c.text.length,
        surface: c.text,
        kind: 'syllable',
        clause: c.clause,
      });
    } else {
      if (word !== null && (c.breakBefore || c.clause !== word.clause)) flush();
      if (word === null) word = { start: offset, surface: '', clause: c.clause };
      word.surface += c.text;
    }
    offset += c.text.length;
  }
  flush();
  const han = tokens.filter((t) => HAN.test(t.surface)).map((t) => t.surface);
  const readings = locale === 'zh-CN' ? pinyinOf(han) : han;
  let h = 0;
  return tokens.map((t) => {
    if (HAN.test(t.surface)) return { ...t, key: readings[h++] ?? t.surface };
    if (t.kind === 'syllable') return { ...t, key: digitKey(t.surface) };
    return { ...t, key: locale === 'en-US' ? stemWord(t.surface) : t.surface };
  });
}
