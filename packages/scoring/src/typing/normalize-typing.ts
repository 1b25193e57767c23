// What listen-and-type compares: text folded to the characters a typist is judged on.
// Guarantees: full-width and half-width forms fold alike (NFKC), letters compare without case,
// punctuation and symbols never count; zh-CN drops every space, en-US keeps one between words.
import type { Locale } from '@callsim/call-script';

/** How to fold a text before alignment. */
export interface TypingNormalizeOptions {
  readonly locale: Locale;
  /**
   * Drop every space whatever the locale (numbers and codes: an order number or a phone
   * typed as "138 1234 5678" or "138-1234-5678" is the same). Default false.
   */
  readonly compact?: boolean;
}

const APOSTROPHE = /['’‘`]/gu;
const PUNCTUATION_OR_SYMBOL = /[\p{P}\p{S}]/gu;
const SPACE = /\s+/gu;

/**
 * The characters of `text` as compared: NFKC (full/half width), lower case, punctuation and
 * symbols dropped, spaces dropped (zh-CN, compact) or collapsed to one (en-US). One array
 * entry per Unicode code point.
 */
export function normalizeTypingText(text: string, options: TypingNormalizeOptions): string[] {
  // Apostrophes vanish (it's = its); other punctuation becomes a space so "hi,there" and
  // "hi, there" fold alike in English.
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(APOSTROPHE, '')
    .replace(PUNCTUATION_OR_SYMBOL, ' ');
  const dropSpaces = options.compact === true || options.locale === 'zh-CN';
  const spaced = dropSpaces ? folded.replace(SPACE, '') : folded.replace(SPACE, ' ').trim();
  return Array.from(spaced);
}
