// Shapes of the matcher's input (a call transcript, times in ms from answer) and output
// (adherence results with evidence), shared by the live checklist, the scorer and the
// CLI. `atMs` is always the start of the agent segment where something was found.
import type { Locale, Phase, Severity } from '../format/types.js';

export interface TranscriptSegment {
  readonly speaker: 'agent' | 'caller';
  /** Start of the segment in ms from answer. */
  readonly startMs: number;
  readonly endMs: number;
  readonly text: string;
}

export interface Transcript {
  readonly locale: Locale;
  readonly segments: readonly TranscriptSegment[];
}

/** Where a step was heard. */
export interface StepEvidence {
  /** Index of the segment in the transcript's `segments`. */
  readonly segmentIndex: number;
  readonly startMs: number;
  /** The words heard, as transcribed. */
  readonly text: string;
  readonly kind: 'exact' | 'fuzzy';
  readonly similarity: number;
  /** The script phrases (or pattern) that matched. */
  readonly phrases: readonly string[];
}

export interface StepResult {
  readonly id: string;
  readonly label: string;
  readonly phase: Phase | null;
  readonly found: boolean;
  /** Start of the agent segment where the step was first found; null when not found. */
  readonly atMs: number | null;
  readonly evidence: StepEvidence | null;
  readonly fuzzy: boolean;
  /** Found after a step of a later phase had been found in an earlier agent turn. */
  readonly outOfOrder: boolean;
  /** Found later than the step's `withinMs` (measured from answer). */
  readonly late: boolean;
  readonly required: boolean;
  readonly weight: number;
  readonly withinMs: number | null;
}

export interface ForbiddenEvidence {
  readonly segmentIndex: number;
  readonly startMs: number;
  readonly text: string;
  readonly kind: 'exact' | 'fuzzy';
  readonly similarity: number;
}

/** One forbidden phrase heard in one agent segment. */
export interface ForbiddenHit {
  /** The phrase, or the pattern's source for pattern rules. */
  readonly phrase: string;
  readonly rule: 'phrase' | 'pattern';
  readonly atMs: number;
  readonly severity: Severity;
  readonly evidence: ForbiddenEvidence;
  /** The customer turn that made this phrase forbidden; null for call-wide rules. */
  readonly turnId: string | null;
}

/** Adherence of one call to its script: every step, and every forbidden phrase heard. */
export interface AdherenceResult {
  readonly steps: readonly StepResult[];
  readonly forbidden: readonly ForbiddenHit[];
}
