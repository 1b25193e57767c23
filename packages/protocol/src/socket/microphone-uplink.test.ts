import { describe, expect, it } from 'vitest';
import { MicrophoneUplink } from './microphone-uplink.js';
import { HANGOVER_FRAMES } from './silence-suppression.js';

function recorder() {
  const sent: string[] = [];
  return {
    sent,
    sink: {
      packet: (p: { seq: number; pcm: Uint8Array }) => sent.push(`packet ${p.seq}×${p.pcm.byteLength / 640}`),
      silence: (seq: number) => sent.push(`silence ${seq}`),
    },
  };
}

describe('MicrophoneUplink', () => {
  it('numbers every frame, sends speech two frames a packet, flushes the held frame before announcing a silence', () => {
    const uplink = new MicrophoneUplink();
    const { sent, sink } = recorder();
    const frame = new Uint8Array(640);
    // 3 loud frames, then quiet ones: the hangover is sent, the next quiet frame announced, the rest skipped.
    const levels = [-20, -20, -20, ...Array(HANGOVER_FRAMES + 3).fill(-90), -25, -25];
    const onWire = levels.map((db) => uplink.push(frame, db, sink));
    const announced = 3 + HANGOVER_FRAMES;
    expect(onWire).toEqual([...Array(announced).fill(true), false, false, false, true, true]);
    // 13 frames sent before the announcement: six full packets and the last frame alone.
    expect(sent).toEqual([
      'packet 0×2',
      'packet 2×2',
      'packet 4×2',
      'packet 6×2',
      'packet 8×2',
      'packet 10×2',
      'packet 12×1',
      `silence ${announced}`,
      `packet ${announced + 3}×2`,
    ]);
  });

  it('starts again at 0 after reset, dropping a held frame', () => {
    const uplink = new MicrophoneUplink();
    const { sent, sink } = recorder();
    uplink.push(new Uint8Array(640), -20, sink);
    uplink.reset();
    uplink.push(new Uint8Array(640), -20, sink);
    uplink.push(new Uint8Array(640), -20, sink);
    expect(sent).toEqual(['packet 0×2']);
  });

  it('treats a muted microphone (-Infinity) as quiet', () => {
    const uplink = new MicrophoneUplink(1);
    const { sent, sink } = recorder();
    for (let i = 0; i <= HANGOVER_FRAMES + 1; i++)
      uplink.push(new ArrayBuffer(640), Number.NEGATIVE_INFINITY, sink);
    expect(sent.at(-1)).toBe(`silence ${HANGOVER_FRAMES}`);
    expect(sent).toHaveLength(HANGOVER_FRAMES + 1);
  });
});
