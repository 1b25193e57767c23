// Listen-and-type (听打) results: CER = (S + D + I) / N over a Levenshtein alignment of
// normalized characters, accuracy = max(0, 1 − CER), speed in characters per minute and
// net speed = speed × accuracy. Pure: the caller measures the elapsed time.
// Guarantees: accuracy is in [0, 1]; an empty reference gives CER 0 when nothing was typed,
// else CER 1 (everything typed is an insertion); the elapsed time is clamped to ≥ 1 s.
import type { Locale } from '@callsim/call-script';
import { alignChars, type EditCounts, type TypingDiffRun } from './align-chars.js';
import { normalizeTypingText } from './normalize-typing.js';

/** Shortest elapsed time speeds are computed over, ms (a submit within a second is not 6000 字/min). */
export const MIN_TYPING_ELAPSED_MS = 1_000;

/** The numbers of one typed text (or of several key fields together). */
export interface TypingResult extends EditCounts {
  /** N: characters of the normalized reference. */
  readonly referenceChars: number;
  /** Characters of the normalized typed text. */
  readonly typedChars: number;
  /** (S + D + I) / N; may exceed 1 when many extra characters were typed. */
  readonly cer: number;
  /** max(0, 1 − CER), 0–1. */
  readonly accuracy: number;
  /** Typed characters per minute of elapsed time. */
  readonly charsPerMin: number;
  /** charsPerMin × accuracy. */
  readonly netCharsPerMin: number;
  /** Time the speeds are over, ms (≥ MIN_TYPING_ELAPSED_MS). */
  readonly elapsedMs: number;
}

/** A typed text scored against its reference, with the alignment for display. */
export interface TypingScore extends TypingResult {
  readonly diff: TypingDiffRun[];
}

/** Input of {@link scoreTyping}. */
export interface ScoreTypingInput {
  /** What was said. */
  readonly reference: string;
  /** What the trainee typed. */
  readonly typed: string;
  readonly locale: Locale;
  /** From the start of listening to submitting, ms. */
  readonly elapsedMs: number;
  /** Drop spaces whatever the locale (numbers, codes). */
  readonly compact?: boolean;
}

/** CER of edit counts over `referenceChars` characters (see the file comment for N = 0). */
export function characterErrorRate(counts: EditCounts, referenceChars: number): number {
  const errors = counts.substitutions + counts.deletions + counts.insertions;
  if (referenceChars === 0) return errors === 0 ? 0 : 1;
  return errors / referenceChars;
}

/** Scores one typed text against its reference. */
export function scoreTyping(input: ScoreTypingInput): TypingScore {
  const options = { locale: input.locale, compact: input.compact ?? false };
  const reference = normalizeTypingText(input.reference, options);
  const typed = normalizeTypingText(input.typed, options);
  const alignment = alignChars(reference, typed);
  return {
    ...resultOf(alignment, reference.length, typed.length, input.elapsedMs),
    diff: alignment.runs,
  };
}

/** One field of the key-field mode (order number, name, phone, problem). */
export interface KeyFieldInput {
  readonly id: string;
  readonly reference: string;
  readonly typed: string;
  /** Drop spaces whatever the locale (numbers, codes). */
  readonly compact?: boolean;
}

/** Key-field results: the fields together, and each field with its own alignment. */
export interface KeyFieldsScore extends TypingResult {
  readonly fields: (TypingScore & { readonly id: string })[];
}

/**
 * Scores the key-field mode: every field is aligned on its own (a name typed into the phone
 * box is all wrong), then S, D, I and N are summed over the fields for the CER.
 */
export function scoreKeyFields(
  fields: readonly KeyFieldInput[],
  locale: Locale,
  elapsedMs: number,
): KeyFieldsScore {
  const scored = fields.map((field) => ({
    id: field.id,
    ...scoreTyping({
      reference: field.reference,
      typed: field.typed,
      locale,
      elapsedMs,
      compact: field.compact ?? false,
    }),
  }));
  const sum = (pick: (f: TypingScore) => number) => scored.reduce((total, f) => total + pick(f), 0);
  const counts: EditCounts = {
    substitutions: sum((f) => f.substitutions),
    deletions: sum((f) => f.deletions),
    insertions: sum((f) => f.insertions),
  };
  return {
    ...resultOf(
      counts,
      sum((f) => f.referenceChars),
      sum((f) => f.typedChars),
      elapsedMs,
    ),
    fields: scored,
  };
}

function resultOf(
  counts: EditCounts,
  referenceChars: number,
  typedChars: number,
  elapsedMs: number,
): TypingResult {
  const cer = characterErrorRate(counts, referenceChars);
  const accuracy = Math.max(0, 1 - cer);
  const minutes = Math.max(MIN_TYPING_ELAPSED_MS, elapsedMs) / 60_000;
  const charsPerMin = typedChars / minutes;
  return {
    substitutions: counts.substitutions,
    deletions: counts.deletions,
    insertions: counts.insertions,
    referenceChars,
    typedChars,
    cer,
    accuracy,
    charsPerMin,
    netCharsPerMin: charsPerMin * accuracy,
    elapsedMs: Math.max(MIN_TYPING_ELAPSED_MS, elapsedMs),
  };
}
