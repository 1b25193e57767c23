// A class's simulated clock: simulated time runs `speedFactor` times faster than real time
// from a base point, so a teacher can run days in minutes, pause it, or jump to the next
// morning. Every change rebases the clock at "now", so simulated time never jumps backwards
// except by an explicit `setSimMs`. Pure: the caller passes real time in.
import { AppError, type SimClockBody } from '@callsim/protocol';
import { nextDayAt, normalizeTimezone } from './customer-time.js';

export interface SimClockState {
  baseRealMs: number;
  baseSimMs: number;
  /** Simulated ms per real ms; 0 = paused. */
  speedFactor: number;
  /** IANA zone or UTC offset of the class ("next day" starts at 09:00 there). */
  timezone: string;
}

export const DEFAULT_CLASS_TIMEZONE = 'Asia/Shanghai';

/** A clock nobody changed yet: simulated time is real time. */
export const REAL_TIME_CLOCK: SimClockState = {
  baseRealMs: 0,
  baseSimMs: 0,
  speedFactor: 1,
  timezone: DEFAULT_CLASS_TIMEZONE,
};

/** Simulated time at real time `realMs`. */
export function simNow(clock: SimClockState, realMs: number): number {
  return Math.round(clock.baseSimMs + (realMs - clock.baseRealMs) * clock.speedFactor);
}

/** Applies a teacher's change at real time `realMs`; returns the new clock. */
export function changeClock(clock: SimClockState, realMs: number, change: SimClockBody): SimClockState {
  let timezone = clock.timezone;
  if (change.timezone !== undefined) {
    const zone = normalizeTimezone(change.timezone);
    if (!zone)
      throw new AppError('BAD_REQUEST', 'unknown time zone', {
        details: { field: 'timezone', reason: `unknown time zone “${change.timezone}”` },
      });
    timezone = zone;
  }
  let sim = change.setSimMs ?? simNow(clock, realMs);
  if (change.advanceMs !== undefined) sim += change.advanceMs;
  if (change.advance === 'next-day') sim = nextDayAt(sim, timezone, 9);
  return {
    baseRealMs: realMs,
    baseSimMs: sim,
    speedFactor: change.speedFactor ?? clock.speedFactor,
    timezone,
  };
}
