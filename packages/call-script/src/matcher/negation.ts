// Decides whether a phrase hit is cancelled by a negation right before it in the same
// clause: 我不会道歉 / I won't apologize do not count as an apology. A negation inside the
// phrase itself (不好意思, don't worry) is part of the phrase and never cancels it.
import type { Locale } from '../format/types.js';
import type { NormalizedText } from './normalize.js';

const ZH_NEGATORS = ['不', '没', '没有', '别', '未', '无法', '并非', '甭', '勿', '莫'];
/** Words that end in a negator character but do not negate (特别抱歉 is an apology). */
const ZH_NOT_NEGATING = [
  '特别',
  '区别',
  '分别',
  '告别',
  '级别',
  '类别',
  '差别',
  '个别',
  '识别',
  '性别',
  '道别',
  '埋没',
  '淹没',
  '出没',
  '差不',
  '要不',
  '得不',
];
/** Modal and filler words allowed between the negation and the phrase (不会/不想/没有给您…). */
const ZH_FILLERS = [
  '会',
  '能',
  '要',
  '想',
  '再',
  '用',
  '太',
  '必',
  '可以',
  '愿意',
  '肯',
  '该',
  '是',
  '去',
  '给您',
  '给你',
  '向您',
  '向你',
  '跟您',
  '跟你',
  '对您',
  '对你',
  '和您',
  '和你',
];
const EN_NEGATORS = new Set([
  'not',
  'no',
  'never',
  'dont',
  'doesnt',
  'didnt',
  'wont',
  'cant',
  'cannot',
  'couldnt',
  'wouldnt',
  'shouldnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'havent',
  'hasnt',
  'hadnt',
  'aint',
  'nor',
]);
const EN_FILLERS = new Set([
  'to',
  'going',
  'gonna',
  'be',
  'really',
  'ever',
  'even',
  'just',
  'have',
  'actually',
  'always',
  'want',
  'wanna',
  'need',
]);
const MAX_FILLERS = 3;
const ZH_NEGATION_CHARS = new Set(['不', '没', '别', '未', '无', '勿', '莫', '甭']);

/**
 * True for a token that negates (不, 没 … / not, never, don't …). Fuzzy matching never
 * adds, drops or swaps such a token: 这件事归我管 must not match 这件事不归我管.
 */
export function isNegationToken(surface: string, locale: Locale): boolean {
  return locale === 'zh-CN' ? ZH_NEGATION_CHARS.has(surface) : EN_NEGATORS.has(surface);
}

/** True when the hit starting at normalized offset `start` is negated. */
export function isNegatedAt(normalized: NormalizedText, start: number, locale: Locale): boolean {
  const clause = normalized.clause[start];
  if (clause === undefined) return false;
  return locale === 'zh-CN' ? zhNegated(normalized, start, clause) : enNegated(normalized, start, clause);
}

function zhNegated(n: NormalizedText, start: number, clause: number): boolean {
  let from = start;
  while (from > 0 && n.clause[from - 1] === clause) from--;
  let before = n.text.slice(from, start);
  for (let stripped = 0; stripped <= MAX_FILLERS; stripped++) {
    if (endsWithNegator(before)) return true;
    const filler = ZH_FILLERS.find((f) => before.endsWith(f));
    if (filler === undefined) return false;
    before = before.slice(0, -filler.length);
  }
  return false;
}

function endsWithNegator(text: string): boolean {
  if (ZH_NOT_NEGATING.some((w) => text.endsWith(w))) return false;
  return ZH_NEGATORS.some((neg) => text.endsWith(neg));
}

function enNegated(n: NormalizedText, start: number, clause: number): boolean {
  const before = n.tokens.filter((t) => t.end <= start && t.clause === clause).map((t) => t.surface);
  for (let stripped = 0; stripped <= MAX_FILLERS; stripped++) {
    const last = before.pop();
    if (last === undefined) return false;
    if (EN_NEGATORS.has(last)) return true;
    if (!EN_FILLERS.has(last)) return false;
  }
  return false;
}
