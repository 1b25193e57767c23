// normalizeClip on real audio made with espeak-ng and sox: WAV in any shape becomes a
// 16 kHz mono clip of the same length; FLAC goes through sox; webm, silence and noise files are refused.
import { execFileSync } from 'node:child_process';
import { decodeWav, encodeWav } from '@callsim/audio';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeClip } from './line-recording.js';

let speech22k: Buffer;

beforeAll(() => {
  speech22k = execFileSync('espeak-ng', ['-v', 'en-us', '--stdout', 'Where is my parcel? It is late again.']);
});

const sox = (input: Buffer, args: string[]) =>
  execFileSync('sox', ['-V1', '-t', 'wav', '-', ...args], { input, maxBuffer: 64 * 1024 * 1024 });

describe('normalizeClip', () => {
  it('turns a 48 kHz stereo float WAV into 16 kHz mono s16 of the same duration', async () => {
    const input = sox(speech22k, [
      '-r',
      '48000',
      '-c',
      '2',
      '-e',
      'floating-point',
      '-b',
      '32',
      '-t',
      'wav',
      '-',
    ]);
    const source = decodeWav(new Uint8Array(input));
    const sourceMs = (source.channels[0]!.length / source.sampleRateHz) * 1000;
    const clip = await normalizeClip(new Uint8Array(input));
    const out = decodeWav(clip.wav);
    expect(out).toMatchObject({ sampleRateHz: 16000, bitsPerSample: 16, format: 'pcm' });
    expect(out.channels).toHaveLength(1);
    expect(Math.abs(clip.durationMs - sourceMs)).toBeLessThan(5);
  });

  it('decodes FLAC with sox', async () => {
    const flac = sox(speech22k, ['-t', 'flac', '-']);
    const clip = await normalizeClip(new Uint8Array(flac));
    expect(decodeWav(clip.wav).sampleRateHz).toBe(16000);
    expect(clip.durationMs).toBeGreaterThan(1000);
  });

  it('refuses webm, unknown bytes, silence and over-long clips with a reason', async () => {
    const webm = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, ...new Array(60).fill(1)]);
    await expect(normalizeClip(webm)).rejects.toMatchObject({
      code: 'CLIP_INVALID',
      details: { reason: expect.stringMatching(/webm/) },
    });
    await expect(normalizeClip(new TextEncoder().encode('this is not audio at all'))).rejects.toMatchObject({
      code: 'CLIP_INVALID',
    });
    const silent = encodeWav({ sampleRateHz: 16000, channels: [new Int16Array(16000)] });
    await expect(normalizeClip(silent)).rejects.toMatchObject({
      details: { reason: expect.stringMatching(/silent/) },
    });
    const long = new Float32Array(16000 * 61).map((_, i) => 0.3 * Math.sin(i / 5));
    await expect(normalizeClip(encodeWav({ sampleRateHz: 16000, channels: [long] }))).rejects.toMatchObject({
      details: { reason: expect.stringMatching(/longer than 60 s/) },
    });
  });
});
