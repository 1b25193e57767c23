// FrameClock: ms ↔ frame conversion, outgoing sequence numbers, and arrival classification with given times.
import { describe, expect, it } from 'vitest';
import { FrameClock } from './frame-clock.js';

describe('FrameClock', () => {
  it('converts between frame index and milliseconds for 20 ms frames', () => {
    const clock = new FrameClock();
    expect(clock.msForFrame(50)).toBe(1000);
    expect(clock.frameForMs(1019)).toBe(50);
    expect(clock.frameForMs(1020)).toBe(51);
    expect(clock.framesForDuration(1001)).toBe(51);
    expect(new FrameClock({ frameMs: 10 }).msForFrame(3)).toBe(30);
  });

  it('hands out consecutive sequence numbers from firstSeq', () => {
    const clock = new FrameClock({ firstSeq: 7 });
    expect([clock.next(), clock.next(), clock.next()]).toEqual([7, 8, 9]);
  });

  it('counts gaps, late (recovered) frames and duplicates', () => {
    const clock = new FrameClock();
    const kinds = [0, 1, 2, 5, 3, 3, 6, 9, 4].map((seq) => clock.receive(seq).kind);
    expect(kinds).toEqual([
      'first',
      'in-order',
      'in-order',
      'gap',
      'late',
      'duplicate',
      'in-order',
      'gap',
      'late',
    ]);
    expect(clock.arrivalStats()).toEqual({
      received: 8,
      missing: 2, // 7 and 8
      gaps: 2,
      late: 2,
      duplicates: 1,
      stale: 0,
      highestSeq: 9,
    });
  });

  it('reports each frame’s offset from its scheduled arrival time (times are passed in)', () => {
    const clock = new FrameClock();
    expect(clock.receive(0, 1000).offsetMs).toBe(0);
    expect(clock.receive(1, 1025).offsetMs).toBe(5);
    expect(clock.receive(2, 1038).offsetMs).toBe(-2);
    expect(clock.receive(4, 1130).offsetMs).toBe(50);
    expect(clock.receive(5).offsetMs).toBeUndefined();
  });

  it('classifies frames older than the window as stale and keeps memory bounded', () => {
    const clock = new FrameClock({ windowFrames: 10 });
    for (let seq = 0; seq < 100; seq++) clock.receive(seq);
    expect(clock.receive(50).kind).toBe('stale');
    expect(clock.receive(95).kind).toBe('duplicate');
    expect(clock.arrivalStats().stale).toBe(1);
  });
});
