// analyzeChannel / analyzeRecording on real speech: rates and pauses behave as a listener expects, and
// edge cases (silence, tiny input, clipping, DC offset, stereo, truncated file) give finite, sane numbers.
import { decodeWav, encodeWav } from '@callsim/audio';
import { describe, expect, it } from 'vitest';
import { corpusBytes, corpusWav, semitones } from './__fixtures__/corpus.js';
import { analyzeChannel, type ChannelAnalysis } from './analyze-channel.js';
import { analyzeRecording } from './analyze-recording.js';

const speech = () => corpusWav('zh-07-s175-p50.wav').channels[0]!; // 13 syllables
const silence = (ms: number) => new Float32Array((16000 * ms) / 1000);
const concat = (...parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

function expectAllFinite(result: ChannelAnalysis): void {
  const numbers = [
    result.voicedMs,
    ...Object.values(result.f0),
    ...Object.values(result.intensity),
    result.syllableRatePerSec,
    result.articulationRatePerSec,
    ...Object.values(result.pauses),
  ];
  for (const n of numbers) expect(Number.isFinite(n)).toBe(true);
}

describe('analyzeChannel', () => {
  it('keeps the articulation rate but lowers the syllable rate when a pause is inserted', () => {
    const plain = analyzeChannel(speech(), 16000);
    const cut = speech();
    const half = Math.floor(cut.length / 2);
    // Split at the quietest 10 ms near the middle so no syllable is cut in two.
    let quietest = half;
    let lowest = Number.POSITIVE_INFINITY;
    for (let i = half - 4000; i < half + 4000; i += 160) {
      let energy = 0;
      for (let j = i; j < i + 160; j++) energy += cut[j]! ** 2;
      if (energy < lowest) {
        lowest = energy;
        quietest = i + 80;
      }
    }
    const paused = analyzeChannel(
      concat(cut.subarray(0, quietest), silence(1500), cut.subarray(quietest)),
      16000,
    );
    expect(paused.pauses.count).toBe(plain.pauses.count + 1);
    expect(paused.pauses.longestMs).toBeGreaterThanOrEqual(1500);
    expect(paused.pauses.longestMs).toBeLessThan(1800);
    expect(Math.abs(paused.syllableCount - plain.syllableCount)).toBeLessThanOrEqual(1);
    expect(paused.syllableRatePerSec).toBeLessThan(plain.syllableRatePerSec * 0.8);
    expect(paused.articulationRatePerSec / plain.articulationRatePerSec).toBeGreaterThan(0.85);
    expect(paused.articulationRatePerSec / plain.articulationRatePerSec).toBeLessThan(1.15);
  });

  it('does not count leading and trailing silence as pauses or phonation time', () => {
    const plain = analyzeChannel(speech(), 16000);
    const padded = analyzeChannel(concat(silence(2000), speech(), silence(2000)), 16000);
    expect(padded.pauses).toEqual(plain.pauses);
    expect(Math.abs(padded.voicedMs - plain.voicedMs)).toBeLessThanOrEqual(60);
    expect(padded.syllableCount).toBe(plain.syllableCount);
  });

  it('returns zeros, not NaN, for digital silence and for input shorter than one frame', () => {
    for (const samples of [silence(3000), new Float32Array(0), new Float32Array(50)]) {
      const result = analyzeChannel(samples, 16000);
      expectAllFinite(result);
      expect(result).toMatchObject({
        voicedMs: 0,
        f0: { medianHz: 0, p10Hz: 0, p90Hz: 0, sdSemitones: 0 },
        syllableRatePerSec: 0,
        articulationRatePerSec: 0,
        pauses: { count: 0, longestMs: 0 },
      });
    }
  });

  it('survives hard clipping and a DC offset with nearly the same measures', () => {
    const plain = analyzeChannel(speech(), 16000);
    const clipped = analyzeChannel(
      speech().map((v) => Math.max(-0.25, Math.min(0.25, v * 5))),
      16000,
    );
    const offset = analyzeChannel(
      speech().map((v) => v + 0.2),
      16000,
    );
    for (const variant of [clipped, offset]) {
      expectAllFinite(variant);
      expect(Math.abs(semitones(variant.f0.medianHz, plain.f0.medianHz))).toBeLessThan(0.5);
      expect(Math.abs(variant.syllableCount - plain.syllableCount)).toBeLessThanOrEqual(2);
    }
    expect(Math.abs(offset.intensity.meanDb - plain.intensity.meanDb)).toBeLessThan(0.5);
  });

  it('returns 10 ms contours on request, aligned with the duration', () => {
    const samples = speech();
    const result = analyzeChannel(samples, 16000, { includeContours: true });
    const frames = Math.floor(samples.length / 160);
    expect(result.contours?.timeStepMs).toBe(10);
    expect(result.contours?.pitchHz).toHaveLength(frames);
    expect(result.contours?.intensityDb).toHaveLength(frames);
    expect(result.contours?.syllableTimesMs).toHaveLength(result.syllableCount);
    expect(analyzeChannel(samples, 16000).contours).toBeUndefined();
  });
});

describe('analyzeRecording', () => {
  it('analyzes each channel of a stereo call (agent speech left, caller tone right) independently', () => {
    const agent = speech();
    const tone = corpusWav('tone-sine-220.wav').channels[0]!;
    const right = new Float32Array(agent.length);
    right.set(tone.subarray(0, agent.length));
    const wav = decodeWav(encodeWav({ sampleRateHz: 16000, channels: [agent, right] }));
    const result = analyzeRecording(wav);
    expect(result.durationMs).toBe(Math.round((agent.length / 16000) * 1000));
    expect(result.channels.map((c) => c.index)).toEqual([0, 1]);
    expect(result.channels[0]!.f0.medianHz).toBeLessThan(150);
    expect(Math.abs(semitones(result.channels[1]!.f0.medianHz, 220))).toBeLessThan(0.1);
  });

  it('analyzes what is there in a crash-truncated recording', () => {
    const bytes = corpusBytes('asterisk-demo-thanks.wav');
    const truncated = bytes.slice(0, 44 + 16000 * 2 * 2); // header still claims the full length
    const result = analyzeRecording(decodeWav(truncated));
    expect(result.durationMs).toBe(2000);
    expect(result.channels[0]!.voicedMs).toBeGreaterThan(500);
    expect(result.channels[0]!.f0.medianHz).toBeGreaterThan(150);
  });
});
