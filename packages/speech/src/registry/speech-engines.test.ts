// The registry picks the best available engine per locale on this machine (espeak-ng,
// pocketsphinx and Silero installed; no sherpa-onnx model) and falls back with a reason.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  asteriskPromptPath,
  espeakSpeech,
  frames,
  makeTempDir,
  removeTempDirs,
} from '../__fixtures__/speech-audio.js';
import type { VadEvent } from '../vad/vad.js';
import { createSpeechEngines } from './speech-engines.js';

afterAll(removeTempDirs);

const dirs = () => ({
  modelsDir: makeTempDir('callsim-models-'),
  cacheDir: makeTempDir('callsim-tts-'),
});

describe('speech engine registry', () => {
  it('without a sherpa-onnx model picks pocketsphinx for en-US and the browser for zh-CN', () => {
    const engines = createSpeechEngines(dirs());
    expect(engines.asrFor('en-US').name).toBe('pocketsphinx');
    expect(engines.asrFor('zh-CN').name).toBe('browser');
    const report = engines.describe();
    expect(report.chosen).toEqual({
      vad: 'silero',
      tts: 'clip, else espeak-ng',
      asr: { 'zh-CN': 'browser', 'en-US': 'pocketsphinx' },
    });
    const sherpa = report.engines.find((e) => e.kind === 'asr' && e.engine === 'sherpa-onnx');
    expect(sherpa).toMatchObject({ available: false, locales: [] });
    expect(sherpa?.reason).toMatch(/fetch-models\.mjs/);
    expect(report.engines.find((e) => e.engine === 'pocketsphinx')).toMatchObject({
      available: true,
      locales: ['en-US'],
    });
    expect(report.engines.find((e) => e.engine === 'espeak-ng')).toMatchObject({ available: true });
    expect(report.fallbacks).toEqual([]);
  });

  it('falls back and says so when the wished engine cannot serve a locale', () => {
    const engines = createSpeechEngines({ ...dirs(), asr: 'sherpa-onnx' });
    expect(engines.asrFor('en-US').name).toBe('pocketsphinx');
    expect(engines.asrFor('zh-CN').name).toBe('browser');
    expect(engines.describe().fallbacks).toHaveLength(2);
    expect(engines.describe().fallbacks[0]).toMatch(
      /^asr sherpa-onnx for zh-CN unusable \(no sherpa-onnx model/,
    );
  });

  it('honours explicit choices, per locale', () => {
    const engines = createSpeechEngines({ ...dirs(), asr: { 'en-US': 'none', 'zh-CN': 'browser' } });
    expect(engines.asrFor('en-US').name).toBe('none');
    expect(engines.asrFor('zh-CN').name).toBe('browser');
  });

  it('builds a working VAD with the registry defaults', () => {
    const engines = createSpeechEngines({ ...dirs(), vadOptions: { endSilenceMs: 800 } });
    const vad = engines.createVad();
    expect(vad.engine).toBe('silero');
    const events: VadEvent[] = [];
    for (const { frame, atMs } of frames(espeakSpeech('One moment please.', 'en-us', 500, 1500))) {
      events.push(...vad.pushFrame(frame, atMs));
    }
    const end = events.find((e) => e.type === 'speech-end');
    expect(end && end.atMs - end.lastVoicedMs).toBeGreaterThanOrEqual(800);
  });

  it('renders caller lines through the cache: clip when present, espeak-ng otherwise', async () => {
    const clipsDir = makeTempDir('callsim-clips-');
    execFileSync('sox', [asteriskPromptPath('transfer'), join(clipsDir, 'transfer.wav')]);
    const engines = createSpeechEngines({ ...dirs(), clipsDir });
    const clipLine = {
      text: 'Please hold while I try that extension.',
      locale: 'en-US' as const,
      clipPath: 'transfer.wav',
    };
    const ttsLine = { text: '请您稍等。', locale: 'zh-CN' as const };
    expect(await engines.tts.prerender([clipLine, ttsLine])).toEqual({ rendered: 2, cached: 0, failed: [] });
    expect((await engines.tts.getCachedPcm(clipLine))?.engine).toBe('clip');
    expect((await engines.tts.getCachedPcm(ttsLine))?.engine).toBe('espeak-ng');
  });

  it('reports a missing espeak-ng clearly, and clips still play', async () => {
    const clipsDir = makeTempDir('callsim-clips-');
    execFileSync('sox', [asteriskPromptPath('transfer'), join(clipsDir, 'transfer.wav')]);
    const engines = createSpeechEngines({ ...dirs(), clipsDir, espeak: { espeakPath: 'espeak-ng-missing' } });
    expect(engines.describe().engines.find((e) => e.engine === 'espeak-ng')).toMatchObject({
      available: false,
      reason: 'espeak-ng-missing is not installed (apt-get install espeak-ng)',
    });
    await expect(engines.tts.synthesize({ text: 'Hello', locale: 'en-US' })).rejects.toMatchObject({
      code: 'SPEECH_ENGINE_UNAVAILABLE',
    });
    expect(
      (await engines.tts.synthesize({ text: 'x', locale: 'en-US', clipPath: 'transfer.wav' })).engine,
    ).toBe('clip');
  });
});

describe('VAD pool', () => {
  it('reuses a closed VAD for the next call, reset, without loading the model again', async () => {
    // The pool serves createVad() (and live calls when onnxruntime-node is missing).
    const engines = createSpeechEngines(dirs());
    const audio = espeakSpeech('One moment please.', 'en-us', 500, 1500);
    const runCall = () => {
      const vad = engines.createVad();
      const types: string[] = [];
      // Cut the audio mid-speech: the next borrower must not inherit this half-turn.
      for (const { frame, atMs } of frames(audio.subarray(0, 16 * 900)))
        types.push(...vad.pushFrame(frame, atMs).map((e) => e.type));
      vad.close();
      expect(() => vad.pushFrame(new Int16Array(320), 0)).toThrow(
        expect.objectContaining({ code: 'SPEECH_CLOSED' }),
      );
      return types;
    };
    expect(runCall()).toEqual(['speech-start']);
    expect(runCall()).toEqual(['speech-start']);
    expect(engines.vadPoolStats()).toEqual({ created: 1, idle: 1 });
    await engines.close();
  });

  it('after warmUp() live calls share one batched Silero model and no per-call detector is loaded', async () => {
    const engines = createSpeechEngines(dirs());
    await engines.warmUp({ vadInstances: 2 });
    expect(engines.describe().chosen.vad).toBe('silero-batched');
    const audio = espeakSpeech('One moment please.', 'en-us', 500, 1500);
    const calls = [0, 1, 2].map(() => {
      const types: string[] = [];
      return { types, vad: engines.createVadStream((e) => types.push(e.type)) };
    });
    let n = 0;
    for (const { frame, atMs } of frames(audio)) {
      for (const call of calls) call.vad.pushFrame(frame, atMs);
      if (++n % 5 === 0) await Promise.all(calls.map((c) => c.vad.settled()));
    }
    await Promise.all(calls.map((c) => c.vad.settled()));
    for (const call of calls) {
      expect(call.types).toEqual(['speech-start', 'speech-end']);
      call.vad.close();
    }
    expect(engines.vadPoolStats()).toEqual({ created: 0, idle: 0 });
    await engines.close();
  });
});
