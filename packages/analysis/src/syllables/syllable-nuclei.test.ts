// Syllable nuclei on synthetic contours: dips, voicing, sounding segments, threshold.
import { describe, expect, it } from 'vitest';
import type { Segment } from '../segmentation/detect-pauses.js';
import { syllableNuclei } from './syllable-nuclei.js';

/** A contour of raised-cosine bumps (peak dB) over a floor, 10 ms frames, 200 ms per bump. */
function bumps(peaksDb: number[], floorDb: number): Float32Array {
  const values: number[] = [];
  for (const peak of peaksDb) {
    for (let i = 0; i < 20; i++)
      values.push(floorDb + (peak - floorDb) * 0.5 * (1 - Math.cos((2 * Math.PI * i) / 20)));
  }
  values.push(floorDb);
  return Float32Array.from(values);
}

const allSounding = (frames: number): Segment[] => [{ kind: 'sounding', startMs: 0, endMs: frames * 10 }];
const voiced = (frames: number) => new Float32Array(frames).fill(120);

describe('syllableNuclei', () => {
  it('finds one nucleus per voiced bump separated by deep enough dips, at the bump maxima', () => {
    const intensityDb = bumps([75, 78, 74], 60);
    const times = syllableNuclei({
      intensityDb,
      pitchHz: voiced(intensityDb.length),
      segments: allSounding(intensityDb.length),
      timeStepMs: 10,
    });
    expect(times).toEqual([105, 305, 505]);
  });

  it('merges bumps whose dip is shallower than minDipDb into one nucleus', () => {
    const intensityDb = bumps([75, 76], 74); // dips of 1–2 dB
    const input = {
      intensityDb,
      pitchHz: voiced(intensityDb.length),
      segments: allSounding(intensityDb.length),
      timeStepMs: 10,
    };
    expect(syllableNuclei(input)).toHaveLength(1);
    expect(syllableNuclei(input, { minDipDb: 0.5 })).toHaveLength(2);
  });

  it('skips unvoiced peaks, peaks in pauses and peaks far below the loudest part', () => {
    const intensityDb = bumps([75, 78, 74, 45], 30);
    const pitchHz = voiced(intensityDb.length);
    pitchHz.fill(0, 0, 20); // first bump unvoiced (a fricative)
    const segments: Segment[] = [
      { kind: 'sounding', startMs: 0, endMs: 400 },
      { kind: 'silent', startMs: 400, endMs: 600 },
      { kind: 'sounding', startMs: 600, endMs: 810 },
    ];
    // bump 2 voiced & sounding; bump 3 in a pause; bump 4 is 33 dB below the maximum.
    expect(syllableNuclei({ intensityDb, pitchHz, segments, timeStepMs: 10 })).toEqual([305]);
  });

  it('returns nothing for contours too short to have a peak', () => {
    expect(
      syllableNuclei({
        intensityDb: new Float32Array(2),
        pitchHz: new Float32Array(2),
        segments: [],
        timeStepMs: 10,
      }),
    ).toEqual([]);
  });
});
