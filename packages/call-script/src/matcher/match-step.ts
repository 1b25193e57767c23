// The per-utterance step matcher used by the live checklist, the dialogue walker and the
// scorer: `any`, `all` (every group in the same agent turn) and `pattern` rules.
// Guarantees: exact hits beat fuzzy ones; `{variables}` in phrases are filled first.
import type { Locale, MatchRule } from '../format/types.js';
import { type RenderVars, renderText } from '../resolve/render-text.js';
import type { ScriptStep } from '../resolve/resolve-scenario.js';
import { findPhrase, type PhraseHit } from './find-phrase.js';
import { type NormalizedText, normalizeText, sourceSlice } from './normalize.js';

/** How a step was recognized in one utterance. */
export interface StepHit {
  readonly stepId: string;
  /** 'fuzzy' when any phrase needed fuzzy matching. */
  readonly kind: 'exact' | 'fuzzy';
  /** The lowest similarity among the phrases used (1 for exact or pattern hits). */
  readonly similarity: number;
  /** The script phrases (or the pattern) that matched. */
  readonly phrases: readonly string[];
  /** The matched words from the utterance, joined by ' … ' for `all` rules. */
  readonly text: string;
}

/** Result of {@link matchTurn}. */
export interface TurnMatch {
  /** Ids of the steps satisfied by this turn, in script order. */
  readonly satisfied: readonly string[];
  readonly hits: readonly StepHit[];
}

export interface MatchOptions {
  /** Values for `{variables}` inside phrases (e.g. `{company.name}`). */
  readonly vars?: RenderVars;
}

type StepLike = Pick<ScriptStep, 'id' | 'match'>;

/** Which of `steps` one agent utterance satisfies. */
export function matchTurn(
  text: string,
  steps: readonly StepLike[],
  locale: Locale,
  options: MatchOptions = {},
): TurnMatch {
  const utterance = normalizeText(text, locale);
  const hits: StepHit[] = [];
  for (const step of steps) {
    const found = matchStepIn(utterance, step, locale, options);
    if (found !== null) hits.push(found);
  }
  return { satisfied: hits.map((h) => h.stepId), hits };
}

/** The first phrase of `phrases` heard in `text` (exact hits first), or null. */
export function saysAny(
  text: string | NormalizedText,
  phrases: readonly string[],
  locale: Locale,
  options: MatchOptions = {},
): PhraseHit | null {
  const utterance = typeof text === 'string' ? normalizeText(text, locale) : text;
  return bestOf(
    utterance,
    phrases.map((p) => fill(p, options)),
    locale,
  );
}

/** Matches one step against an already-normalized utterance. */
export function matchStepIn(
  utterance: NormalizedText,
  step: StepLike,
  locale: Locale,
  options: MatchOptions = {},
): StepHit | null {
  const rule = step.match;
  if (rule === null) return null;
  return matchRule(utterance, rule, step.id, locale, options);
}

function matchRule(
  utterance: NormalizedText,
  rule: MatchRule,
  stepId: string,
  locale: Locale,
  options: MatchOptions,
): StepHit | null {
  if (rule.pattern !== undefined) {
    const regex = compilePattern(rule.pattern);
    const m = regex?.exec(utterance.text);
    if (m === null || m === undefined || m[0] === '') return null;
    const text = sourceSlice(utterance, m.index, m.index + m[0].length);
    return { stepId, kind: 'exact', similarity: 1, phrases: [rule.pattern], text };
  }
  const groups = rule.all ?? (rule.any === undefined ? [] : [rule.any]);
  if (groups.length === 0) return null;
  const found: PhraseHit[] = [];
  for (const group of groups) {
    const best = bestOf(
      utterance,
      group.map((p) => fill(p, options)),
      locale,
    );
    if (best === null) return null;
    found.push(best);
  }
  const fuzzy = found.some((h) => h.kind === 'fuzzy');
  return {
    stepId,
    kind: fuzzy ? 'fuzzy' : 'exact',
    similarity: Math.min(...found.map((h) => h.similarity)),
    phrases: found.map((h) => h.phrase),
    text: found.map((h) => h.text).join(' … '),
  };
}

/** The first exact hit among phrases, else the most similar fuzzy one. */
function bestOf(utterance: NormalizedText, phrases: readonly string[], locale: Locale): PhraseHit | null {
  let best: PhraseHit | null = null;
  for (const phrase of phrases) {
    const found = findPhrase(utterance, phrase, locale);
    if (found === null) continue;
    if (found.kind === 'exact') return found;
    if (best === null || found.similarity > best.similarity) best = found;
  }
  return best;
}

function fill(phrase: string, options: MatchOptions): string {
  return options.vars === undefined || !phrase.includes('{') ? phrase : renderText(phrase, options.vars).text;
}

const patternCache = new Map<string, RegExp | null>();

/**
 * Compiles a `pattern` for use over normalized text (case-insensitive, Unicode);
 * null when it is not a valid regular expression.
 */
export function compilePattern(pattern: string): RegExp | null {
  const cached = patternCache.get(pattern);
  if (cached !== undefined) return cached;
  let regex: RegExp | null;
  try {
    regex = new RegExp(pattern, 'iu');
  } catch {
    regex = null;
  }
  if (patternCache.size > 2000) patternCache.clear();
  patternCache.set(pattern, regex);
  return regex;
}
