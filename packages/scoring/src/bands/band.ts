// Traffic-light bands: a green range inside an amber range; anything outside is red.
// Guarantees: edges belong to the better band (150 in green 150–210 is green); scores are
// 100 in green, 90→60 across amber, 50→0 across red, so a value never scores better further out.
import type { BandName, ItemStatus } from '../model/call-score.js';

/** A green range inside an amber range (use ±Infinity for an open end). */
export interface Band {
  readonly green: readonly [number, number];
  readonly amber: readonly [number, number];
}

/** Band of `value`: green inside green, amber inside amber, else red. Edges are inclusive. */
export function classify(value: number, band: Band): BandName {
  if (value >= band.green[0] && value <= band.green[1]) return 'green';
  if (value >= band.amber[0] && value <= band.amber[1]) return 'amber';
  return 'red';
}

/** Item status for a band. */
export function statusOf(band: BandName): Exclude<ItemStatus, 'notAvailable'> {
  return band === 'green' ? 'good' : band === 'amber' ? 'warn' : 'bad';
}

/**
 * 0–100 score of `value`: 100 in green; 90 at the green edge down to 60 at the amber edge;
 * 50 just past amber down to 0 one more amber width (or a quarter of the green width) out.
 */
export function bandScore(value: number, band: Band): number {
  const [greenLow, greenHigh] = band.green;
  const [amberLow, amberHigh] = band.amber;
  if (value >= greenLow && value <= greenHigh) return 100;
  const low = value < greenLow;
  const greenEdge = low ? greenLow : greenHigh;
  const amberEdge = low ? amberLow : amberHigh;
  const amberWidth = Math.abs(greenEdge - amberEdge);
  const distance = Math.abs(value - greenEdge);
  if (distance <= amberWidth) return 90 - 30 * (amberWidth === 0 ? 1 : distance / amberWidth);
  const fallback = Number.isFinite(greenHigh - greenLow) ? (greenHigh - greenLow) / 4 : 1;
  const redWidth = amberWidth > 0 && Number.isFinite(amberWidth) ? amberWidth : Math.max(fallback, 1e-9);
  return 50 * Math.max(0, 1 - (distance - amberWidth) / redWidth);
}

/** The green range as JSON (`null` for an open end). */
export function targetOf(band: Band): { min: number | null; max: number | null } {
  return {
    min: Number.isFinite(band.green[0]) ? band.green[0] : null,
    max: Number.isFinite(band.green[1]) ? band.green[1] : null,
  };
}
