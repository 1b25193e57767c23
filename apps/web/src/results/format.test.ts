// Results display helpers: clock times, values with units and target ranges in both languages.
import { describe, expect, it } from 'vitest';
import type { Translate } from '../i18n/use-i18n.js';
import { zhCN } from '../i18n/zh-CN.js';
import { formatClock, formatDuration, itemLabel, targetText, valueWithUnit } from './format.js';

const t: Translate = (key, values) =>
  zhCN[key].replace(/\{(\w+)\}/g, (_m, name: string) => String(values?.[name] ?? ''));

describe('results format', () => {
  it('shows clock times and durations', () => {
    expect(formatClock(0)).toBe('0:00.0');
    expect(formatClock(65_430)).toBe('1:05.4');
    expect(formatClock(-9000)).toBe('−0:09.0');
    expect(formatDuration(125_400)).toBe('2:05');
    expect(formatDuration(null)).toBe('—');
  });

  it('shows values with units and green ranges in Chinese', () => {
    expect(valueWithUnit(t, 9000, 'ms')).toBe('9.0 秒');
    expect(valueWithUnit(t, 183, 'chars/min')).toBe('183 字/分钟');
    expect(valueWithUnit(t, 42.25, 'percent')).toBe('42.3%');
    expect(targetText(t, { unit: 'chars/min', target: { min: 150, max: 210 } })).toBe('150–210 字/分钟');
    expect(targetText(t, { unit: 'ms', target: { min: null, max: 15_000 } })).toBe('≤ 15 秒');
    expect(targetText(t, { unit: 'count', target: null })).toBe('');
    expect(targetText(t, { unit: 'ms', target: { min: 0, max: 800 } })).toBe('≤ 0.8 秒');
    expect(targetText(t, { unit: 'count', target: { min: 0, max: 0 } })).toBe('0 次');
    expect(targetText(t, { unit: 'percent', target: { min: 40, max: 60 } })).toBe('40–60%');
    expect(targetText(t, { unit: 'index', target: { min: 0.5, max: null } })).toBe('≥ 0.5');
    expect(itemLabel(t, 'speech-rate')).toBe('语速');
    expect(itemLabel(t, 'new-item')).toBe('new-item');
  });
});
