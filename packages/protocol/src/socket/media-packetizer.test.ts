import { describe, expect, it } from 'vitest';
import { MediaPacketizer } from './media-packetizer.js';

const frame = (fill: number) => new Uint8Array(640).fill(fill);

describe('MediaPacketizer', () => {
  it('sends two consecutive frames as one packet numbered by the first', () => {
    const packetizer = new MediaPacketizer(2);
    expect(packetizer.add(10, frame(1))).toEqual([]);
    const [packet, ...rest] = packetizer.add(11, frame(2));
    expect(rest).toEqual([]);
    expect(packet!.seq).toBe(10);
    expect(packet!.pcm.byteLength).toBe(1280);
    expect(packet!.pcm[0]).toBe(1);
    expect(packet!.pcm[640]).toBe(2);
    expect(packetizer.flush()).toBeNull();
  });

  it('copies frames, so a capture buffer can be reused at once', () => {
    const packetizer = new MediaPacketizer(2);
    const capture = frame(5);
    packetizer.add(0, capture);
    capture.fill(9);
    const [packet] = packetizer.add(1, capture);
    expect(packet!.pcm[0]).toBe(5);
    expect(packet!.pcm[640]).toBe(9);
  });

  it('flushes a held frame alone before a silence announcement, and when the sequence jumps', () => {
    const packetizer = new MediaPacketizer(2);
    packetizer.add(0, frame(1));
    const held = packetizer.flush();
    expect(held?.seq).toBe(0);
    expect(held?.pcm.byteLength).toBe(640);
    packetizer.add(5, frame(2));
    const out = packetizer.add(9, frame(3));
    expect(out.map((p) => [p.seq, p.pcm.byteLength])).toEqual([[5, 640]]);
    expect(packetizer.add(10, frame(4)).map((p) => [p.seq, p.pcm.byteLength])).toEqual([[9, 1280]]);
  });

  it('takes an ArrayBuffer, refuses a frame of the wrong size and a packet size out of range', () => {
    const packetizer = new MediaPacketizer(1);
    expect(packetizer.add(3, new ArrayBuffer(640))).toEqual([{ seq: 3, pcm: new Uint8Array(640) }]);
    expect(() => packetizer.add(4, new Uint8Array(320))).toThrow(RangeError);
    expect(() => new MediaPacketizer(0)).toThrow(RangeError);
    expect(() => new MediaPacketizer(4)).toThrow(RangeError);
  });
});
