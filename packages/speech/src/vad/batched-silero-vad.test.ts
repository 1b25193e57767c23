// Contract tests of the batched Silero VAD on real audio (espeak-ng speech padded with sox
// silence, sox noise, Asterisk's recorded human prompts), through onnxruntime-node: the same
// boundaries (±100 ms) and endpoint rules as the per-call VAD, and batching must not change
// a stream's decisions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  espeakSpeech,
  frames,
  mix,
  paddedAsteriskPrompt,
  paddedSpeech,
  soxNoise,
  VAD_SENTENCES,
} from '../__fixtures__/speech-audio.js';
import { isSpeechError } from '../speech-error.js';
import { createBatchedSileroVad } from './batched-silero-vad.js';
import { SileroBatcher } from './silero-batcher.js';
import { findSileroModel } from './silero-model.js';
import type { SileroVadOptions } from './silero-vad.js';
import type { VadEvent, VadSpeechEnd } from './vad.js';

let batcher: SileroBatcher;

beforeAll(async () => {
  batcher = await SileroBatcher.create(findSileroModel('v5')!);
});
afterAll(async () => {
  await batcher.close();
});

/** Streams `samples` in 20 ms frames, several media ticks at a time, and waits for every decision. */
async function run(samples: Int16Array, options: SileroVadOptions = {}, timeOffsetMs = 0) {
  const events: VadEvent[] = [];
  const vad = createBatchedSileroVad(batcher, (e) => events.push(e), options);
  let n = 0;
  for (const { frame, atMs } of frames(samples)) {
    vad.pushFrame(frame, atMs + timeOffsetMs);
    // Live, decisions trail the audio by a window or two: catch up every 100 ms of audio.
    if (++n % 5 === 0) await vad.settled();
  }
  await vad.settled();
  vad.close();
  return { events, vad, ends: events.filter((e): e is VadSpeechEnd => e.type === 'speech-end') };
}

describe.each([
  { gate: 'energy gate on', energyGate: undefined },
  { gate: 'energy gate off', energyGate: false as const },
])('batched Silero VAD ($gate)', ({ energyGate }) => {
  it.each(VAD_SENTENCES)(
    'finds speech within ±100 ms and ends the turn endSilenceMs after it: $text',
    async ({ voice, text }) => {
      const speech = paddedSpeech(text, voice);
      const { events, ends } = await run(speech.samples, { energyGate, endSilenceMs: 600 });
      expect(events.map((e) => e.type)).toEqual(['speech-start', 'speech-end']);
      const end = ends[0]!;
      expect(end.startMs).toBe(events[0]!.startMs);
      expect(Math.abs(end.startMs - speech.startMs)).toBeLessThanOrEqual(100);
      expect(Math.abs(end.lastVoicedMs - speech.endMs)).toBeLessThanOrEqual(100);
      // The endpoint, measured from the true end of the voice: 600 ms (window rounding and
      // Silero's decay add −30…+60 ms); the per-call sherpa VAD fired 644–660 ms after it.
      const silenceHeardMs = end.atMs - speech.endMs;
      expect(silenceHeardMs).toBeGreaterThanOrEqual(560);
      expect(silenceHeardMs).toBeLessThanOrEqual(660);
      expect(end.samples.length / 16).toBeGreaterThanOrEqual(end.lastVoicedMs - end.startMs);
    },
  );

  it('emits nothing on digital silence or on white, pink and brown noise', async () => {
    const inputs = [
      new Int16Array(16000 * 5),
      soxNoise('whitenoise', 5, 0.05),
      soxNoise('pinknoise', 5, 0.1),
      soxNoise('brownnoise', 5, 0.3),
    ];
    for (const samples of inputs) expect((await run(samples, { energyGate })).events).toEqual([]);
  });

  it('still finds speech mixed with steady noise 15 dB below it', async () => {
    const speech = paddedSpeech(VAD_SENTENCES[0].text, 'en-us');
    const noisy = mix(speech.samples, soxNoise('whitenoise', speech.samples.length / 16000, 0.01));
    const { ends } = await run(noisy, { energyGate });
    expect(ends).toHaveLength(1);
    expect(Math.abs(ends[0]!.startMs - speech.startMs)).toBeLessThanOrEqual(100);
    expect(Math.abs(ends[0]!.lastVoicedMs - speech.endMs)).toBeLessThanOrEqual(100);
  });
});

describe('batched Silero VAD endpointing', () => {
  const speech = paddedSpeech('Hello, this is customer service.', 'en-us');

  it.each([400, 1000])('hears endSilenceMs = %i ms of silence before the endpoint', async (endSilenceMs) => {
    const { ends } = await run(speech.samples, { endSilenceMs });
    expect(ends).toHaveLength(1);
    // From its own estimate: endSilenceMs rounded up to the 32 ms model window.
    expect(ends[0]!.atMs - ends[0]!.lastVoicedMs).toBeGreaterThanOrEqual(endSilenceMs);
    expect(ends[0]!.atMs - ends[0]!.lastVoicedMs).toBeLessThanOrEqual(endSilenceMs + 32);
    // From the true end of the voice (Silero's decay varies by ±70 ms around the corrected mean).
    expect(Math.abs(ends[0]!.atMs - speech.endMs - endSilenceMs)).toBeLessThanOrEqual(100);
  });

  it('keeps a pause shorter than endSilenceMs inside one turn and splits at a longer one', async () => {
    // espeak-ng ends a sentence with ~0.6 s of near-silence: cut it, so the pause is the gap.
    const spoken = espeakSpeech('Let me check that for you.', 'en-us', 500, 0);
    let voiceEnd = spoken.length;
    while (voiceEnd > 0 && Math.abs(spoken[voiceEnd - 1]!) < 100) voiceEnd--;
    const first = spoken.subarray(0, voiceEnd);
    const second = espeakSpeech('Your order has shipped.', 'en-us', 0, 1500);
    const join = (gapMs: number) => {
      const out = new Int16Array(first.length + gapMs * 16 + second.length);
      out.set(first);
      out.set(second, first.length + gapMs * 16);
      return out;
    };
    expect((await run(join(300), { endSilenceMs: 600 })).ends).toHaveLength(1);
    expect((await run(join(1200), { endSilenceMs: 600 })).ends).toHaveLength(2);
  });

  it('reports the times it was given, not a clock of its own', async () => {
    const base = (await run(speech.samples)).ends[0]!;
    const shifted = (await run(speech.samples, {}, 3_600_000)).ends[0]!;
    expect(shifted.startMs - base.startMs).toBeCloseTo(3_600_000, 6);
    expect(shifted.atMs - base.atMs).toBeCloseTo(3_600_000, 6);
    expect(shifted.lastVoicedMs - base.lastVoicedMs).toBeCloseTo(3_600_000, 6);
  });

  it('decides each stream the same alone and in a batch of 40 streams fed together', async () => {
    const alone = (await run(speech.samples)).events.map((e) => ({ ...e, samples: undefined }));
    const inputs = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? speech.samples
        : paddedSpeech(VAD_SENTENCES[i % 4]!.text, VAD_SENTENCES[i % 4]!.voice).samples,
    );
    const streams = inputs.map(() => {
      const events: VadEvent[] = [];
      return { events, vad: createBatchedSileroVad(batcher, (e) => events.push(e)) };
    });
    const before = batcher.stats.largestBatch;
    const framed = inputs.map((samples) => [...frames(samples)]);
    const longest = Math.max(...framed.map((f) => f.length));
    for (let i = 0; i < longest; i++) {
      framed.forEach((f, s) => {
        const next = f[i];
        if (next) streams[s]!.vad.pushFrame(next.frame, next.atMs);
      });
      if (i % 5 === 4) await Promise.all(streams.map((s) => s.vad.settled()));
    }
    await Promise.all(streams.map((s) => s.vad.settled()));
    expect(batcher.stats.largestBatch).toBeGreaterThanOrEqual(Math.max(before, 20));
    for (const [s, stream] of streams.entries()) {
      expect(stream.events.map((e) => e.type)).toEqual(['speech-start', 'speech-end']);
      if (s % 2 === 0) {
        const got = stream.events.map((e) => ({ ...e, samples: undefined }));
        // Batched float math may differ in the last bits; decisions land on the same windows.
        for (const [k, event] of got.entries()) {
          expect(event.type).toBe(alone[k]!.type);
          expect(Math.abs(event.atMs - alone[k]!.atMs)).toBeLessThanOrEqual(32);
          expect(Math.abs(event.startMs - alone[k]!.startMs)).toBeLessThanOrEqual(32);
        }
      }
      stream.vad.close();
    }
  });

  it('skips most idle frames behind the energy gate and none without it', async () => {
    const gated = (await run(speech.samples)).vad.stats();
    const ungated = (await run(speech.samples, { energyGate: false })).vad.stats();
    expect(ungated.framesSkipped).toBe(0);
    expect(ungated.framesToModel).toBe(ungated.framesIn);
    expect(gated.framesSkipped).toBeGreaterThan(80);
  });

  it('decides true silence without the model, so the endpoint comes on the frame that completes it', async () => {
    const spoken = espeakSpeech('Let me check that for you.', 'en-us', 300, 0);
    let voiceEnd = spoken.length;
    while (voiceEnd > 0 && Math.abs(spoken[voiceEnd - 1]!) < 100) voiceEnd--;
    const events: VadEvent[] = [];
    const vad = createBatchedSileroVad(batcher, (e) => events.push(e), { endSilenceMs: 600 });
    let atMs = 0;
    for (const { frame } of frames(spoken.subarray(0, voiceEnd))) {
      vad.pushFrame(frame, atMs);
      atMs += 20;
    }
    // Two frames of silence complete the window holding the voice's last samples (at the model).
    const silence = new Int16Array(320);
    for (let i = 0; i < 2; i++) {
      vad.pushFrame(silence, atMs);
      atMs += 20;
    }
    await vad.settled();
    expect(events.map((e) => e.type)).toEqual(['speech-start']);
    const windowsAtModel = batcher.stats.windows;
    // The rest of the silence, fed without ever yielding to the event loop (no inference could return).
    let endedOnFrame = -1;
    for (let i = 2; i < 50 && endedOnFrame < 0; i++) {
      vad.pushFrame(silence, atMs);
      atMs += 20;
      if (events.length === 2) endedOnFrame = i;
    }
    const end = events[1] as VadSpeechEnd;
    expect(end.type).toBe('speech-end');
    // 600 ms after the last voiced sample, rounded up to a 32 ms window: 30–33 frames of silence.
    expect(endedOnFrame).toBeGreaterThanOrEqual(28);
    expect(endedOnFrame).toBeLessThanOrEqual(34);
    expect(Math.abs(end.lastVoicedMs - voiceEnd / 16)).toBeLessThanOrEqual(100);
    await vad.settled();
    // No window of the silence went to the model.
    expect(batcher.stats.windows).toBe(windowsAtModel);
    vad.close();
  });

  it('delivers nothing after close(), even for windows already in the batch', async () => {
    const events: VadEvent[] = [];
    const vad = createBatchedSileroVad(batcher, (e) => events.push(e));
    for (const { frame, atMs } of frames(speech.samples)) vad.pushFrame(frame, atMs);
    vad.close();
    await batcher.idle();
    expect(events).toEqual([]);
  });
});

describe('batched Silero VAD on recorded human speech (Asterisk prompts, 8 kHz resampled)', () => {
  it.each(['pls-hold-while-try', 'vm-nobodyavail', 'transfer', 'please-try-call-later'])(
    'finds %s within ±100 ms',
    async (name) => {
      const prompt = paddedAsteriskPrompt(name);
      const { ends } = await run(prompt.samples);
      expect(ends).toHaveLength(1);
      expect(Math.abs(ends[0]!.startMs - prompt.startMs)).toBeLessThanOrEqual(100);
      expect(Math.abs(ends[0]!.lastVoicedMs - prompt.endMs)).toBeLessThanOrEqual(100);
    },
  );
});

describe('batched Silero VAD errors', () => {
  it('rejects bad options and frames with SPEECH_BAD_INPUT, and use after close with SPEECH_CLOSED', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return isSpeechError(error) ? error.code : 'not a SpeechError';
      }
      return 'no error';
    };
    const listener = () => undefined;
    expect(codeOf(() => createBatchedSileroVad(batcher, listener, { endSilenceMs: 20 }))).toBe(
      'SPEECH_BAD_INPUT',
    );
    expect(codeOf(() => createBatchedSileroVad(batcher, listener, { threshold: 1.5 }))).toBe(
      'SPEECH_BAD_INPUT',
    );
    const vad = createBatchedSileroVad(batcher, listener);
    expect(codeOf(() => vad.pushFrame(new Int16Array(0), 0))).toBe('SPEECH_BAD_INPUT');
    expect(codeOf(() => vad.pushFrame(new Int16Array(320), Number.NaN))).toBe('SPEECH_BAD_INPUT');
    vad.close();
    expect(codeOf(() => vad.pushFrame(new Int16Array(320), 0))).toBe('SPEECH_CLOSED');
  });
});
