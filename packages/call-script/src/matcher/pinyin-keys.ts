// Toneless pinyin keys for Han characters and a substitution cost between keys, the
// basis of zh-CN fuzzy matching. Recognition homophones (在/再) cost 0; near-homophones
// that ASR confuses (您/你: nin/ni, zh/z, in/ing, l/n …) cost NEAR_HOMOPHONE_COST.
import { pinyin } from 'pinyin-pro';

/** Cost of substituting one syllable by a near-homophone (a full mismatch costs 1). */
export const NEAR_HOMOPHONE_COST = 0.3;

const DIGIT_READING = ['ling', 'yi', 'er', 'san', 'si', 'wu', 'liu', 'qi', 'ba', 'jiu'];
const INITIALS = [
  'zh',
  'ch',
  'sh',
  'b',
  'p',
  'm',
  'f',
  'd',
  't',
  'n',
  'l',
  'g',
  'k',
  'h',
  'j',
  'q',
  'x',
  'r',
  'z',
  'c',
  's',
  'y',
  'w',
];
const CONFUSABLE_INITIALS = new Set(['zh|z', 'ch|c', 'sh|s', 'l|n', 'f|h', 'r|l']);
const CONFUSABLE_FINALS = new Set(['in|ing', 'en|eng', 'an|ang', 'i|in', 'ian|iang', 'uan|uang', 'un|ong']);

/** Toneless pinyin of each character of `hanChars` (read in context, so 银行 → yin hang). */
export function pinyinOf(hanChars: readonly string[]): string[] {
  if (hanChars.length === 0) return [];
  const joined = hanChars.join('');
  const syllables = pinyin(joined, { toneType: 'none', type: 'array', v: true });
  if (syllables.length === hanChars.length) return syllables.map((s) => s.toLowerCase());
  // Rare characters can desynchronize the array; fall back to one call per character.
  return hanChars.map((c) => (pinyin(c, { toneType: 'none', type: 'array', v: true })[0] ?? c).toLowerCase());
}

/** Spoken reading of an ASCII digit, so 1 and 一 and 以 share the key `yi`. */
export function digitKey(digit: string): string {
  return DIGIT_READING[Number(digit)] ?? digit;
}

/** Memo of syllableCost: Mandarin has ~400 toneless syllables, so at most ~160 000 pairs. */
const costMemo = new Map<string, Map<string, number>>();

/** Substitution cost between two syllable keys: 0 same, NEAR_HOMOPHONE_COST close, 1 different. */
export function syllableCost(a: string, b: string): number {
  if (a === b) return 0;
  // Called for every cell of every fuzzy alignment (live, on each turn): look it up, don't re-split.
  let row = costMemo.get(a);
  if (!row) {
    row = new Map();
    costMemo.set(a, row);
  }
  let cost = row.get(b);
  if (cost === undefined) {
    cost = computeSyllableCost(a, b);
    row.set(b, cost);
  }
  return cost;
}

function computeSyllableCost(a: string, b: string): number {
  const [ia, fa] = split(a);
  const [ib, fb] = split(b);
  if (ia === ib && pairIn(CONFUSABLE_FINALS, fa, fb)) return NEAR_HOMOPHONE_COST;
  if (fa === fb && pairIn(CONFUSABLE_INITIALS, ia, ib)) return NEAR_HOMOPHONE_COST;
  return 1;
}

function split(syllable: string): [string, string] {
  const initial = INITIALS.find((i) => syllable.startsWith(i) && syllable.length > i.length) ?? '';
  return [initial, syllable.slice(initial.length)];
}

function pairIn(set: ReadonlySet<string>, a: string, b: string): boolean {
  return set.has(`${a}|${b}`) || set.has(`${b}|${a}`);
}
