import { describe, expect, it } from 'vitest';
import {
  localTimeLabel,
  nextCallableMs,
  nextDayAt,
  normalizeTimezone,
  occasionWindow,
  parseMonthDay,
  withinCallingHours,
} from './customer-time.js';

const at = (iso: string) => Date.parse(iso);

describe('customer time', () => {
  it('accepts IANA zones and UTC offsets, and refuses anything else', () => {
    expect(normalizeTimezone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(normalizeTimezone('UTC+8')).toBe('+08:00');
    expect(normalizeTimezone('GMT-5')).toBe('-05:00');
    expect(normalizeTimezone('+0530')).toBe('+05:30');
    expect(normalizeTimezone('UTC')).toBe('+00:00');
    expect(normalizeTimezone('Mars/Olympus')).toBeNull();
    expect(normalizeTimezone('+15:00')).toBeNull();
  });

  it('allows calls from 09:00 to before 21:00 customer time only', () => {
    // 01:30 UTC is 09:30 in Shanghai but 20:30 the day before in New York (EST).
    const t = at('2026-01-15T01:30:00Z');
    expect(localTimeLabel(t, 'Asia/Shanghai')).toBe('09:30');
    expect(withinCallingHours(t, 'Asia/Shanghai')).toBe(true);
    expect(withinCallingHours(t, 'America/New_York')).toBe(true);
    expect(withinCallingHours(at('2026-01-15T02:30:00Z'), 'America/New_York')).toBe(false); // 21:30
    expect(withinCallingHours(at('2026-01-14T23:59:00Z'), '+08:00')).toBe(false); // 07:59
  });

  it('moves a time outside calling hours to the next 09:00 there, across DST', () => {
    expect(new Date(nextCallableMs(at('2026-01-15T14:00:00Z'), 'Asia/Shanghai')).toISOString()).toBe(
      '2026-01-16T01:00:00.000Z',
    );
    expect(new Date(nextCallableMs(at('2026-01-14T20:00:00Z'), '+08:00')).toISOString()).toBe(
      '2026-01-15T01:00:00.000Z',
    );
    // New York switches to EDT on 8 March 2026: 09:00 is 13:00 UTC, not 14:00.
    expect(new Date(nextCallableMs(at('2026-03-08T03:00:00Z'), 'America/New_York')).toISOString()).toBe(
      '2026-03-08T13:00:00.000Z',
    );
    expect(new Date(nextDayAt(at('2026-01-15T10:00:00Z'), 'Asia/Shanghai', 9)).toISOString()).toBe(
      '2026-01-16T01:00:00.000Z',
    );
  });

  it('finds the calling window of a birthday or holiday, this year or next', () => {
    const w = occasionWindow('09-25', at('2026-09-01T00:00:00Z'), 'Asia/Shanghai');
    expect(new Date(w.startMs).toISOString()).toBe('2026-09-25T01:00:00.000Z');
    expect(new Date(w.endMs).toISOString()).toBe('2026-09-25T13:00:00.000Z');
    const next = occasionWindow('01-02', at('2026-09-01T00:00:00Z'), 'Asia/Shanghai');
    expect(new Date(next.startMs).toISOString()).toBe('2027-01-02T01:00:00.000Z');
    expect(
      new Date(occasionWindow('02-29', at('2027-01-01T00:00:00Z'), '+00:00').startMs).toISOString(),
    ).toBe('2027-02-28T09:00:00.000Z');
  });

  it('reads birthdays written the usual ways', () => {
    expect(parseMonthDay('1990-03-07')).toBe('03-07');
    expect(parseMonthDay('3/7')).toBe('03-07');
    expect(parseMonthDay('11月26日')).toBe('11-26');
    expect(parseMonthDay('02-30')).toBeNull();
    expect(parseMonthDay('yesterday')).toBeNull();
  });
});
