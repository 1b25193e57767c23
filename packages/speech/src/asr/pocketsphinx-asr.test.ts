// Contract tests of the pocketsphinx engine on real human speech: Asterisk's 8 kHz prompts,
// resampled by sox to 16 kHz, scored by word error rate against the published prompt texts.
import { afterAll, describe, expect, it } from 'vitest';
import {
  asteriskPrompt,
  asteriskPromptText,
  espeakSpeech,
  wordErrorRate,
} from '../__fixtures__/speech-audio.js';
import { createPocketsphinxAsr } from './pocketsphinx-asr.js';

/** Call-center-like prompts (holds, transfers, apologies, instructions), fixed before measuring. */
const PROMPTS = [
  'pls-hold-while-try',
  'transfer',
  'vm-dialout',
  'please-try-call-later',
  'cannot-complete-as-dialed',
  'check-number-dial-again',
  'number-not-answering',
  'queue-thankyou',
  'vm-nobodyavail',
  'all-circuits-busy-now',
  'feature-not-avail-line',
  'privacy-prompt',
  'vm-sorry',
  'pm-invalid-option',
  'invalid',
  'conf-getpin',
  'vm-enter-num-to-call',
  'demo-echodone',
  'vm-msgsaved',
  'priv-introsaved',
];
/** Measured 38.3 % (57 errors / 149 words) with Debian's pocketsphinx 0.8+5prealpha-15 and en-us model. */
const MAX_WER = 0.42;

const asr = createPocketsphinxAsr({ processes: 2 });
afterAll(() => asr.close());

describe('pocketsphinx ASR (en-US)', () => {
  it(`transcribes ${PROMPTS.length} recorded prompts with word error rate below ${MAX_WER * 100} %`, async () => {
    const results = await Promise.all(
      PROMPTS.map(async (name) => {
        const result = await asr.transcribe({
          samples: asteriskPrompt(name),
          sampleRateHz: 16_000,
          locale: 'en-US',
        });
        expect(result.engine).toBe('pocketsphinx');
        return wordErrorRate(asteriskPromptText(name), result.text);
      }),
    );
    const errors = results.reduce((n, r) => n + r.errors, 0);
    const words = results.reduce((n, r) => n + r.words, 0);
    expect(errors / words).toBeLessThan(MAX_WER);
  }, 120_000);

  it('gets a clear prompt exactly right', async () => {
    const result = await asr.transcribe({
      samples: asteriskPrompt('cannot-complete-as-dialed'),
      sampleRateHz: 16_000,
      locale: 'en-US',
    });
    expect(result.text).toBe('your call cannot be completed as dialed');
  });

  it('hears nothing in silence and in an empty turn', async () => {
    expect(
      (await asr.transcribe({ samples: new Int16Array(16_000), sampleRateHz: 16_000, locale: 'en-US' })).text,
    ).toBe('');
    expect(
      await asr.transcribe({ samples: new Int16Array(0), sampleRateHz: 16_000, locale: 'en-US' }),
    ).toEqual({
      text: '',
      engine: 'pocketsphinx',
    });
  });

  it('keeps turns apart when several are decoded at once', async () => {
    const [a, b] = await Promise.all([
      asr.transcribe({ samples: asteriskPrompt('transfer'), sampleRateHz: 16_000, locale: 'en-US' }),
      asr.transcribe({ samples: asteriskPrompt('vm-dialout'), sampleRateHz: 16_000, locale: 'en-US' }),
    ]);
    expect(a.text).toContain('extension');
    expect(b.text).toContain('connect your call');
  });

  it('refuses zh-CN, other sample rates and a missing binary with typed errors', async () => {
    const samples = espeakSpeech('你好', 'cmn-latn-pinyin');
    expect(asr.supports('zh-CN')).toBe(false);
    await expect(asr.transcribe({ samples, sampleRateHz: 16_000, locale: 'zh-CN' })).rejects.toMatchObject({
      code: 'SPEECH_UNSUPPORTED_LOCALE',
    });
    await expect(
      asr.transcribe({ samples, sampleRateHz: 8000 as 16_000, locale: 'en-US' }),
    ).rejects.toMatchObject({
      code: 'SPEECH_BAD_INPUT',
      details: { field: 'sampleRateHz' },
    });
    const missing = createPocketsphinxAsr({ batchPath: 'pocketsphinx_batch_not_installed' });
    expect(missing.available()).toBe(false);
    expect(missing.problem()).toMatch(/apt-get install pocketsphinx/);
    await expect(
      missing.transcribe({ samples, sampleRateHz: 16_000, locale: 'en-US' }),
    ).rejects.toMatchObject({
      code: 'SPEECH_ENGINE_UNAVAILABLE',
    });
  });
});
