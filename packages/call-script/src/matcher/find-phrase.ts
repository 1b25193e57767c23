// Finds one phrase in one utterance, exactly or fuzzily (zh-CN: toneless pinyin with
// near-homophones; en-US: stemmed words). Guarantees: an exact hit is preferred; a fuzzy
// hit needs similarity ≥ FUZZY_THRESHOLD over the phrase length; negated hits are skipped.
import type { Locale } from '../format/types.js';
import { isNegatedAt, isNegationToken } from './negation.js';
import { type NormalizedText, normalizeText, sourceSlice, type Token } from './normalize.js';
import { NEAR_HOMOPHONE_COST, syllableCost } from './pinyin-keys.js';

/** Lowest similarity (1 − edit cost / phrase tokens) accepted as a fuzzy hit. */
export const FUZZY_THRESHOLD = 0.8;

/** Where and how a phrase was found. Offsets are UTF-16 indices into the original text. */
export interface PhraseHit {
  readonly phrase: string;
  readonly kind: 'exact' | 'fuzzy';
  /** 1 for exact hits; in [FUZZY_THRESHOLD, 1] for fuzzy ones. */
  readonly similarity: number;
  readonly start: number;
  readonly end: number;
  /** The matched words as they appear in the original text. */
  readonly text: string;
}

const PHRASE_CACHE_LIMIT = 5000;
const phraseCache = new Map<string, NormalizedText>();

/** Normalizes a script phrase, memoized (phrases repeat across turns and calls). */
export function normalizePhrase(phrase: string, locale: Locale): NormalizedText {
  const key = `${locale}\u0000${phrase}`;
  const cached = phraseCache.get(key);
  if (cached !== undefined) return cached;
  if (phraseCache.size >= PHRASE_CACHE_LIMIT) phraseCache.clear();
  const normalized = normalizeText(phrase, locale);
  phraseCache.set(key, normalized);
  return normalized;
}

/** Finds `phrase` in already-normalized `utterance`; null when absent or only negated. */
export function findPhrase(utterance: NormalizedText, phrase: string, locale: Locale): PhraseHit | null {
  const p = normalizePhrase(phrase, locale);
  if (p.text === '') return null;
  return findExact(utterance, p, phrase, locale) ?? findFuzzy(utterance, p, phrase, locale);
}

function findExact(u: NormalizedText, p: NormalizedText, phrase: string, locale: Locale): PhraseHit | null {
  const starts = new Set(u.tokens.map((t) => t.start));
  const ends = new Set(u.tokens.map((t) => t.end));
  for (let at = u.text.indexOf(p.text); at >= 0; at = u.text.indexOf(p.text, at + 1)) {
    const end = at + p.text.length;
    // English words must match whole; Chinese has no word boundaries to respect.
    if (locale === 'en-US' && !(starts.has(at) && ends.has(end))) continue;
    if (isNegatedAt(u, at, locale)) continue;
    return hit(u, phrase, 'exact', 1, at, end);
  }
  return null;
}

/**
 * Semi-global alignment of the phrase tokens against any stretch of the utterance
 * tokens: substitution costs come from the keys, a missing or extra token inside the
 * phrase costs 1. The first and last phrase tokens must be heard (same key or a
 * near-homophone), never dropped or replaced, so 请问有什么可以帮您 is not a fuzzy
 * 还有什么可以帮您; and a negation token is never added, dropped or swapped.
 */
function findFuzzy(u: NormalizedText, p: NormalizedText, phrase: string, locale: Locale): PhraseHit | null {
  const pt = p.tokens;
  const ut = u.tokens;
  const rows = pt.length;
  const cols = ut.length;
  if (rows === 0 || cols === 0) return null;
  const maxCost = rows * (1 - FUZZY_THRESHOLD);
  // Cheap exit before the O(rows × cols) alignment: the phrase's first and last tokens must
  // each be heard somewhere (same key or near-homophone). Most phrases of a script are absent
  // from most utterances, and this runs on every turn of every live call.
  const firstTok = pt[0] as Token;
  const lastTok = pt[rows - 1] as Token;
  if (!ut.some((t) => substitution(firstTok, t) < 1) || !ut.some((t) => substitution(lastTok, t) < 1))
    return null;
  const phraseNegation = pt.map((t) => isNegationToken(t.surface, locale));
  const textNegation = ut.map((t) => isNegationToken(t.surface, locale));
  const gapText = (j: number) => (textNegation[j] ? Number.POSITIVE_INFINITY : 1);
  const sub = (i: number, j: number) =>
    phraseNegation[i] !== textNegation[j]
      ? Number.POSITIVE_INFINITY
      : substitution(pt[i] as Token, ut[j] as Token);
  // cost[j], origin[j] of row i: best alignment of pt[0..i) whose last aligned text token is ut[j-1].
  let prevCost: number[] = new Array<number>(cols + 1).fill(0);
  let prevOrigin: number[] = Array.from({ length: cols + 1 }, (_, j) => j);
  for (let i = 1; i <= rows; i++) {
    const first = i === 1;
    const last = i === rows;
    const cost: number[] = [Number.POSITIVE_INFINITY];
    const origin: number[] = [0];
    for (let j = 1; j <= cols; j++) {
      const cost1 = sub(i - 1, j - 1);
      // The phrase's first and last tokens must be heard (same or near-homophone), not replaced.
      const anchor = (first || last) && cost1 >= 1 ? Number.POSITIVE_INFINITY : cost1;
      const diag = (prevCost[j - 1] ?? Number.POSITIVE_INFINITY) + anchor;
      // Dropping the first or last phrase token, or padding after the last, would just match a shorter phrase.
      const up =
        first || last
          ? Number.POSITIVE_INFINITY
          : (prevCost[j] ?? Number.POSITIVE_INFINITY) +
            (phraseNegation[i - 1] ? Number.POSITIVE_INFINITY : 1);
      const left = last
        ? Number.POSITIVE_INFINITY
        : (cost[j - 1] ?? Number.POSITIVE_INFINITY) + gapText(j - 1);
      if (diag <= up && diag <= left) {
        cost.push(diag);
        origin.push(prevOrigin[j - 1] ?? 0);
      } else if (up <= left) {
        cost.push(up);
        origin.push(prevOrigin[j] ?? 0);
      } else {
        cost.push(left);
        origin.push(origin[j - 1] ?? 0);
      }
    }
    prevCost = cost;
    prevOrigin = origin;
  }
  const candidates: { end: number; cost: number; start: number }[] = [];
  for (let j = 1; j <= cols; j++) {
    const c = prevCost[j] ?? Number.POSITIVE_INFINITY;
    const s = prevOrigin[j] ?? 0;
    if (c <= maxCost + 1e-9 && s < j) candidates.push({ end: j, cost: c, start: s });
  }
  candidates.sort((a, b) => a.cost - b.cost || a.end - b.end);
  for (const c of candidates) {
    const startTok = ut[c.start] as Token;
    const endTok = ut[c.end - 1] as Token;
    if (isNegatedAt(u, startTok.start, locale)) continue;
    const similarity = Math.round((1 - c.cost / rows) * 1000) / 1000;
    return hit(u, phrase, 'fuzzy', similarity, startTok.start, endTok.end);
  }
  return null;
}

function substitution(a: Token, b: Token): number {
  if (a.key === b.key) return 0;
  if (a.kind === 'syllable' && b.kind === 'syllable') return syllableCost(a.key, b.key);
  if (a.kind === 'word' && b.kind === 'word' && a.key.length >= 4 && b.key.length >= 4) {
    return editDistanceAtMostOne(a.key, b.key) ? NEAR_HOMOPHONE_COST : 1;
  }
  return 1;
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function hit(
  u: NormalizedText,
  phrase: string,
  kind: PhraseHit['kind'],
  similarity: number,
  start: number,
  end: number,
): PhraseHit {
  const from = u.sourceStart[start] ?? 0;
  const to = u.sourceEnd[end - 1] ?? u.original.length;
  return { phrase, kind, similarity, start: from, end: to, text: sourceSlice(u, start, end) };
}
