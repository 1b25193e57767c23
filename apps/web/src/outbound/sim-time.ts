// Simulated times (ms on a class clock) as text. They read like wall-clock times in the
// class's zone; a zone the browser does not know falls back to the browser's own.
export function formatSimTime(ms: number, timeZone: string, locale: string, withDate = true): string {
  const options: Intl.DateTimeFormatOptions = {
    ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(ms);
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(ms);
  }
}

export function formatDurationMs(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
