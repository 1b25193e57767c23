// Pitch tracking on real recordings and sox tones: rates, octave safety, voicing, DC and clipping.
import { readFileSync } from 'node:fs';
import { decodeWav, resample } from '@callsim/audio';
import { describe, expect, it } from 'vitest';
import { corpusWav, semitones } from '../__fixtures__/corpus.js';
import { summarizePitch } from './pitch-summary.js';
import { trackPitch } from './track-pitch.js';

const medianOf = (samples: Float32Array, rateHz: number) =>
  summarizePitch(trackPitch(samples, rateHz).hz).medianHz;

describe('trackPitch', () => {
  it('returns one frame per 10 ms, 0 Hz in silence and the tone frequency while it sounds', () => {
    const tone = corpusWav('tone-sawtooth-150.wav').channels[0]!; // 2 s
    const padded = new Float32Array(tone.length + 16000);
    padded.set(tone, 8000); // 0.5 s silence, 2 s tone, 0.5 s silence
    const { hz, timeStepMs } = trackPitch(padded, 16000);
    expect(timeStepMs).toBe(10);
    expect(hz).toHaveLength(300);
    expect(hz.subarray(0, 40).every((f) => f === 0)).toBe(true);
    expect(hz.subarray(260).every((f) => f === 0)).toBe(true);
    const middle = Array.from(hz.subarray(60, 240));
    expect(middle.every((f) => Math.abs(semitones(f, 150)) < 0.2)).toBe(true);
  });

  it('does not jump an octave on a sawtooth rich in harmonics (100–300 Hz)', () => {
    for (const f0Hz of [100, 150, 220, 300]) {
      const { hz } = trackPitch(corpusWav(`tone-sawtooth-${f0Hz}.wav`).channels[0]!, 16000);
      const voiced = Array.from(hz).filter((f) => f > 0);
      expect(voiced.length).toBeGreaterThan(180);
      expect(voiced.every((f) => Math.abs(semitones(f, f0Hz)) < 1)).toBe(true);
    }
  });

  it('gives the same median for a real 8 kHz prompt and its 16, 44.1 and 48 kHz versions', () => {
    const original = decodeWav(new Uint8Array(readFileSync('/usr/share/asterisk/sounds/en/agent-user.wav')));
    expect(original.sampleRateHz).toBe(8000);
    const at8k = medianOf(original.channels[0]!, 8000);
    const at16k = medianOf(corpusWav('asterisk-agent-user.wav').channels[0]!, 16000);
    const at44k = medianOf(resample(original.channels[0]!, 8000, 44100), 44100);
    const at48k = medianOf(resample(original.channels[0]!, 8000, 48000), 48000);
    expect(at8k).toBeGreaterThan(150); // a female voice
    expect(Math.abs(semitones(at16k, at8k))).toBeLessThan(0.3);
    expect(Math.abs(semitones(at44k, at8k))).toBeLessThan(0.3);
    expect(Math.abs(semitones(at48k, at8k))).toBeLessThan(0.3);
  });

  it('is unaffected by a DC offset and by hard clipping', () => {
    const speech = corpusWav('en-04-s140-p35.wav').channels[0]!;
    const reference = medianOf(speech, 16000);
    const offset = speech.map((v) => v + 0.25);
    const clipped = speech.map((v) => Math.max(-0.2, Math.min(0.2, v * 4)));
    expect(Math.abs(semitones(medianOf(offset, 16000), reference))).toBeLessThan(0.2);
    expect(Math.abs(semitones(medianOf(clipped, 16000), reference))).toBeLessThan(0.5);
  });

  it('handles empty, very short and silent input without voicing anything', () => {
    expect(trackPitch(new Float32Array(0), 16000).hz).toHaveLength(0);
    expect(trackPitch(new Float32Array(100), 16000).hz).toHaveLength(0);
    expect(Array.from(trackPitch(new Float32Array(1600), 16000).hz)).toEqual(new Array(10).fill(0));
    const short = corpusWav('tone-sine-220.wav').channels[0]!.subarray(8000, 8800); // 50 ms of tone
    expect(() => trackPitch(short, 16000)).not.toThrow();
  });

  it('honours a custom pitch range (a 300 Hz tone is unvoiced with a 250 Hz ceiling)', () => {
    const tone = corpusWav('tone-sine-300.wav').channels[0]!;
    const { hz } = trackPitch(tone, 16000, { ceilingHz: 250 });
    expect(Array.from(hz).filter((f) => f > 0 && Math.abs(semitones(f, 300)) < 1)).toEqual([]);
  });
});
