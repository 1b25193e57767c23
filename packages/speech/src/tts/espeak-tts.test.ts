// Contract tests of the espeak-ng engine: real synthesis in both locales, voice hints that a
// listener would hear (gender → pitch, rate → duration), and typed errors.
import { describe, expect, it } from 'vitest';
import { medianF0Hz, speechBoundsMs } from '../__fixtures__/speech-audio.js';
import { createEspeakTts } from './espeak-tts.js';

const tts = createEspeakTts();
const EN = 'Thank you for calling customer service, how can I help you today?';
const ZH = '您好，欢迎致电客户服务中心，请问有什么可以帮您？';

describe('espeak-ng TTS', () => {
  it('speaks en-US as 16 kHz mono speech of plausible duration', async () => {
    const result = await tts.synthesize({ text: EN, locale: 'en-US' });
    expect(result).toMatchObject({ sampleRateHz: 16_000, engine: 'espeak-ng' });
    // 12 words at 120–220 words per minute.
    const durationMs = result.samples.length / 16;
    expect(durationMs).toBeGreaterThan((12 / 220) * 60_000);
    expect(durationMs).toBeLessThan((12 / 120) * 60_000);
    const bounds = speechBoundsMs(result.samples);
    expect(bounds.endMs - bounds.startMs).toBeGreaterThan(durationMs * 0.8);
  });

  it('speaks zh-CN as 16 kHz mono speech of plausible duration', async () => {
    const result = await tts.synthesize({ text: ZH, locale: 'zh-CN' });
    expect(result).toMatchObject({ sampleRateHz: 16_000, engine: 'espeak-ng' });
    // 22 characters at 120–400 字/min (espeak's Mandarin is slow but not that slow).
    const durationMs = result.samples.length / 16;
    expect(durationMs).toBeGreaterThan((22 / 400) * 60_000);
    expect(durationMs).toBeLessThan((22 / 120) * 60_000);
  });

  it('maps gender to a voice variant a listener hears: female pitch well above male', async () => {
    for (const [locale, text] of [
      ['en-US', EN],
      ['zh-CN', ZH],
    ] as const) {
      const male = await tts.synthesize({ text, locale, voice: { gender: 'male' } });
      const female = await tts.synthesize({ text, locale, voice: { gender: 'female' } });
      expect(medianF0Hz(female.samples)).toBeGreaterThan(medianF0Hz(male.samples) * 1.4);
    }
  });

  it('maps rate and pitch hints relative to the defaults', async () => {
    const slow = await tts.synthesize({ text: EN, locale: 'en-US', voice: { rate: 0.7 } });
    const fast = await tts.synthesize({ text: EN, locale: 'en-US', voice: { rate: 1.4 } });
    expect(slow.samples.length / fast.samples.length).toBeGreaterThan(1.5);
    const low = await tts.synthesize({ text: EN, locale: 'en-US', voice: { pitch: 0.6 } });
    const high = await tts.synthesize({ text: EN, locale: 'en-US', voice: { pitch: 1.6 } });
    expect(medianF0Hz(high.samples)).toBeGreaterThan(medianF0Hz(low.samples) * 1.1);
  });

  it('identifies itself with its version and voice for the cache key', async () => {
    const id = await tts.identify({ text: EN, locale: 'en-US', voice: { gender: 'female' } });
    expect(id).toMatch(/^espeak-ng\|\d+\.\d+.*-v en-us\+f3/);
  });

  it('rejects bad requests with SPEECH_BAD_INPUT / SPEECH_UNSUPPORTED_LOCALE', async () => {
    await expect(tts.synthesize({ text: '  ', locale: 'en-US' })).rejects.toMatchObject({
      code: 'SPEECH_BAD_INPUT',
    });
    await expect(tts.synthesize({ text: 'hi', locale: 'en-US', voice: { rate: 9 } })).rejects.toMatchObject({
      code: 'SPEECH_BAD_INPUT',
      details: { field: 'voice.rate' },
    });
    await expect(tts.synthesize({ text: 'hi', locale: 'fr-FR' as 'en-US' })).rejects.toMatchObject({
      code: 'SPEECH_UNSUPPORTED_LOCALE',
    });
  });

  it('says clearly when espeak-ng is not installed', async () => {
    const missing = createEspeakTts({ espeakPath: 'espeak-ng-not-installed' });
    expect(missing.problem()).toMatch(
      /espeak-ng-not-installed is not installed \(apt-get install espeak-ng\)/,
    );
    await expect(missing.synthesize({ text: 'hello', locale: 'en-US' })).rejects.toMatchObject({
      name: 'SpeechError',
      code: 'SPEECH_ENGINE_UNAVAILABLE',
      retryable: false,
    });
  });
});
