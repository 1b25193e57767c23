// Kaiser-windowed sinc polyphase filter bank shared by the offline and the streaming resampler.
// Design: cutoff 0.92 × the lower Nyquist, 32 zero crossings per side, Kaiser β = 8 (≈ −80 dB stopband),
// so the passband is flat within 0.1 dB up to ~0.85 × the lower Nyquist (e.g. 3.4 kHz at 8 kHz).

import { AudioError } from '../audio-error.js';

/** A polyphase bank for one rate ratio: output n sits at input position n × step / phaseCount. */
export interface PolyphaseFilter {
  /** Interpolation factor L (output rate / gcd). */
  readonly phaseCount: number;
  /** Decimation factor M (input rate / gcd). */
  readonly step: number;
  /** Taps per phase (even); output at input position t uses input indices floor(t) − halfTaps + 1 … floor(t) + halfTaps. */
  readonly tapCount: number;
  /** Half the taps per phase, in input samples. */
  readonly halfTaps: number;
  /** Coefficients, phase-major: coefficients[phase × tapCount + k]. */
  readonly coefficients: Float32Array;
}

const ZERO_CROSSINGS = 32;
const CUTOFF_FRACTION = 0.92;
const KAISER_BETA = 8;
/** Above this many phases the bank quantizes the fractional position (error < 1/2048 sample). */
const MAX_PHASES = 1024;

/** Builds (or returns a cached) filter bank for `fromHz` → `toHz`. */
export function polyphaseFilter(fromHz: number, toHz: number): PolyphaseFilter {
  const key = `${fromHz}>${toHz}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const filter = buildFilter(fromHz, toHz);
  cache.set(key, filter);
  return filter;
}

const cache = new Map<string, PolyphaseFilter>();

function buildFilter(fromHz: number, toHz: number): PolyphaseFilter {
  if (!Number.isInteger(fromHz) || !Number.isInteger(toHz) || fromHz <= 0 || toHz <= 0) {
    throw new AudioError('AUDIO_BAD_ARGUMENT', 'sample rates must be positive integers', { fromHz, toHz });
  }
  const divisor = gcd(fromHz, toHz);
  let phaseCount = toHz / divisor;
  let step = fromHz / divisor;
  if (phaseCount > MAX_PHASES) {
    // Irregular ratio: approximate step / phaseCount with MAX_PHASES phases (sub-sample timing error only).
    step = Math.round((step * MAX_PHASES) / phaseCount);
    phaseCount = MAX_PHASES;
  }
  const cutoff = Math.min(1, toHz / fromHz) * CUTOFF_FRACTION; // relative to the input Nyquist
  const halfTaps = Math.ceil(ZERO_CROSSINGS / Math.min(1, toHz / fromHz));
  const tapCount = 2 * halfTaps;
  const coefficients = new Float32Array(phaseCount * tapCount);
  const windowNorm = besselI0(KAISER_BETA);
  for (let phase = 0; phase < phaseCount; phase++) {
    const fraction = phase / phaseCount;
    let sum = 0;
    for (let k = 0; k < tapCount; k++) {
      const x = k - halfTaps + 1 - fraction; // distance in input samples from the output position
      const r = x / halfTaps;
      const window = r <= -1 || r >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / windowNorm;
      const value = cutoff * sinc(cutoff * x) * window;
      coefficients[phase * tapCount + k] = value;
      sum += value;
    }
    // Normalize each phase to unit DC gain so a constant stays constant (no phase-dependent ripple).
    for (let k = 0; k < tapCount; k++) coefficients[phase * tapCount + k]! /= sum;
  }
  return { phaseCount, step, tapCount, halfTaps, coefficients };
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const half = x / 2;
  for (let k = 1; k < 50; k++) {
    term *= (half / k) * (half / k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
