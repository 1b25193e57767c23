// μ-law and A-law against sox's own encoder (the sox fixtures) and against the G.711 error bound.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aLawDecode, aLawEncode } from './a-law.js';
import { muLawDecode, muLawEncode } from './mu-law.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '..', '__fixtures__', name)));

/** Left-channel bytes (8-bit, stereo interleaved) of a sox G.711 fixture whose data starts at offset 58. */
function soxLeftCodes(name: string): Uint8Array {
  const bytes = fixture(name);
  return Uint8Array.from({ length: 1600 }, (_, i) => bytes[58 + 2 * i]!);
}

function s16Left(): Int16Array {
  const bytes = fixture('stereo-s16.wav');
  const view = new DataView(bytes.buffer);
  return Int16Array.from({ length: 1600 }, (_, i) => view.getInt16(44 + 4 * i, true));
}

describe('G.711', () => {
  it('μ-law encodes the same bytes as sox for the same signal (±1 code at decision boundaries)', () => {
    const ours = muLawEncode(s16Left());
    const sox = soxLeftCodes('stereo-mulaw.wav');
    let exact = 0;
    for (let i = 0; i < ours.length; i++) {
      if (ours[i] === sox[i]) exact++;
      else
        expect(
          Math.abs(muLawDecode(ours.subarray(i, i + 1))[0]! - muLawDecode(sox.subarray(i, i + 1))[0]!),
        ).toBeLessThan(1100);
    }
    expect(exact / ours.length).toBeGreaterThan(0.95);
  });

  it('A-law encodes the same bytes as sox for the same signal', () => {
    const ours = aLawEncode(s16Left());
    const sox = soxLeftCodes('stereo-alaw.wav');
    let exact = 0;
    for (let i = 0; i < ours.length; i++) if (ours[i] === sox[i]) exact++;
    expect(exact / ours.length).toBeGreaterThan(0.95);
  });

  it.each([
    ['μ-law', muLawEncode, muLawDecode],
    ['A-law', aLawEncode, aLawDecode],
  ] as const)(
    '%s keeps every s16 value within its segment step (relative error ≤ 1/16 above 256)',
    (_, encode, decode) => {
      const all = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
      const back = decode(encode(all));
      for (let i = 0; i < all.length; i += 7) {
        const x = all[i]!;
        const error = Math.abs(back[i]! - x);
        expect(error).toBeLessThanOrEqual(Math.max(64, Math.abs(x) / 16) + 1);
      }
      expect(Math.sign(back[all.length - 1]!)).toBe(1);
      expect(Math.sign(back[0]!)).toBe(-1);
    },
  );
});
