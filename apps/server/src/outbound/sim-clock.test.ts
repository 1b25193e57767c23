import { describe, expect, it } from 'vitest';
import { changeClock, REAL_TIME_CLOCK, simNow } from './sim-clock.js';

describe('simulated class clock', () => {
  it('runs on real time until a teacher changes it', () => {
    expect(simNow(REAL_TIME_CLOCK, 1_700_000_000_000)).toBe(1_700_000_000_000);
  });

  it('runs days faster without jumping at the change', () => {
    const real = Date.parse('2026-01-15T02:00:00Z');
    const fast = changeClock(REAL_TIME_CLOCK, real, { speedFactor: 1440 });
    expect(simNow(fast, real)).toBe(real);
    // One real minute is one simulated day.
    expect(simNow(fast, real + 60_000)).toBe(real + 86_400_000);
    const paused = changeClock(fast, real + 60_000, { speedFactor: 0 });
    expect(simNow(paused, real + 3_600_000)).toBe(real + 86_400_000);
  });

  it('advances to 09:00 of the next day in the class zone', () => {
    const real = Date.parse('2026-01-15T10:00:00Z'); // 18:00 in Shanghai
    const next = changeClock(REAL_TIME_CLOCK, real, { advance: 'next-day' });
    expect(new Date(simNow(next, real)).toISOString()).toBe('2026-01-16T01:00:00.000Z');
    const ny = changeClock(REAL_TIME_CLOCK, real, { advance: 'next-day', timezone: 'America/New_York' });
    expect(new Date(simNow(ny, real)).toISOString()).toBe('2026-01-16T14:00:00.000Z');
    expect(() => changeClock(REAL_TIME_CLOCK, real, { timezone: 'Nowhere/Land' })).toThrow(
      /unknown time zone/,
    );
  });
});
