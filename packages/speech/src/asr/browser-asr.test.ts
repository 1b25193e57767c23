// The 'browser' engine returns the softphone's Web Speech transcript for the turn; 'none'
// returns nothing. Both name themselves in every result.
import { describe, expect, it } from 'vitest';
import { createBrowserAsr } from './browser-asr.js';
import { createNoneAsr } from './none-asr.js';

const turn = { samples: new Int16Array(3200), sampleRateHz: 16_000 as const };

describe('browser ASR', () => {
  it('returns the text the client supplied for the turn, with its confidence', async () => {
    const asr = createBrowserAsr();
    const result = await asr.transcribe({
      ...turn,
      locale: 'zh-CN',
      clientTranscript: { text: ' 您好，请问有什么可以帮您？ ', confidence: 0.92 },
    });
    expect(result).toEqual({ text: '您好，请问有什么可以帮您？', engine: 'browser', confidence: 0.92 });
  });

  it('returns an empty transcript when the client sent none, and drops a nonsense confidence', async () => {
    const asr = createBrowserAsr();
    expect(await asr.transcribe({ ...turn, locale: 'en-US' })).toEqual({ text: '', engine: 'browser' });
    expect(
      await asr.transcribe({ ...turn, locale: 'en-US', clientTranscript: { text: 'hi', confidence: 7 } }),
    ).toEqual({
      text: 'hi',
      engine: 'browser',
    });
  });

  it('rejects an oversized client transcript', async () => {
    await expect(
      createBrowserAsr().transcribe({
        ...turn,
        locale: 'en-US',
        clientTranscript: { text: 'x'.repeat(5001) },
      }),
    ).rejects.toMatchObject({ code: 'SPEECH_BAD_INPUT', details: { field: 'clientTranscript.text' } });
  });
});

describe('none ASR', () => {
  it('always answers an empty transcript named none', async () => {
    expect(await createNoneAsr().transcribe({ ...turn, locale: 'zh-CN' })).toEqual({
      text: '',
      engine: 'none',
    });
  });
});
