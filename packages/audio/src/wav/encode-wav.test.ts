// encodeWav/wavHeader round-trips and the streaming-recorder pattern (header first, sizes patched later).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AudioError } from '../audio-error.js';
import { decodeWav } from './decode-wav.js';
import { encodeWav } from './encode-wav.js';
import { WAV_HEADER_BYTES, wavHeader } from './wav-header.js';

describe('encodeWav', () => {
  it('round-trips Int16 stereo exactly and is accepted by sox', () => {
    const left = Int16Array.from({ length: 800 }, (_, i) => Math.round(10000 * Math.sin(i / 7)));
    const right = Int16Array.from({ length: 800 }, (_, i) => (i % 50) * 600 - 15000);
    const bytes = encodeWav({ sampleRateHz: 8000, channels: [left, right] });
    expect(bytes.length).toBe(44 + 800 * 4);
    const decoded = decodeWav(bytes);
    expect(decoded.sampleRateHz).toBe(8000);
    expect(Array.from(decoded.channels[0]!, (v) => Math.round(v * 32768))).toEqual(Array.from(left));
    expect(Array.from(decoded.channels[1]!, (v) => Math.round(v * 32768))).toEqual(Array.from(right));
    const dir = mkdtempSync(join(tmpdir(), 'callsim-audio-'));
    writeFileSync(join(dir, 'x.wav'), bytes);
    const info = execFileSync('soxi', [join(dir, 'x.wav')], { encoding: 'utf8' });
    expect(info).toMatch(/Channels\s*:\s*2/);
    expect(info).toMatch(/Sample Rate\s*:\s*8000/);
    expect(info).toMatch(/800 samples/);
  });

  it('clips float input instead of wrapping around', () => {
    const decoded = decodeWav(
      encodeWav({ sampleRateHz: 16000, channels: [new Float32Array([1.5, -2, 0.5])] }),
    );
    expect(Array.from(decoded.channels[0]!)).toEqual([32767 / 32768, -1, 0.5]);
  });

  it('refuses channels of different lengths', () => {
    expect(() =>
      encodeWav({ sampleRateHz: 16000, channels: [new Int16Array(3), new Int16Array(4)] }),
    ).toThrow(AudioError);
  });
});

describe('wavHeader', () => {
  it('supports writing the header first and patching the sizes after appending frames', () => {
    const frames = [new Int16Array([1, 2, 3, 4]), new Int16Array([5, 6, 7, 8])];
    const provisional = wavHeader({ sampleRateHz: 16000, channelCount: 2, bitsPerSample: 16, dataBytes: 0 });
    expect(provisional.length).toBe(WAV_HEADER_BYTES);
    const file = new Uint8Array(WAV_HEADER_BYTES + 16);
    file.set(provisional, 0);
    frames.forEach((frame, f) => {
      const view = new DataView(file.buffer, WAV_HEADER_BYTES + f * 8, 8);
      frame.forEach((v, i) => {
        view.setInt16(i * 2, v, true);
      });
    });
    // Before patching (crash case): readable to the end of the file.
    expect(Array.from(decodeWav(file).channels[1]!, (v) => v * 32768)).toEqual([2, 4, 6, 8]);
    file.set(wavHeader({ sampleRateHz: 16000, channelCount: 2, bitsPerSample: 16, dataBytes: 16 }), 0);
    const view = new DataView(file.buffer);
    expect(view.getUint32(4, true)).toBe(36 + 16);
    expect(view.getUint32(40, true)).toBe(16);
    expect(Array.from(decodeWav(file).channels[0]!, (v) => v * 32768)).toEqual([1, 3, 5, 7]);
  });

  it('rejects impossible parameters', () => {
    expect(() => wavHeader({ sampleRateHz: 0, channelCount: 1, bitsPerSample: 16, dataBytes: 0 })).toThrow(
      AudioError,
    );
    expect(() => wavHeader({ sampleRateHz: 8000, channelCount: 1, bitsPerSample: 12, dataBytes: 0 })).toThrow(
      AudioError,
    );
  });
});
