import { FRAME_SAMPLES_16K } from '@callsim/audio';
import { describe, expect, it } from 'vitest';
import { CallerPlayer, type PlayerTick } from './caller-player.js';

/** A line of `frames` whole frames plus `extra` samples; sample i holds i (mod 32768). */
function line(frames: number, extra = 0): Int16Array {
  return Int16Array.from({ length: frames * FRAME_SAMPLES_16K + extra }, (_, i) => i % 32768);
}

function lineTick(tick: PlayerTick): Extract<PlayerTick, { kind: 'line' }> {
  if (tick.kind !== 'line') throw new Error(`expected a line frame, got ${tick.kind}`);
  return tick;
}

describe('CallerPlayer', () => {
  it('plays a line frame by frame and reports its start and end', () => {
    const player = new CallerPlayer();
    player.play(1, line(3));
    const ticks = [player.next(), player.next(), player.next(), player.next()];
    expect(ticks.map((t) => t.kind)).toEqual(['line', 'line', 'line', 'silence']);
    expect(ticks.slice(0, 3).map((t) => lineTick(t).started)).toEqual([true, false, false]);
    expect(ticks.slice(0, 3).map((t) => lineTick(t).ended)).toEqual([false, false, true]);
    expect(lineTick(ticks[1]!).frame[0]).toBe(FRAME_SAMPLES_16K);
  });

  it('packs a frame with the next whole frames of its line, as a view, without advancing playback', () => {
    const pcm = line(5, 100);
    const player = new CallerPlayer();
    player.play(1, pcm);
    const first = lineTick(player.next());
    const packet = player.packet(first, 2);
    expect(packet.length).toBe(2 * FRAME_SAMPLES_16K);
    expect(packet.buffer).toBe(pcm.buffer);
    expect(packet[0]).toBe(0);
    // The next tick still plays the second frame (it was only sent early).
    const second = lineTick(player.next());
    expect(second.frame[0]).toBe(FRAME_SAMPLES_16K);
    // Four whole frames and a 100-sample tail: the packet from frame 4 holds frame 4 and 5,
    // the padded tail frame goes alone.
    player.next();
    const fourth = lineTick(player.next());
    expect(player.packet(fourth, 3).length).toBe(2 * FRAME_SAMPLES_16K);
    const fifth = lineTick(player.next());
    expect(player.packet(fifth, 2).length).toBe(FRAME_SAMPLES_16K);
    const tail = lineTick(player.next());
    expect(tail.ended).toBe(true);
    expect(tail.frame.buffer).not.toBe(pcm.buffer);
    expect(player.packet(tail, 2)).toBe(tail.frame);
  });

  it('sends a single frame when asked for one, and for the last frame of a line', () => {
    const player = new CallerPlayer();
    player.play(7, line(2));
    const first = lineTick(player.next());
    expect(player.packet(first, 1)).toBe(first.frame);
    const last = lineTick(player.next());
    expect(last.ended).toBe(true);
    expect(player.packet(last, 2)).toBe(last.frame);
  });
});
