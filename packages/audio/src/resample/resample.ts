// Offline band-limited resampling of a whole signal (polyphase windowed sinc, see polyphase-filter.ts).
// Guarantees: output length = ceil(input × toHz / fromHz); zero delay (output 0 is input 0); ≈ −80 dB aliasing;
// passband flat within 0.1 dB to ~0.85 × the lower Nyquist (8k↔16k, 22050→16000, 44100/48000→16000).

import { polyphaseFilter } from './polyphase-filter.js';

/**
 * Resamples `samples` from `fromHz` to `toHz` (integer rates). Equal rates return a copy.
 * The signal is treated as zero outside its bounds.
 */
export function resample(samples: Float32Array, fromHz: number, toHz: number): Float32Array {
  const filter = polyphaseFilter(fromHz, toHz);
  if (fromHz === toHz) return samples.slice();
  const { phaseCount, step, tapCount, halfTaps, coefficients } = filter;
  const inputLength = samples.length;
  const outputLength = Math.ceil((inputLength * phaseCount) / step);
  const out = new Float32Array(outputLength);
  let base = 0;
  let phase = 0;
  for (let n = 0; n < outputLength; n++) {
    const first = base - halfTaps + 1;
    const coefficientOffset = phase * tapCount;
    let acc = 0;
    if (first >= 0 && first + tapCount <= inputLength) {
      for (let k = 0; k < tapCount; k++) acc += coefficients[coefficientOffset + k]! * samples[first + k]!;
    } else {
      const from = Math.max(0, -first);
      const to = Math.min(tapCount, inputLength - first);
      for (let k = from; k < to; k++) acc += coefficients[coefficientOffset + k]! * samples[first + k]!;
    }
    out[n] = acc;
    phase += step;
    while (phase >= phaseCount) {
      phase -= phaseCount;
      base++;
    }
  }
  return out;
}
