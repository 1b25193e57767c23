// The agent jitter buffer places microphone frames on the call clock: in order on time,
// silence for a missing slot, and a frame after its slot reported as late (not played).
import { FRAME_SAMPLES_16K } from '@callsim/audio';
import { describe, expect, it } from 'vitest';
import { AgentJitterBuffer } from './agent-jitter-buffer.js';

const frame = (value: number) => new Int16Array(FRAME_SAMPLES_16K).fill(value);

describe('AgentJitterBuffer', () => {
  it('plays frames in their slots after the playout delay and hears them on arrival', () => {
    const buffer = new AgentJitterBuffer(2);
    const heard: number[] = [];
    expect(buffer.push(0, frame(1), 10)).toBe('stored');
    buffer.hear(10, (seq) => heard.push(seq));
    expect(heard).toEqual([0]);
    expect(buffer.slotTick(0)).toBe(12);
    expect(buffer.take(11)).toBeNull();
    expect(buffer.take(12)?.[0]).toBe(1);
    expect(buffer.stats).toMatchObject({ received: 1, played: 1, gaps: 0, late: 0 });
  });

  it('plays a missing slot as silence, then reports its frame as late', () => {
    const buffer = new AgentJitterBuffer(2);
    buffer.push(0, frame(1), 10);
    buffer.push(2, frame(3), 12);
    expect(buffer.take(12)?.[0]).toBe(1);
    expect(buffer.take(13)).toBeNull(); // seq 1 is missing
    expect(buffer.stats.gaps).toBe(1);
    expect(buffer.push(1, frame(2), 13)).toBe('late');
    expect(buffer.take(14)?.[0]).toBe(3);
    expect(buffer.push(2, frame(3), 14)).toBe('late');
    expect(buffer.push(3, frame(4), 14)).toBe('stored');
    expect(buffer.push(3, frame(4), 14)).toBe('duplicate');
    expect(buffer.stats).toMatchObject({ received: 6, played: 2, late: 2, duplicates: 1 });
  });

  it('hears an announced silence when its frames would have arrived, and counts no gaps for it', () => {
    const buffer = new AgentJitterBuffer(2);
    const heard: [number, boolean][] = [];
    const hear = (tick: number) => buffer.hear(tick, (seq, pcm) => heard.push([seq, pcm !== null]));
    buffer.push(0, frame(1), 10);
    buffer.silence(1, 11); // frames 1.. are not sent
    hear(11);
    expect(heard).toEqual([
      [0, true],
      [1, false],
    ]);
    hear(12); // seq 2 would have arrived at tick 12
    expect(heard.at(-1)).toEqual([2, false]);
    for (let tick = 12; tick <= 15; tick++) buffer.take(tick);
    expect(buffer.stats.gaps).toBe(0);
    // Speech again at seq 6: the silence ends there; frames before it that never came are silence.
    buffer.push(6, frame(7), 16);
    hear(16);
    expect(heard.map(([seq]) => seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(buffer.take(16)).toBeNull(); // seq 4
    expect(buffer.take(17)).toBeNull(); // seq 5
    expect(buffer.take(18)?.[0]).toBe(7);
    expect(buffer.stats.gaps).toBe(0);
    // A missing frame outside the announced silence is still a gap.
    buffer.push(8, frame(9), 18);
    buffer.take(19);
    expect(buffer.stats.gaps).toBe(1);
  });

  it('a late silence announcement still covers the slots not yet played', () => {
    const buffer = new AgentJitterBuffer(2);
    buffer.push(0, frame(1), 10);
    buffer.take(12); // seq 0
    buffer.take(13); // seq 1: missing, not yet known to be silence
    buffer.silence(1, 14); // arrives after its slot
    buffer.take(14); // seq 2
    buffer.push(5, frame(6), 15); // speech again: seqs 3 and 4 were silence, not lost
    buffer.take(15);
    buffer.take(16);
    expect(buffer.take(17)?.[0]).toBe(6);
    expect(buffer.stats.gaps).toBe(0);
  });
});
