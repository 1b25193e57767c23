import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { FramePacer } from './frame-pacer.js';

describe('FramePacer', () => {
  it('deals subscribers into lanes due frameMs / lanes apart, each lane once per frame', async () => {
    const pacer = new FramePacer(20, 4);
    const calls: { lane: number; atMs: number }[] = [];
    const startedMs = performance.now();
    const stops = [0, 1, 2, 3].map((lane) => pacer.add((nowMs) => calls.push({ lane, atMs: nowMs })));
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const stop of stops) stop();
    const frames = (performance.now() - startedMs) / 20;
    // One lane per 5 ms step, in turn: 0, 1, 2, 3, 0, 1, … (a late timer catches up in order).
    expect(calls.length).toBeGreaterThanOrEqual(16);
    expect(calls.map((c) => c.lane)).toEqual(calls.map((_, i) => i % 4));
    // Every lane runs at the 20 ms frame rate (±1 frame for the edges), even if a timer was late.
    for (const lane of [0, 1, 2, 3]) {
      const n = calls.filter((c) => c.lane === lane).length;
      expect(n).toBeGreaterThanOrEqual(Math.floor(frames) - 1);
      expect(n).toBeLessThanOrEqual(Math.ceil(frames) + 1);
    }
  });

  it('keeps one lane when not asked for more, and stops when the last subscriber leaves', async () => {
    const pacer = new FramePacer();
    let a = 0;
    let b = 0;
    const stopA = pacer.add(() => a++);
    const stopB = pacer.add(() => b++);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Same lane: every step calls both.
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
    stopA();
    stopB();
    const frozen = b;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(b).toBe(frozen);
  });

  it('refuses a lane count that is not a whole number from 1 to frameMs', () => {
    expect(() => new FramePacer(20, 0)).toThrow(RangeError);
    expect(() => new FramePacer(20, 21)).toThrow(RangeError);
    expect(() => new FramePacer(20, 2.5)).toThrow(RangeError);
  });
});
