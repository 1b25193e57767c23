// Sounding/silent segmentation of intensity contours: thresholds, minimum pause, blips, silence.
import { describe, expect, it } from 'vitest';
import { detectPauses, summarizeSegments } from './detect-pauses.js';

/** Builds a 10 ms contour from [dB, durationMs] pieces. */
function contour(...pieces: Array<[number, number]>): Float32Array {
  const values: number[] = [];
  for (const [db, durationMs] of pieces) for (let t = 0; t < durationMs; t += 10) values.push(db);
  return Float32Array.from(values);
}

describe('detectPauses', () => {
  it('marks frames more than 25 dB below the maximum as silent, and keeps leading/trailing silence out of pauses', () => {
    const segments = detectPauses(contour([40, 300], [80, 500], [50, 600], [78, 400], [30, 200]), 10);
    expect(segments.map((s) => [s.kind, s.startMs, s.endMs])).toEqual([
      ['silent', 0, 300],
      ['sounding', 300, 800],
      ['silent', 800, 1400],
      ['sounding', 1400, 1800],
      ['silent', 1800, 2000],
    ]);
    expect(summarizeSegments(segments)).toEqual({ soundingMs: 900, pauses: { count: 1, longestMs: 600 } });
  });

  it('does not count silences shorter than the minimum pause (default 250 ms), but honours a custom one', () => {
    const values = contour([80, 500], [40, 200], [80, 500]);
    expect(summarizeSegments(detectPauses(values, 10)).pauses.count).toBe(0);
    expect(summarizeSegments(detectPauses(values, 10, { minPauseMs: 150 })).pauses).toEqual({
      count: 1,
      longestMs: 200,
    });
  });

  it('ignores a click shorter than 50 ms inside a long pause', () => {
    const segments = detectPauses(contour([80, 500], [40, 400], [75, 30], [40, 400], [80, 500]), 10);
    expect(summarizeSegments(segments).pauses).toEqual({ count: 1, longestMs: 830 });
  });

  it('treats a contour that never exceeds minSpeechDb as silent, and an empty one as nothing', () => {
    expect(detectPauses(contour([10, 1000]), 10)).toEqual([{ kind: 'silent', startMs: 0, endMs: 1000 }]);
    expect(summarizeSegments(detectPauses(contour([10, 1000]), 10))).toEqual({
      soundingMs: 0,
      pauses: { count: 0, longestMs: 0 },
    });
    expect(detectPauses(new Float32Array(0), 10)).toEqual([]);
  });
});
