// Brings a channel to the pitch-analysis rate (≈ 8 kHz): cheap integer decimation when possible.
// Guarantees: output rate ≤ 12 kHz; a 23-tap half-band FIR for ÷2 (flat to 3 kHz, aliasing only above 3.2 kHz,
// far from F0), a Hann-windowed sinc for other integer factors, @callsim/audio's resampler otherwise.

import { resample } from '@callsim/audio';

/** A signal and its sample rate. */
export interface RatedSignal {
  samples: Float32Array;
  /** Sample rate of `samples`, in Hz. */
  sampleRateHz: number;
}

/** Target rate for pitch candidate search: 13 samples per period at a 600 Hz ceiling. */
export const PITCH_ANALYSIS_RATE_HZ = 8000;

const TAPS_PER_FACTOR = 8;
const HALF_BAND_TAPS = halfBandTaps(6);

/** Returns the signal at (about) PITCH_ANALYSIS_RATE_HZ for pitch analysis. */
export function toPitchAnalysisRate(samples: Float32Array, sampleRateHz: number): RatedSignal {
  if (sampleRateHz <= PITCH_ANALYSIS_RATE_HZ * 1.5) return { samples, sampleRateHz };
  const factor = sampleRateHz / PITCH_ANALYSIS_RATE_HZ;
  if (factor === 2) return { samples: halveRate(samples), sampleRateHz: PITCH_ANALYSIS_RATE_HZ };
  if (Number.isInteger(factor)) {
    return { samples: decimate(samples, factor), sampleRateHz: PITCH_ANALYSIS_RATE_HZ };
  }
  return {
    samples: resample(samples, sampleRateHz, PITCH_ANALYSIS_RATE_HZ),
    sampleRateHz: PITCH_ANALYSIS_RATE_HZ,
  };
}

/** Keeps every `factor`-th sample after a Hann-windowed sinc lowpass at 0.9 × the new Nyquist (zero phase). */
function decimate(samples: Float32Array, factor: number): Float32Array {
  const half = TAPS_PER_FACTOR * factor;
  const taps = new Float32Array(2 * half + 1);
  const cutoff = 0.9 / factor; // relative to the input Nyquist
  let sum = 0;
  for (let k = -half; k <= half; k++) {
    const x = cutoff * k;
    const sinc = k === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    const window = 0.5 + 0.5 * Math.cos((Math.PI * k) / (half + 1));
    const value = sinc * window;
    taps[k + half] = value;
    sum += value;
  }
  for (let k = 0; k < taps.length; k++) taps[k]! /= sum;
  const outLength = Math.ceil(samples.length / factor);
  const out = new Float32Array(outLength);
  const inLength = samples.length;
  for (let n = 0; n < outLength; n++) {
    const centre = n * factor;
    let acc = 0;
    if (centre - half >= 0 && centre + half < inLength) {
      for (let k = 0, i = centre - half; k < taps.length; k++, i++) acc += taps[k]! * samples[i]!;
    } else {
      for (let k = 0; k < taps.length; k++) {
        const i = centre - half + k;
        if (i >= 0 && i < inLength) acc += taps[k]! * samples[i]!;
      }
    }
    out[n] = acc;
  }
  return out;
}

/**
 * Odd-indexed taps h[±1], h[±3], … of a Kaiser-windowed (β = 5) half-band lowpass with `count` taps per side;
 * h[0] = 0.5 and the even taps are zero by construction, so ÷2 costs count + 1 multiplies per output.
 */
function halfBandTaps(count: number): Float64Array {
  const taps = new Float64Array(count);
  const span = 2 * count; // window reaches zero just beyond the last odd tap
  const beta = 5;
  const i0 = (x: number) => {
    let sum = 1;
    let term = 1;
    for (let k = 1; k < 40; k++) {
      term *= (x / (2 * k)) ** 2;
      sum += term;
    }
    return sum;
  };
  let sum = 0;
  for (let j = 0; j < count; j++) {
    const k = 2 * j + 1;
    const sinc = Math.sin((Math.PI * k) / 2) / ((Math.PI * k) / 2);
    const window = i0(beta * Math.sqrt(1 - (k / span) ** 2)) / i0(beta);
    taps[j] = 0.5 * sinc * window;
    sum += 2 * taps[j]!;
  }
  // Normalize so that the DC gain (0.5 + Σ both sides) is exactly 1.
  for (let j = 0; j < count; j++) taps[j]! *= 0.5 / sum;
  return taps;
}

/** Half-band lowpass and ÷2 (output n = filtered input 2n). */
function halveRate(samples: Float32Array): Float32Array {
  const length = samples.length;
  const outLength = Math.ceil(length / 2);
  const out = new Float32Array(outLength);
  const count = HALF_BAND_TAPS.length;
  const reach = 2 * count - 1;
  for (let n = 0; n < outLength; n++) {
    const centre = 2 * n;
    let acc = 0.5 * samples[centre]!;
    if (centre - reach >= 0 && centre + reach < length) {
      for (let j = 0; j < count; j++) {
        const k = 2 * j + 1;
        acc += HALF_BAND_TAPS[j]! * (samples[centre - k]! + samples[centre + k]!);
      }
    } else {
      for (let j = 0; j < count; j++) {
        const k = 2 * j + 1;
        const before = centre - k >= 0 ? samples[centre - k]! : 0;
        const after = centre + k < length ? samples[centre + k]! : 0;
        acc += HALF_BAND_TAPS[j]! * (before + after);
      }
    }
    out[n] = acc;
  }
  return out;
}
