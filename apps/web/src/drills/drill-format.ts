// Number formats of the drills pages: speeds without decimals, accuracy as a percent with
// one decimal, band names to antd tag colours.
import type { DrillBandDto, DrillBandName } from '@callsim/protocol';

export const perMin = (value: number) => Math.round(value).toString();
export const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;
export const oneDecimal = (value: number) => value.toFixed(1);

export const BAND_COLOR: Record<DrillBandName, string> = { green: 'success', amber: 'warning', red: 'error' };

/** "150–210" for a band's green range; "≤ 1000" / "≥ 0.5" for open ends. */
export function greenRange(band: DrillBandDto): string {
  const [low, high] = band.green;
  if (low !== null && high !== null) return `${low}–${high}`;
  if (high !== null) return `≤ ${high}`;
  if (low !== null) return `≥ ${low}`;
  return '—';
}
