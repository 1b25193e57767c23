// Builds ScoreItems as plain, rounded JSON data: scores to 0.1, values to a precision that
// suits their unit, ms to whole numbers. Guarantees: no undefined fields, no NaN/Infinity
// (non-finite numbers become null), so `JSON.stringify` output is stable.

import { type AdviceKey, adviceFor } from '../advice/advice-catalogue.js';
import { type Band, bandScore as bandScoreOf, classify, statusOf, targetOf } from '../bands/band.js';
import type {
  BandName,
  Evidence,
  ItemId,
  ItemStatus,
  NotAvailableReason,
  ScoreItem,
  ValueUnit,
} from './call-score.js';

/** Rounds to `digits` decimals (never -0). */
export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale + 0;
}

const DIGITS: Record<ValueUnit, number> = {
  ms: 0,
  rings: 0,
  'chars/min': 0,
  'words/min': 0,
  percent: 1,
  semitones: 2,
  dB: 1,
  count: 0,
  index: 2,
  points: 1,
};

/** Rounds a value in `unit`; null for non-finite. */
export function roundValue(value: number | null, unit: ValueUnit): number | null {
  return value === null || !Number.isFinite(value) ? null : round(value, DIGITS[unit]);
}

/** Evidence entry with rounded numbers and no undefined fields. */
export function evidence(
  unit: ValueUnit,
  entry: {
    atMs: number | null;
    endMs?: number | undefined;
    text?: string | undefined;
    value: number | null;
    band: BandName | null;
    note?: string | undefined;
  },
): Evidence {
  return {
    atMs: entry.atMs === null ? null : Math.round(entry.atMs),
    ...(entry.endMs === undefined ? {} : { endMs: Math.round(entry.endMs) }),
    ...(entry.text === undefined ? {} : { text: entry.text }),
    value: roundValue(entry.value, unit),
    band: entry.band,
    ...(entry.note === undefined ? {} : { note: entry.note }),
  };
}

/** Fields of a measured item. */
export interface MeasuredItem {
  readonly id: ItemId;
  readonly weight: number;
  readonly unit: ValueUnit;
  readonly value: number | null;
  /** Score 0–100 before rounding. */
  readonly score: number;
  readonly status: Exclude<ItemStatus, 'notAvailable'>;
  readonly band: BandName | null;
  readonly target?: Band | null;
  readonly estimate?: boolean;
  readonly evidence: readonly Evidence[];
  readonly advice: AdviceKey;
  /** Labels filled into `{steps}` of the advice. */
  readonly adviceSteps?: readonly string[];
}

/** A measured item (evidence defaults to one whole-call entry with the value and band). */
export function measuredItem(item: MeasuredItem): ScoreItem {
  return {
    id: item.id,
    status: item.status,
    score: round(Math.min(100, Math.max(0, item.score))),
    weight: item.weight,
    value: roundValue(item.value, item.unit),
    unit: item.unit,
    band: item.band,
    target: item.target === undefined || item.target === null ? null : targetOf(item.target),
    estimate: item.estimate ?? false,
    reason: null,
    // A measured item always shows at least its whole-call value.
    evidence:
      item.evidence.length > 0
        ? item.evidence
        : [evidence(item.unit, { atMs: null, value: item.value, band: item.band })],
    advice: adviceFor(item.advice, item.adviceSteps),
  };
}

/** An item whose value falls in `band`: status and score follow the band. */
export function bandedItem(
  item: Omit<MeasuredItem, 'score' | 'status' | 'band' | 'target' | 'value'> & {
    readonly value: number;
    readonly band: Band;
  },
): ScoreItem {
  const name = classify(item.value, item.band);
  return measuredItem({
    ...item,
    score: bandScoreOf(item.value, item.band),
    status: statusOf(name),
    band: name,
    target: item.band,
  });
}

/** An item that could not be measured in this call. */
export function notAvailableItem(
  id: ItemId,
  weight: number,
  unit: ValueUnit,
  reason: NotAvailableReason,
  advice: AdviceKey,
  target: Band | null = null,
): ScoreItem {
  return {
    id,
    status: 'notAvailable',
    score: null,
    weight,
    value: null,
    unit,
    band: null,
    target: target === null ? null : targetOf(target),
    estimate: false,
    reason,
    evidence: [],
    advice: adviceFor(advice),
  };
}

/** Status from a 0–100 score: ≥ 80 good, ≥ 60 warn, else bad. */
export function statusFromScore(score: number): Exclude<ItemStatus, 'notAvailable'> {
  return score >= 80 ? 'good' : score >= 60 ? 'warn' : 'bad';
}

/** Band name from a 0–100 score (same cut-offs as statusFromScore). */
export function bandFromScore(score: number): BandName {
  return score >= 80 ? 'green' : score >= 60 ? 'amber' : 'red';
}

/** Longest evidence text kept, in characters. */
export const EVIDENCE_TEXT_CHARS = 60;

/** `text` cut to EVIDENCE_TEXT_CHARS characters (an ellipsis marks the cut). */
export function clip(text: string): string {
  const chars = [...text.trim()];
  return chars.length <= EVIDENCE_TEXT_CHARS
    ? chars.join('')
    : `${chars.slice(0, EVIDENCE_TEXT_CHARS - 1).join('')}…`;
}
