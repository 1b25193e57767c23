// Chinese numerals → ASCII digits, so 十五天 and 15天, 一二三 and 123 compare equal.
// Guarantees: deterministic and total (any run of numeral characters gives digits),
// so a phrase and a transcript normalized the same way always agree.

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  幺: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };

/** True for characters that take part in Chinese numbers (digits and units). */
export function isChineseNumeral(char: string): boolean {
  return char in DIGITS || char in SMALL_UNITS || char in BIG_UNITS;
}

/**
 * Converts one run of numeral characters: with units it is read as a value
 * (一百零五 → 105, 二十四 → 24), without units digit by digit (幺三八 → 138).
 */
export function chineseNumeralToDigits(run: string): string {
  const chars = [...run];
  if (!chars.some((c) => c in SMALL_UNITS || c in BIG_UNITS)) {
    return chars.map((c) => String(DIGITS[c] ?? '')).join('');
  }
  let total = 0;
  let section = 0;
  let digit = 0;
  let hasDigit = false;
  for (const c of chars) {
    const d = DIGITS[c];
    const small = SMALL_UNITS[c];
    const big = BIG_UNITS[c];
    if (d !== undefined) {
      digit = d;
      hasDigit = true;
    } else if (small !== undefined) {
      section += (hasDigit ? digit : 1) * small;
      digit = 0;
      hasDigit = false;
    } else if (big !== undefined) {
      const part = section + digit;
      total = big === BIG_UNITS.亿 ? (total + (part || 1)) * big : total + (part || 1) * big;
      section = 0;
      digit = 0;
      hasDigit = false;
    }
  }
  const value = total + section + digit;
  return Number.isSafeInteger(value) ? String(value) : chars.map((c) => String(DIGITS[c] ?? '')).join('');
}
