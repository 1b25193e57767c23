// Statistics of an analysis contour over one stretch of the call (an agent turn), on the
// contours' 10 ms grid. Guarantees: frames outside the contour are ignored; unvoiced
// frames (0 Hz) never enter pitch statistics; too few frames give null, not a guess.
import type { ChannelContours } from '@callsim/analysis';

/** Fewest voiced frames (10 ms each) for a per-turn pitch spread. */
export const MIN_VOICED_FRAMES = 30;

/** Frame range [from, to) of `startMs`–`endMs` on the contour grid. */
function frames(contours: ChannelContours, startMs: number, endMs: number): [number, number] {
  const length = contours.pitchHz.length;
  const from = Math.max(0, Math.floor(startMs / contours.timeStepMs));
  const to = Math.min(length, Math.ceil(endMs / contours.timeStepMs));
  return [from, Math.max(from, to)];
}

/** SD of F0 in semitones (re the window's median) over voiced frames; null when too few. */
export function pitchSdSemitonesIn(contours: ChannelContours, startMs: number, endMs: number): number | null {
  const [from, to] = frames(contours, startMs, endMs);
  const voiced: number[] = [];
  for (let i = from; i < to; i++) {
    const hz = contours.pitchHz[i]!;
    if (hz > 0) voiced.push(hz);
  }
  if (voiced.length < MIN_VOICED_FRAMES) return null;
  const sorted = [...voiced].sort((a, b) => a - b);
  const medianHz = sorted[Math.floor(sorted.length / 2)]!;
  const semitones = voiced.map((hz) => 12 * Math.log2(hz / medianHz));
  const mean = semitones.reduce((a, b) => a + b, 0) / semitones.length;
  const variance = semitones.reduce((a, b) => a + (b - mean) ** 2, 0) / semitones.length;
  return Math.sqrt(variance);
}
