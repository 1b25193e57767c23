// Customer-local time on a simulated clock: time zones given as an IANA name
// (Asia/Shanghai) or a UTC offset (+08:00, UTC-5, GMT+5:30), the calling-hours rule
// (09:00 ≤ local time < 21:00), and birthday / holiday days. All instants are ms since
// the epoch; "local" fields are wall-clock values in the customer's zone.
import { CALLING_HOURS } from '@callsim/protocol';

const DAY_MS = 86_400_000;

export interface LocalParts {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const OFFSET_RE = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * The canonical form of a zone: an IANA name as Intl spells it, or `+HH:MM` for an
 * offset ("UTC" and "Z" are `+00:00`). Null when the text is neither.
 */
export function normalizeTimezone(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/^(utc|gmt|z)$/i.test(trimmed)) return '+00:00';
  const m = OFFSET_RE.exec(trimmed);
  if (m) {
    const hours = Number(m[2]);
    const minutes = Number(m[3] ?? 0);
    if (hours > 14 || minutes >= 60 || (hours === 14 && minutes > 0)) return null;
    return `${m[1]}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  }
  try {
    return formatterFor(trimmed).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Minutes east of UTC in `zone` at the instant `utcMs`. */
export function offsetMinutesAt(zone: string, utcMs: number): number {
  const m = OFFSET_RE.exec(zone);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** Wall-clock fields of `utcMs` in `zone`. */
export function localParts(utcMs: number, zone: string): LocalParts {
  const local = new Date(utcMs + offsetMinutesAt(zone, utcMs) * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/** The instant when the wall clock in `zone` shows the given date and time. */
export function zonedTimeToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  zone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetMinutesAt(zone, wall) * 60_000;
  return wall - offsetMinutesAt(zone, first) * 60_000;
}

/** "HH:mm" in `zone`. */
export function localTimeLabel(utcMs: number, zone: string): string {
  const p = localParts(utcMs, zone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** True when a call at `utcMs` falls inside calling hours for a customer in `zone`. */
export function withinCallingHours(utcMs: number, zone: string): boolean {
  const { hour } = localParts(utcMs, zone);
  return hour >= CALLING_HOURS.startHour && hour < CALLING_HOURS.endHour;
}

/** `utcMs` itself when callable, else the next 09:00 in `zone`. */
export function nextCallableMs(utcMs: number, zone: string): number {
  if (withinCallingHours(utcMs, zone)) return utcMs;
  const p = localParts(utcMs, zone);
  const today = zonedTimeToUtc(p.year, p.month, p.day, CALLING_HOURS.startHour, 0, zone);
  if (today > utcMs) return today;
  const tomorrow = new Date(Date.UTC(p.year, p.month - 1, p.day) + DAY_MS);
  return zonedTimeToUtc(
    tomorrow.getUTCFullYear(),
    tomorrow.getUTCMonth() + 1,
    tomorrow.getUTCDate(),
    CALLING_HOURS.startHour,
    0,
    zone,
  );
}

/** `hour`:00 of the day after `utcMs`'s local day in `zone`. */
export function nextDayAt(utcMs: number, zone: string, hour: number): number {
  const p = localParts(utcMs, zone);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day) + DAY_MS);
  return zonedTimeToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), hour, 0, zone);
}

/** "MM-DD" of `utcMs`'s local day in `zone`. */
export function localMonthDay(utcMs: number, zone: string): string {
  const p = localParts(utcMs, zone);
  return `${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * The calling window (09:00–21:00 local) of the first day on or after `fromMs`'s local
 * day whose month-day is `monthDay` (29 February falls on the 28th in common years).
 */
export function occasionWindow(
  monthDay: string,
  fromMs: number,
  zone: string,
): { startMs: number; endMs: number } {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  const from = localParts(fromMs, zone);
  for (let year = from.year; year <= from.year + 4; year++) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const d = month === 2 && day === 29 && !leap ? 28 : day;
    const endMs = zonedTimeToUtc(year, month, d, CALLING_HOURS.endHour, 0, zone);
    if (endMs <= fromMs) continue;
    return { startMs: zonedTimeToUtc(year, month, d, CALLING_HOURS.startHour, 0, zone), endMs };
  }
  throw new Error(`no ${monthDay} after ${fromMs}`);
}

/** MM-DD from "MM-DD", "YYYY-MM-DD", "YYYY/M/D", "M/D" or "M月D日"; null when not a date. */
export function parseMonthDay(text: string): string | null {
  const t = text.trim();
  const m =
    /^(?:\d{4}[-/.])?(\d{1,2})[-/.](\d{1,2})$/.exec(t) ?? /^(?:\d{4}年)?(\d{1,2})月(\d{1,2})[日号]?$/.exec(t);
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (!days || day < 1 || day > days) return null;
  return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
