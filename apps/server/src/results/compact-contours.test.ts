// The chart payload: pitch keeps voiced stretches and drops lone blips, long calls get a
// coarser grid, and pace counts syllables per minute of agent talk only.
import { describe, expect, it } from 'vitest';
import {
  contourStepMs,
  downsampleIntensity,
  downsamplePitch,
  MAX_CONTOUR_POINTS,
  paceSeries,
} from './compact-contours.js';

describe('compact contours', () => {
  it('takes the median of voiced frames, 0 when most frames are unvoiced', () => {
    const hz = Float32Array.from([200, 210, 220, 0, 0, /**/ 0, 0, 0, 0, 300, /**/ 180]);
    expect(downsamplePitch(hz, 5)).toEqual([210, 0, 180]);
    expect(downsampleIntensity(Float32Array.from([60, 62, 64, 66, 68, 70]), 5)).toEqual([64, 70]);
  });

  it('keeps 50 ms steps up to 5 minutes and stays under the point limit beyond', () => {
    expect(contourStepMs(300_000)).toBe(50);
    expect(contourStepMs(20_000)).toBe(50);
    const step = contourStepMs(45 * 60_000);
    expect(step).toBeGreaterThan(50);
    expect((45 * 60_000) / step).toBeLessThanOrEqual(MAX_CONTOUR_POINTS);
  });

  it('rates syllables per minute of agent talk, ignoring caller speech and silence', () => {
    // Agent talks 0–5 s: 20 syllables (240/min), 18 characters (216/min); caller syllables do not count.
    const agentSyllables = Array.from({ length: 20 }, (_, k) => 100 + k * 240);
    const callerSyllables = [6000, 6500, 7000, 7500, 8000];
    const pace = paceSeries(
      [...agentSyllables, ...callerSyllables],
      {
        locale: 'zh-CN',
        segments: [
          { speaker: 'agent', startMs: 0, endMs: 5000, text: '您好很高兴为您服务请问有什么可以帮您' },
          { speaker: 'caller', startMs: 6000, endMs: 9000, text: '我的杯子坏了' },
        ],
      },
      20_000,
    );
    expect(pace.syllablesPerMin[0]).toBe(240);
    expect(pace.syllablesPerMin[2]).toBe(240);
    expect(pace.syllablesPerMin.slice(5)).toEqual(Array(6).fill(null));
    expect(pace.segments).toEqual([{ startMs: 0, endMs: 5000, perMin: 216 }]);
    expect(pace.segmentUnit).toBe('chars/min');
  });
});
