// Contract tests of the Silero VAD on real audio: espeak-ng speech padded with sox silence,
// sox noise, and Asterisk's recorded human prompts. Boundaries must be within ±100 ms.
import { describe, expect, it } from 'vitest';
import {
  espeakSpeech,
  frames,
  mix,
  paddedAsteriskPrompt,
  paddedSpeech,
  soxNoise,
  VAD_LEAD_MS,
  VAD_SENTENCES,
} from '../__fixtures__/speech-audio.js';
import { isSpeechError } from '../speech-error.js';
import { createVad, type SileroVadOptions } from './silero-vad.js';
import type { VadEvent, VadSpeechEnd } from './vad.js';

function run(samples: Int16Array, options: SileroVadOptions = {}, timeOffsetMs = 0) {
  const vad = createVad(options);
  const events: VadEvent[] = [];
  for (const { frame, atMs } of frames(samples)) events.push(...vad.pushFrame(frame, atMs + timeOffsetMs));
  return { events, vad, ends: events.filter((e): e is VadSpeechEnd => e.type === 'speech-end') };
}

describe.each([
  { gate: 'energy gate on', energyGate: undefined },
  { gate: 'energy gate off', energyGate: false as const },
])('Silero VAD ($gate)', ({ energyGate }) => {
  it.each(VAD_SENTENCES)(
    'finds $locale speech within ±100 ms and fires the endpoint after endSilenceMs: $text',
    ({ voice, text }) => {
      const speech = paddedSpeech(text, voice);
      const { events, ends } = run(speech.samples, { energyGate, endSilenceMs: 600 });

      expect(events.map((e) => e.type)).toEqual(['speech-start', 'speech-end']);
      const [start] = events;
      const end = ends[0]!;
      expect(Math.abs(start!.startMs - speech.startMs)).toBeLessThanOrEqual(100);
      expect(end.startMs).toBe(start!.startMs);
      expect(Math.abs(end.lastVoicedMs - speech.endMs)).toBeLessThanOrEqual(100);
      // The endpoint: endSilenceMs after the last voiced window, plus at most one model window and frame.
      expect(end.atMs - end.lastVoicedMs).toBeGreaterThanOrEqual(600);
      expect(end.atMs - end.lastVoicedMs).toBeLessThanOrEqual(700);
      // The segment's audio covers the speech, ready for ASR.
      expect(end.samples.length / 16).toBeGreaterThanOrEqual(end.lastVoicedMs - end.startMs);
    },
  );

  it('emits nothing on digital silence or on white, pink and brown noise', () => {
    const inputs = [
      new Int16Array(16000 * 5),
      soxNoise('whitenoise', 5, 0.05),
      soxNoise('pinknoise', 5, 0.1),
      soxNoise('brownnoise', 5, 0.3),
    ];
    for (const samples of inputs) expect(run(samples, { energyGate }).events).toEqual([]);
  });

  it('still finds speech mixed with steady noise 15 dB below it', () => {
    const speech = paddedSpeech(VAD_SENTENCES[0].text, 'en-us');
    const noisy = mix(speech.samples, soxNoise('whitenoise', speech.samples.length / 16000, 0.01));
    const { ends } = run(noisy, { energyGate });
    expect(ends).toHaveLength(1);
    expect(Math.abs(ends[0]!.startMs - speech.startMs)).toBeLessThanOrEqual(100);
    expect(Math.abs(ends[0]!.lastVoicedMs - speech.endMs)).toBeLessThanOrEqual(100);
  });
});

describe('Silero VAD endpointing', () => {
  const speech = paddedSpeech('Hello, this is customer service.', 'en-us');

  it.each([400, 1000])('waits endSilenceMs = %i ms of silence before the endpoint', (endSilenceMs) => {
    const { ends } = run(speech.samples, { endSilenceMs });
    expect(ends).toHaveLength(1);
    const waitedMs = ends[0]!.atMs - ends[0]!.lastVoicedMs;
    expect(waitedMs).toBeGreaterThanOrEqual(endSilenceMs);
    expect(waitedMs).toBeLessThanOrEqual(endSilenceMs + 100);
  });

  it('keeps a pause shorter than endSilenceMs inside one turn and splits at a longer one', () => {
    const first = espeakSpeech('Let me check that for you.', 'en-us', 500, 0);
    const second = espeakSpeech('Your order has shipped.', 'en-us', 0, 1500);
    const join = (gapMs: number) => {
      const out = new Int16Array(first.length + gapMs * 16 + second.length);
      out.set(first);
      out.set(second, first.length + gapMs * 16);
      return out;
    };
    expect(run(join(300), { endSilenceMs: 600 }).ends).toHaveLength(1);
    expect(run(join(1200), { endSilenceMs: 600 }).ends).toHaveLength(2);
  });

  it('reports the times it was given, not a clock of its own', () => {
    const base = run(speech.samples).ends[0]!;
    const shifted = run(speech.samples, {}, 3_600_000).ends[0]!;
    expect(shifted.startMs - base.startMs).toBeCloseTo(3_600_000, 6);
    expect(shifted.atMs - base.atMs).toBeCloseTo(3_600_000, 6);
    expect(shifted.lastVoicedMs - base.lastVoicedMs).toBeCloseTo(3_600_000, 6);
  });

  it('flush() ends a turn cut off mid-speech (hang-up) at the last frame', () => {
    const vad = createVad();
    const cut = speech.samples.subarray(0, (VAD_LEAD_MS + 1200) * 16);
    const events: VadEvent[] = [];
    for (const { frame, atMs } of frames(cut)) events.push(...vad.pushFrame(frame, atMs));
    expect(vad.isSpeaking).toBe(true);
    const flushed = vad.flush();
    expect(flushed).toHaveLength(1);
    expect(flushed[0]).toMatchObject({ type: 'speech-end', atMs: VAD_LEAD_MS + 1200 });
    expect(vad.isSpeaking).toBe(false);
  });

  it('reset() forgets everything: the same audio gives the same events', () => {
    const vad = createVad();
    const once = () => {
      const events: VadEvent[] = [];
      for (const { frame, atMs } of frames(speech.samples)) events.push(...vad.pushFrame(frame, atMs));
      return events.map((e) => ({ ...e, samples: undefined }));
    };
    const first = once();
    vad.reset();
    expect(once()).toEqual(first);
  });

  it('skips most idle frames behind the energy gate and none without it', () => {
    const gated = run(speech.samples).vad.stats();
    const ungated = run(speech.samples, { energyGate: false }).vad.stats();
    expect(ungated.framesSkipped).toBe(0);
    expect(ungated.framesToModel).toBe(ungated.framesIn);
    // Lead and tail silence are 3 s of the clip; pre-roll feeds back 200 ms of it.
    expect(gated.framesSkipped).toBeGreaterThan(100);
  });

  it('also runs the legacy Silero file', () => {
    const { ends } = run(speech.samples, { model: 'legacy' });
    expect(ends).toHaveLength(1);
    expect(Math.abs(ends[0]!.startMs - speech.startMs)).toBeLessThanOrEqual(100);
  });
});

describe('Silero VAD on recorded human speech (Asterisk prompts, 8 kHz resampled)', () => {
  it.each(['pls-hold-while-try', 'vm-nobodyavail', 'transfer', 'please-try-call-later'])(
    'finds %s within ±100 ms',
    (name) => {
      const prompt = paddedAsteriskPrompt(name);
      const { ends } = run(prompt.samples);
      expect(ends).toHaveLength(1);
      expect(Math.abs(ends[0]!.startMs - prompt.startMs)).toBeLessThanOrEqual(100);
      expect(Math.abs(ends[0]!.lastVoicedMs - prompt.endMs)).toBeLessThanOrEqual(100);
    },
  );
});

describe('Silero VAD errors', () => {
  it('rejects bad options and frames with SPEECH_BAD_INPUT', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return isSpeechError(error) ? error.code : 'not a SpeechError';
      }
      return 'no error';
    };
    expect(codeOf(() => createVad({ sampleRateHz: 8000 as 16_000 }))).toBe('SPEECH_BAD_INPUT');
    expect(codeOf(() => createVad({ endSilenceMs: 20 }))).toBe('SPEECH_BAD_INPUT');
    expect(codeOf(() => createVad({ threshold: 1.5 }))).toBe('SPEECH_BAD_INPUT');
    const vad = createVad();
    expect(codeOf(() => vad.pushFrame(new Int16Array(0), 0))).toBe('SPEECH_BAD_INPUT');
    expect(codeOf(() => vad.pushFrame(new Int16Array(320), Number.NaN))).toBe('SPEECH_BAD_INPUT');
    vad.close();
    expect(codeOf(() => vad.pushFrame(new Int16Array(320), 0))).toBe('SPEECH_CLOSED');
  });

  it('reports a missing model file as SPEECH_ENGINE_UNAVAILABLE instead of crashing', () => {
    expect(() => createVad({ model: { path: '/nonexistent/silero.onnx', version: 'v5' } })).toThrow(
      expect.objectContaining({ code: 'SPEECH_ENGINE_UNAVAILABLE' }),
    );
  });
});
