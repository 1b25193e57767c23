// Viterbi choice of one candidate per frame (Praat's Pitch_pathFinder): strengths minus octave and
// voicing-transition costs. Guarantees: output Hz per frame, 0 = unvoiced; never above the ceiling.

import { type PitchCandidates, unvoicedStrength } from './pitch-candidates.js';
import type { PitchOptions } from './pitch-options.js';

/** Chooses the best path through the candidates; returns F0 in Hz per frame (0 = unvoiced). */
export function bestPitchPath(candidates: PitchCandidates, options: PitchOptions): Float32Array {
  const { frameCount, slots, count, frequencyHz, strength, relativePeak } = candidates;
  const { ceilingHz, octaveCost, voicingThreshold, silenceThreshold } = options;
  const out = new Float32Array(frameCount);
  if (frameCount === 0) return out;
  const timeStepCorrection = 10 / options.timeStepMs;
  const octaveJumpCost = options.octaveJumpCost * timeStepCorrection;
  const voicedUnvoicedCost = options.voicedUnvoicedCost * timeStepCorrection;

  // Local score and log2 F0 (NaN = unvoiced) of each candidate, for the current and the previous frame only
  // (no per-frame arrays: large fresh allocations are slow to touch).
  const score = new Float64Array(slots);
  let log2Hz = new Float64Array(slots);
  let previousLog2Hz = new Float64Array(slots);
  const fillFrame = (frame: number) => {
    const base = frame * slots;
    const unvoiced = unvoicedStrength(relativePeak[frame]!, voicingThreshold, silenceThreshold);
    for (let c = 0; c < count[frame]!; c++) {
      const f = frequencyHz[base + c]!;
      if (f > 0 && f <= ceilingHz) {
        log2Hz[c] = Math.log2(f);
        // Peaks kept only for a more lenient path cannot be chosen on this one.
        score[c] =
          strength[base + c]! <= 0.5 * voicingThreshold
            ? Number.NEGATIVE_INFINITY
            : strength[base + c]! - octaveCost * (Math.log2(ceilingHz) - log2Hz[c]!);
      } else {
        log2Hz[c] = Number.NaN;
        score[c] = unvoiced;
      }
    }
  };

  const back = new Uint8Array(frameCount * slots);
  let previous = new Float64Array(slots);
  let current = new Float64Array(slots);
  fillFrame(0);
  for (let c = 0; c < count[0]!; c++) previous[c] = score[c]!;
  for (let frame = 1; frame < frameCount; frame++) {
    [log2Hz, previousLog2Hz] = [previousLog2Hz, log2Hz];
    fillFrame(frame);
    const previousCount = count[frame - 1]!;
    const base = frame * slots;
    for (let c = 0; c < count[frame]!; c++) {
      const logF = log2Hz[c]!;
      const voiced = !Number.isNaN(logF);
      let best = Number.NEGATIVE_INFINITY;
      let bestPrevious = 0;
      for (let p = 0; p < previousCount; p++) {
        const previousLogF = previousLog2Hz[p]!;
        const previousVoiced = !Number.isNaN(previousLogF);
        let transition: number;
        if (voiced && previousVoiced) transition = octaveJumpCost * Math.abs(logF - previousLogF);
        else transition = voiced === previousVoiced ? 0 : voicedUnvoicedCost;
        const value = previous[p]! - transition;
        if (value > best) {
          best = value;
          bestPrevious = p;
        }
      }
      current[c] = best + score[c]!;
      back[base + c] = bestPrevious;
    }
    [previous, current] = [current, previous];
  }
  let choice = 0;
  for (let c = 1; c < count[frameCount - 1]!; c++) if (previous[c]! > previous[choice]!) choice = c;
  for (let frame = frameCount - 1; frame >= 0; frame--) {
    const index = frame * slots + choice;
    const f = frequencyHz[index]!;
    out[frame] = f > 0 && f <= ceilingHz ? f : 0;
    choice = back[index]!;
  }
  return out;
}
