// Streaming resampler for 20 ms frames: same filter as resample(), with a fixed latency of `latencySamples`.
// Guarantees: after N input samples in total, exactly ceil(N × toHz / fromHz) output samples were returned
// (so 20 ms in → 20 ms out for 8k/16k/22.05k/48k); memory is bounded by one frame plus the filter length.

import { polyphaseFilter } from './polyphase-filter.js';

/** A stateful resampler fed frame by frame. */
export interface StreamingResampler {
  /** Input sample rate in Hz. */
  readonly fromHz: number;
  /** Output sample rate in Hz. */
  readonly toHz: number;
  /** Delay added by the filter, in input samples (output lags input by this much). */
  readonly latencySamples: number;
  /** Feeds one frame (any length); returns the output samples now available. */
  push(frame: Float32Array): Float32Array;
  /** Clears history, as if newly created. */
  reset(): void;
}

/** Creates a streaming resampler from `fromHz` to `toHz` (integer rates). */
export function createResampler(fromHz: number, toHz: number): StreamingResampler {
  const filter = polyphaseFilter(fromHz, toHz);
  const { phaseCount, step, tapCount, halfTaps, coefficients } = filter;
  const identity = fromHz === toHz;
  const latencySamples = identity ? 0 : halfTaps;
  // history[0] holds input index `historyStart`; it always keeps the last tapCount samples.
  let history = new Float32Array(0);
  let historyLength = 0;
  let historyStart = 0;
  let inputTotal = 0;
  let outputTotal = 0;
  let phase = 0;
  // Output n is centred on input position n·step/phaseCount − halfTaps; `base` is floor of that position + halfTaps.
  let base = 0;

  function reset(): void {
    history = new Float32Array(tapCount); // zeros stand for the signal before the first sample
    historyLength = tapCount;
    historyStart = -tapCount;
    inputTotal = 0;
    outputTotal = 0;
    phase = 0;
    base = 0;
  }
  reset();

  function push(frame: Float32Array): Float32Array {
    if (identity) return frame.slice();
    // Append the frame to the history.
    const needed = historyLength + frame.length;
    if (needed > history.length) {
      const grown = new Float32Array(Math.max(needed, history.length * 2));
      grown.set(history.subarray(0, historyLength));
      history = grown;
    }
    history.set(frame, historyLength);
    historyLength += frame.length;
    inputTotal += frame.length;

    const targetTotal = Math.ceil((inputTotal * phaseCount) / step);
    const out = new Float32Array(targetTotal - outputTotal);
    for (let i = 0; i < out.length; i++) {
      // Input indices used: base − 2·halfTaps + 1 … base, all ≤ inputTotal − 1 by construction.
      const first = base - tapCount + 1 - historyStart;
      const coefficientOffset = phase * tapCount;
      let acc = 0;
      for (let k = 0; k < tapCount; k++) acc += coefficients[coefficientOffset + k]! * history[first + k]!;
      out[i] = acc;
      phase += step;
      while (phase >= phaseCount) {
        phase -= phaseCount;
        base++;
      }
    }
    outputTotal = targetTotal;
    // Drop history no longer needed (keep everything from the next output's first tap).
    const keepFrom = base - tapCount + 1 - historyStart;
    if (keepFrom > 0) {
      history.copyWithin(0, keepFrom, historyLength);
      historyLength -= keepFrom;
      historyStart += keepFrom;
    }
    return out;
  }

  return { fromHz, toHz, latencySamples, push, reset };
}
