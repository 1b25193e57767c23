// Resampling quality (passband accuracy, alias rejection, agreement with sox) and streaming = offline.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rmsDb } from '../level/rms-db.js';
import { decodeWav } from '../wav/decode-wav.js';
import { resample } from './resample.js';
import { createResampler } from './streaming-resampler.js';

function sine(frequencyHz: number, sampleRateHz: number, length: number, amplitude = 0.5): Float32Array {
  return Float32Array.from(
    { length },
    (_, i) => amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRateHz),
  );
}

/** SNR in dB of `actual` against the ideal sine, ignoring `edge` samples at each end (filter warm-up). */
function snrDb(actual: Float32Array, ideal: Float32Array, edge: number): number {
  let signal = 0;
  let noise = 0;
  for (let i = edge; i < Math.min(actual.length, ideal.length) - edge; i++) {
    signal += ideal[i]! ** 2;
    noise += (actual[i]! - ideal[i]!) ** 2;
  }
  return 10 * Math.log10(signal / noise);
}

describe('resample', () => {
  it.each([
    [8000, 16000, 1000],
    [16000, 8000, 1000],
    [22050, 16000, 3000],
    [48000, 16000, 5000],
    [16000, 16000, 440],
  ])('%d → %d Hz keeps a %d Hz tone with SNR > 60 dB and length ceil(n × ratio)', (fromHz, toHz, toneHz) => {
    const input = sine(toneHz, fromHz, fromHz / 2);
    const output = resample(input, fromHz, toHz);
    expect(output.length).toBe(Math.ceil((input.length * toHz) / fromHz));
    expect(snrDb(output, sine(toneHz, toHz, output.length), 200)).toBeGreaterThan(60);
  });

  it('passband is flat within 0.1 dB up to 3.4 kHz when going 16 kHz → 8 kHz', () => {
    const output = resample(sine(3400, 16000, 16000), 16000, 8000);
    expect(Math.abs(rmsDb(output.subarray(200, -200)) - rmsDb(sine(3400, 8000, 8000)))).toBeLessThan(0.1);
  });

  it('rejects a 7 kHz tone by more than 70 dB when going 16 kHz → 8 kHz (it would alias to 1 kHz)', () => {
    const output = resample(sine(7000, 16000, 16000), 16000, 8000);
    expect(rmsDb(output.subarray(200, -200)) - rmsDb(sine(7000, 16000, 16000))).toBeLessThan(-70);
  });

  it('agrees with sox (very high quality) on real speech 22050 → 16000 Hz within −45 dB', () => {
    const fixturePath = join(import.meta.dirname, '..', '__fixtures__', 'speech-22050.wav');
    const speech = decodeWav(new Uint8Array(readFileSync(fixturePath))).channels[0]!;
    const outPath = join(mkdtempSync(join(tmpdir(), 'callsim-resample-')), 'sox.wav');
    // sox's linear-phase default: its output is aligned with its input like ours.
    execFileSync('sox', [
      '-D',
      fixturePath,
      '-e',
      'floating-point',
      '-b',
      '32',
      outPath,
      'rate',
      '-v',
      '-b',
      '90',
      '16000',
    ]);
    const sox = decodeWav(new Uint8Array(readFileSync(outPath))).channels[0]!;
    const ours = resample(speech, 22050, 16000);
    expect(Math.abs(ours.length - sox.length)).toBeLessThanOrEqual(1);
    const length = Math.min(ours.length, sox.length);
    const difference = Float32Array.from({ length }, (_, i) => ours[i]! - sox[i]!);
    expect(rmsDb(difference) - rmsDb(sox)).toBeLessThan(-45);
  });
});

describe('createResampler', () => {
  it.each([
    [8000, 16000, 160, 320],
    [16000, 8000, 320, 160],
    [22050, 16000, 441, 320],
    [48000, 16000, 960, 320],
  ])('%d → %d Hz: every %d-sample frame yields exactly %d samples', (fromHz, toHz, inFrame, outFrame) => {
    const resampler = createResampler(fromHz, toHz);
    for (let f = 0; f < 20; f++) expect(resampler.push(new Float32Array(inFrame))).toHaveLength(outFrame);
  });

  it('matches the offline resampler delayed by its latency', () => {
    const input = sine(700, 8000, 8000);
    const offline = resample(input, 8000, 16000);
    const resampler = createResampler(8000, 16000);
    const chunks: Float32Array[] = [];
    for (let i = 0; i < input.length; i += 160) chunks.push(resampler.push(input.subarray(i, i + 160)));
    const streamed = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      streamed.set(chunk, offset);
      offset += chunk.length;
    }
    const delay = (resampler.latencySamples * 16000) / 8000;
    let worst = 0;
    for (let i = delay; i < streamed.length; i++)
      worst = Math.max(worst, Math.abs(streamed[i]! - offline[i - delay]!));
    expect(worst).toBeLessThan(1e-5);
    resampler.reset();
    expect(resampler.push(new Float32Array(160).fill(0.3))[0]).toBe(0);
  });
});
