// The scorer's output: plain JSON data (no class instances, no undefined values), stable
// for a given input. Every dimension and item is 0–100 with a status; every item carries
// evidence (where in ms, what was said, the measured value and its band) and advice.
import type { Locale, Phase, Severity } from '@callsim/call-script';

/** Scored dimensions; keys of a scenario's `scoring.weights`. */
export type DimensionId = 'script' | 'speed' | 'tone' | 'courtesy';

/** How an item or dimension went. `notAvailable`: not measurable here (see `reason`). */
export type ItemStatus = 'good' | 'warn' | 'bad' | 'notAvailable';

/** Traffic-light band of a measured value. */
export type BandName = 'green' | 'amber' | 'red';

/** Every scored item, grouped by dimension. */
export type ItemId =
  | 'answer-time'
  | 'speech-rate'
  | 'response-latency'
  | 'dead-air'
  | 'hold-etiquette'
  | 'handle-time'
  | 'pitch-movement'
  | 'loudness-level'
  | 'loudness-stability'
  | 'warmth'
  | 'talk-share'
  | 'overtalk'
  | 'interruptions'
  | 'forbidden-phrases'
  | 'script-steps'
  | 'phase-order'
  | 'step-timing';

/** Unit of an item's `value`. */
export type ValueUnit =
  | 'ms'
  | 'rings'
  | 'chars/min'
  | 'words/min'
  | 'percent'
  | 'semitones'
  | 'dB'
  | 'count'
  | 'index'
  | 'points';

/** One line for the trainee, in both UI languages. */
export interface LocalizedText {
  readonly 'zh-CN': string;
  readonly 'en-US': string;
}

/** Why an item is `notAvailable`. */
export type NotAvailableReason =
  | 'no-audio'
  | 'no-baseline'
  | 'baseline-not-distinct'
  | 'no-voiced-audio'
  | 'no-agent-speech'
  | 'no-speech'
  | 'no-timeline'
  | 'no-hold'
  | 'no-customer-turn'
  | 'outbound-call'
  | 'no-answer-info'
  | 'no-steps'
  | 'no-timed-steps'
  | 'no-duration';

/** A moment (or the whole call) that backs an item. */
export interface Evidence {
  /** ms from answer; null when the value is about the whole call. */
  readonly atMs: number | null;
  /** End of the stretch, ms from answer, for pauses, holds and overlaps. */
  readonly endMs?: number;
  /** What was said there, as transcribed. */
  readonly text?: string;
  /**
   * The measure here: in the item's unit for whole-call entries (`atMs` null); stretches
   * (pauses, overlaps, interruptions, slow replies) give their length in ms; `note` names
   * anything else (`rings`, `step:<id>` weights, per-feature warmth positions).
   */
  readonly value: number | null;
  readonly band: BandName | null;
  /** Machine-readable detail, e.g. `hold-missing:permission,duration` or `acoustic-estimate`. */
  readonly note?: string;
}

/** One scored item of a dimension. */
export interface ScoreItem {
  readonly id: ItemId;
  readonly status: ItemStatus;
  /** 0–100; null when notAvailable. */
  readonly score: number | null;
  /** Relative weight inside its dimension. */
  readonly weight: number;
  /** The headline measure, in `unit`; null when not measured. */
  readonly value: number | null;
  readonly unit: ValueUnit;
  readonly band: BandName | null;
  /** The green range of `value` (null = open end); null when the item has no range. */
  readonly target: { readonly min: number | null; readonly max: number | null } | null;
  /** True when the value is an estimate (acoustic speech rate, warmth). */
  readonly estimate: boolean;
  /** Set when status is notAvailable. */
  readonly reason: NotAvailableReason | null;
  /** Never empty for a measured item; empty when notAvailable. */
  readonly evidence: readonly Evidence[];
  readonly advice: LocalizedText;
}

/** One dimension: weighted mean of its available items. */
export interface DimensionScore {
  readonly id: DimensionId;
  /** 0–100; null when no item could be measured. */
  readonly score: number | null;
  readonly status: ItemStatus;
  /** Weight from the scenario's `scoring.weights`. */
  readonly weight: number;
  /** Share of the composite actually given to this dimension, percent (0 when not available). */
  readonly effectiveWeightPct: number;
  readonly items: readonly ScoreItem[];
}

/** The matcher's evidence for a step, as plain data. */
export interface StepEvidenceJson {
  readonly segmentIndex: number;
  readonly startMs: number;
  readonly text: string;
  readonly kind: 'exact' | 'fuzzy';
  readonly similarity: number;
  readonly phrases: readonly string[];
}

/** `adherence.steps[]` of the CLI contract, plus details. */
export interface AdherenceStepJson {
  readonly id: string;
  readonly found: boolean;
  /** Start of the agent segment where the step was found, ms from answer; null when not found. */
  readonly atMs: number | null;
  readonly evidence: StepEvidenceJson | null;
  readonly label: string;
  readonly phase: Phase | null;
  readonly required: boolean;
  readonly weight: number;
  readonly fuzzy: boolean;
  readonly outOfOrder: boolean;
  readonly late: boolean;
  readonly withinMs: number | null;
}

/** `adherence.forbidden[]` of the CLI contract, plus details. */
export interface AdherenceForbiddenJson {
  /** The phrase, or the pattern source for pattern rules. */
  readonly phrase: string;
  /** Start of the agent segment, ms from answer. */
  readonly atMs: number;
  readonly severity: Severity;
  readonly text: string;
  readonly rule: 'phrase' | 'pattern';
  readonly fuzzy: boolean;
  readonly turnId: string | null;
}

/** Script adherence, as the matcher found it. */
export interface AdherenceJson {
  readonly steps: readonly AdherenceStepJson[];
  readonly forbidden: readonly AdherenceForbiddenJson[];
  /** Ids of required steps never said. */
  readonly missingRequired: readonly string[];
}

/** Points taken off the composite for one event (QA-form style deductions). */
export interface Deduction {
  readonly code: 'interruption' | 'dead-air' | 'forbidden-major' | 'forbidden-minor';
  readonly points: number;
  readonly atMs: number;
  readonly text?: string;
}

/** Why a call failed outright. */
export interface FailReason {
  readonly code: 'fatal-forbidden';
  readonly phrase: string;
  readonly atMs: number;
}

/** Something about the input worth knowing when reading the score. */
export type ScoreWarning = 'locale-mismatch' | 'no-agent-speech' | 'no-agent-text' | 'segments-out-of-order';

/** Headline measures of the call. */
export interface CallMetrics {
  /** Answer to hang-up, ms (or to the last speech when unknown). */
  readonly durationMs: number;
  /** Agent speech time from segments, ms (overlapping segments merged). */
  readonly agentTalkMs: number;
  readonly callerTalkMs: number;
  /** Agent speech rate in `speechRateUnit`; null when not measured. */
  readonly speechRatePerMin: number | null;
  readonly speechRateUnit: 'chars/min' | 'words/min';
}

/** The score of one call. */
export interface CallScore {
  readonly scenarioId: string | null;
  /** The script's locale (matching and speech-rate units follow it). */
  readonly locale: Locale;
  /** Composite 0–100 after deductions and the fatal cap, one decimal. */
  readonly total: number;
  /** The composite before deductions and the fatal cap. */
  readonly weightedTotal: number;
  readonly passScore: number;
  /** `total ≥ passScore` and not failed. */
  readonly passed: boolean;
  /** A fatal error (e.g. a fatal forbidden phrase): the call fails whatever else went well. */
  readonly failed: boolean;
  readonly failReasons: readonly FailReason[];
  readonly weights: Readonly<Record<DimensionId, number>>;
  readonly dimensions: Readonly<Record<DimensionId, DimensionScore>>;
  readonly adherence: AdherenceJson;
  readonly deductions: readonly Deduction[];
  /** Sum of deductions applied (capped). */
  readonly deductedPoints: number;
  readonly metrics: CallMetrics;
  readonly warnings: readonly ScoreWarning[];
}
