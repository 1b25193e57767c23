// Search terms for transcripts in Chinese and English without a word segmenter: text is
// NFKC-normalized (full-width → half-width) and lower-cased; runs of CJK characters become
// overlapping bigrams, other letters and digits become words. Documents and queries go
// through the same function, so a query run matches wherever its bigrams stand in a row.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}]/u;

/** NFKC + lower case: the form both stored text and queries are compared in. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

interface Run {
  cjk: boolean;
  chars: string[];
}

function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  for (const ch of normalizeSearchText(text)) {
    const cjk = CJK.test(ch);
    if (!cjk && !WORD.test(ch)) {
      current = null;
      continue;
    }
    if (!current || current.cjk !== cjk) {
      current = { cjk, chars: [] };
      runs.push(current);
    }
    current.chars.push(ch);
  }
  return runs;
}

function termsOfRun(run: Run): string[] {
  if (!run.cjk || run.chars.length === 1) return [run.chars.join('')];
  const grams: string[] = [];
  for (let i = 0; i + 1 < run.chars.length; i++) grams.push(`${run.chars[i]}${run.chars[i + 1]}`);
  return grams;
}

/** The indexed form of a document: its terms separated by single spaces. */
export function searchGrams(text: string): string {
  return runsOf(text).flatMap(termsOfRun).join(' ');
}

/** One phrase of a query: terms that must stand in a row; `prefix` lets the last one be a prefix. */
export interface SearchPhrase {
  terms: string[];
  prefix: boolean;
}

export type SearchPlan =
  /** Every phrase must match (AND). */
  | { kind: 'phrases'; phrases: SearchPhrase[] }
  /** A lone CJK character cannot use the bigram index: substring match on the normalized text. */
  | { kind: 'substring'; needle: string }
  | { kind: 'none' };

/** How to search for a user's query. */
export function planSearch(query: string): SearchPlan {
  const runs = runsOf(query);
  if (runs.length === 0) return { kind: 'none' };
  if (runs.some((r) => r.cjk && r.chars.length === 1)) {
    return { kind: 'substring', needle: normalizeSearchText(query.trim()) };
  }
  return { kind: 'phrases', phrases: runs.map((run) => ({ terms: termsOfRun(run), prefix: !run.cjk })) };
}

/** The FTS5 MATCH expression of a plan's phrases: `"t1 t2" AND "word" *`. */
export function fts5Query(phrases: readonly SearchPhrase[]): string {
  return phrases.map((p) => `"${p.terms.join(' ')}"${p.prefix ? ' *' : ''}`).join(' AND ');
}

/** The PostgreSQL to_tsquery('simple', …) text of a plan's phrases: `'t1' <-> 't2' & 'word':*`. */
export function tsQuery(phrases: readonly SearchPhrase[]): string {
  return phrases
    .map((p) => {
      const terms = p.terms.map((t, i) => `'${t}'${p.prefix && i === p.terms.length - 1 ? ':*' : ''}`);
      return terms.length > 1 ? `(${terms.join(' <-> ')})` : terms[0];
    })
    .join(' & ');
}

/**
 * A snippet for a search hit: the first line containing every run of the query, else the
 * first line containing any of them; null when no line does.
 */
export function findSnippet(lines: readonly string[], query: string, maxChars = 80): string | null {
  const runs = runsOf(query).map((r) => r.chars.join(''));
  if (runs.length === 0) return null;
  const normalized = lines.map(normalizeSearchText);
  const pick = (test: (line: string) => boolean): string | null => {
    const index = normalized.findIndex(test);
    if (index < 0) return null;
    const line = lines[index] as string;
    const at = Math.max(
      0,
      ...runs
        .map((r) => (normalized[index] as string).indexOf(r))
        .filter((i) => i >= 0)
        .slice(0, 1),
    );
    const start = Math.max(0, at - Math.floor(maxChars / 3));
    const end = Math.min(line.length, start + maxChars);
    return `${start > 0 ? '…' : ''}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
  };
  return pick((l) => runs.every((r) => l.includes(r))) ?? pick((l) => runs.some((r) => l.includes(r)));
}
