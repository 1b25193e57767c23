// A deliberately small English stemmer for fuzzy phrase matching: apologize, apologized,
// apologizing, apologizes (and -ise spellings) share one stem. Guarantees: deterministic
// and never returns an empty string for a non-empty word.

const SIBILANT_ES = /(?:s|x|z|ch|sh)es$/;

/** Stem of one lower-case word (letters and digits only). */
export function stemWord(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.length > 5) w = w.replace(/is(e|es|ed|ing)$/, 'iz$1');
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  else if (SIBILANT_ES.test(w) && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  const last = w.at(-1);
  if (w.length > 3 && last !== undefined && last === w.at(-2) && !'lsz'.includes(last)) return w.slice(0, -1);
  return w;
}
