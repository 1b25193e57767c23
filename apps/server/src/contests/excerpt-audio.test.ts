// Excerpts of real recordings (espeak-ng speech): only the agent's left channel of the span
// is kept, the voice measures describe that speech, and unusable spans are refused.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeWav } from '@callsim/audio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCallRecording } from './__fixtures__/contest-fixtures.js';
import { cutExcerpt } from './excerpt-audio.js';

let dir: string;
let recording: { path: string; durationMs: number };

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'callsim-excerpt-'));
  recording = makeCallRecording(dir, 'call');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rms = (samples: Float32Array) => Math.sqrt(samples.reduce((sum, v) => sum + v * v, 0) / samples.length);

describe('cutExcerpt', () => {
  it('keeps the agent channel of the span as mono audio and measures pace, pitch and loudness', async () => {
    const outPath = path.join(dir, 'out', 'entry.wav');
    const excerpt = await cutExcerpt({ recordingPath: recording.path, startMs: 300, endMs: 3300, outPath });
    const wav = decodeWav(readFileSync(outPath));
    expect(wav.channels).toHaveLength(1);
    expect(wav.channels[0]!.length).toBe(48_000);
    const source = decodeWav(readFileSync(recording.path));
    expect(Array.from(wav.channels[0]!.subarray(8000, 8010))).toEqual(
      Array.from(source.channels[0]!.subarray(300 * 16 + 8000, 300 * 16 + 8010)),
    );
    expect(rms(wav.channels[0]!)).toBeGreaterThan(0.01);
    expect(excerpt).toMatchObject({ startMs: 300, endMs: 3300 });
    const m = excerpt.measures;
    expect(m.durationMs).toBe(3000);
    expect(m.voicedMs).toBeGreaterThan(1500);
    expect(m.articulationRatePerMin).toBeGreaterThan(120);
    expect(m.articulationRatePerMin).toBeLessThan(600);
    expect(m.f0MedianHz).toBeGreaterThan(70);
    expect(m.f0MedianHz).toBeLessThan(300);
    expect(m.f0SdSemitones).toBeGreaterThan(0);
    expect(m.intensityMeanDb).toBeGreaterThan(40);
  });

  it('defaults to the whole recording', async () => {
    const excerpt = await cutExcerpt({ recordingPath: recording.path, outPath: path.join(dir, 'whole.wav') });
    expect(excerpt.startMs).toBe(0);
    expect(Math.abs(excerpt.endMs - recording.durationMs)).toBeLessThanOrEqual(1);
  });

  it('refuses a span where only the caller speaks, too short, or outside the recording', async () => {
    const outPath = path.join(dir, 'refused.wav');
    const reason = (startMs: number, endMs: number) =>
      cutExcerpt({ recordingPath: recording.path, startMs, endMs, outPath }).then(
        () => 'accepted',
        (error: { code: string; details: { reason: string } }) => `${error.code}: ${error.details.reason}`,
      );
    expect(await reason(recording.durationMs - 2500, recording.durationMs)).toBe(
      'CONTEST_EXCERPT_INVALID: the agent is silent in this excerpt',
    );
    expect(await reason(1000, 2500)).toBe('CONTEST_EXCERPT_INVALID: the excerpt is shorter than 2 s');
    expect(await reason(0, recording.durationMs + 5000)).toBe(
      'CONTEST_EXCERPT_INVALID: the excerpt ends after the end of the recording',
    );
    expect(
      await cutExcerpt({ recordingPath: path.join(dir, 'missing.wav'), outPath }).catch(
        (e: Error) => e.message,
      ),
    ).toBe('the recording file is missing');
  });
});
