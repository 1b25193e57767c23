// Display helpers for results: clock times, values with units, and the message keys of
// item ids, statuses, units and reasons (unknown ids fall back to the raw id).
import type { ScoreItemDto, ScoreItemStatus } from '@callsim/protocol';
import type { Translate } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/zh-CN.js';

/** `m:ss.s` for a time in ms (negative times, e.g. rings before answer, keep their sign). */
export function formatClock(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const tenths = Math.round(Math.abs(ms) / 100);
  const minutes = Math.floor(tenths / 600);
  const seconds = (tenths - minutes * 600) / 10;
  return `${sign}${minutes}:${seconds.toFixed(1).padStart(4, '0')}`;
}

/** `m:ss` for a duration in ms. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const ITEM_KEYS: Record<string, MessageKey> = {
  'answer-time': 'results.item.answer-time',
  'speech-rate': 'results.item.speech-rate',
  'response-latency': 'results.item.response-latency',
  'dead-air': 'results.item.dead-air',
  'hold-etiquette': 'results.item.hold-etiquette',
  'handle-time': 'results.item.handle-time',
  'pitch-movement': 'results.item.pitch-movement',
  'loudness-level': 'results.item.loudness-level',
  'loudness-stability': 'results.item.loudness-stability',
  warmth: 'results.item.warmth',
  'talk-share': 'results.item.talk-share',
  overtalk: 'results.item.overtalk',
  interruptions: 'results.item.interruptions',
  'forbidden-phrases': 'results.item.forbidden-phrases',
  'script-steps': 'results.item.script-steps',
  'phase-order': 'results.item.phase-order',
  'step-timing': 'results.item.step-timing',
};

const UNIT_KEYS: Record<string, MessageKey> = {
  ms: 'results.unit.ms',
  rings: 'results.unit.rings',
  'chars/min': 'results.unit.chars/min',
  'words/min': 'results.unit.words/min',
  percent: 'results.unit.percent',
  semitones: 'results.unit.semitones',
  dB: 'results.unit.dB',
  count: 'results.unit.count',
  index: 'results.unit.index',
  points: 'results.unit.points',
};

const REASON_KEYS: Record<string, MessageKey> = {
  'no-audio': 'results.reason.no-audio',
  'no-baseline': 'results.reason.no-baseline',
  'baseline-not-distinct': 'results.reason.baseline-not-distinct',
  'no-voiced-audio': 'results.reason.no-voiced-audio',
  'no-agent-speech': 'results.reason.no-agent-speech',
  'no-speech': 'results.reason.no-speech',
  'no-timeline': 'results.reason.no-timeline',
  'no-hold': 'results.reason.no-hold',
  'no-customer-turn': 'results.reason.no-customer-turn',
  'outbound-call': 'results.reason.outbound-call',
  'no-answer-info': 'results.reason.no-answer-info',
  'no-steps': 'results.reason.no-steps',
  'no-timed-steps': 'results.reason.no-timed-steps',
  'no-duration': 'results.reason.no-duration',
};

const WARNING_KEYS: Record<string, MessageKey> = {
  'locale-mismatch': 'results.warning.locale-mismatch',
  'no-agent-speech': 'results.warning.no-agent-speech',
  'no-agent-text': 'results.warning.no-agent-text',
  'segments-out-of-order': 'results.warning.segments-out-of-order',
};

export const STATUS_KEYS: Record<ScoreItemStatus, MessageKey> = {
  good: 'results.status.good',
  warn: 'results.status.warn',
  bad: 'results.status.bad',
  notAvailable: 'results.status.notAvailable',
};

/** antd Tag / Badge colours of a status. */
export const STATUS_COLORS: Record<ScoreItemStatus, string> = {
  good: 'green',
  warn: 'orange',
  bad: 'red',
  notAvailable: 'default',
};

/** Marker colours on the waveform (CSS). */
export const STATUS_MARKER_COLORS: Record<ScoreItemStatus, string> = {
  good: 'rgba(82, 196, 26, 0.9)',
  warn: 'rgba(250, 140, 22, 0.95)',
  bad: 'rgba(245, 34, 45, 0.95)',
  notAvailable: 'rgba(140, 140, 140, 0.8)',
};

const lookup = (t: Translate, keys: Record<string, MessageKey>, id: string): string => {
  const key = keys[id];
  return key ? t(key) : id;
};

export const itemLabel = (t: Translate, id: string): string => lookup(t, ITEM_KEYS, id);
export const reasonText = (t: Translate, id: string): string => lookup(t, REASON_KEYS, id);
export const warningText = (t: Translate, id: string): string => lookup(t, WARNING_KEYS, id);

/** A number in `unit` for people: ms as seconds, percent with %, others with their unit name. */
export function valueWithUnit(t: Translate, value: number, unit: string): string {
  if (unit === 'ms') return `${(value / 1000).toFixed(value >= 10_000 ? 0 : 1)} ${t('results.unit.ms')}`;
  if (unit === 'percent') return `${Math.round(value * 10) / 10}%`;
  const name = UNIT_KEYS[unit] ? t(UNIT_KEYS[unit]) : unit;
  const shown = Number.isInteger(value) ? String(value) : String(Math.round(value * 10) / 10);
  return name ? `${shown} ${name}` : shown;
}

/** The green range of an item, e.g. `150–210 字/分钟`, `≤ 15 秒`; '' without a range. */
export function targetText(t: Translate, item: Pick<ScoreItemDto, 'target' | 'unit'>): string {
  const target = item.target;
  if (!target || (target.min === null && target.max === null)) return '';
  if (target.min !== null && target.max !== null && target.min === target.max)
    return valueWithUnit(t, target.min, item.unit);
  // A range from 0 reads as a ceiling ("≤ 15 s"), not "0.0–15 s".
  if (target.min !== null && target.min !== 0 && target.max !== null) {
    const low = valueWithUnit(t, target.min, item.unit).replace(/\s.*$/, '').replace(/%$/, '');
    return `${low}–${valueWithUnit(t, target.max, item.unit)}`;
  }
  return target.max !== null
    ? `≤ ${valueWithUnit(t, target.max, item.unit)}`
    : `≥ ${valueWithUnit(t, target.min ?? 0, item.unit)}`;
}
