// The clip engine plays recorded caller lines: any WAV (here 8 kHz and 44.1 kHz stereo, made
// with sox) comes out as 16 kHz mono; the auto engine prefers a clip and falls back to espeak-ng.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asteriskPromptPath, makeTempDir, removeTempDirs } from '../__fixtures__/speech-audio.js';
import { createAutoTts } from './auto-tts.js';
import { createClipTts } from './clip-tts.js';
import { createEspeakTts } from './espeak-tts.js';

afterAll(removeTempDirs);

let clipsDir: string;
const soxSeconds = (path: string) => Number(execFileSync('soxi', ['-D', path]).toString().trim());

beforeAll(() => {
  clipsDir = makeTempDir('callsim-clips-');
  execFileSync('sox', [asteriskPromptPath('pls-hold-while-try'), join(clipsDir, 'hold-8k.wav')]);
  execFileSync('sox', [
    asteriskPromptPath('transfer'),
    '-r',
    '44100',
    '-c',
    '2',
    join(clipsDir, 'transfer-44k-stereo.wav'),
  ]);
});

describe('clip TTS', () => {
  it.each(['hold-8k.wav', 'transfer-44k-stereo.wav'])(
    'reads %s as 16 kHz mono of the same duration',
    async (file) => {
      const tts = createClipTts({ clipsDir });
      const result = await tts.synthesize({ text: 'Please hold.', locale: 'en-US', clipPath: file });
      expect(result).toMatchObject({ sampleRateHz: 16_000, engine: 'clip' });
      expect(Math.abs(result.samples.length / 16_000 - soxSeconds(join(clipsDir, file)))).toBeLessThan(0.01);
      expect(result.samples.some((s) => Math.abs(s) > 3000)).toBe(true);
    },
  );

  it('reports a missing clip as SPEECH_CLIP_NOT_FOUND and an escaping path as SPEECH_BAD_INPUT', async () => {
    const tts = createClipTts({ clipsDir });
    await expect(tts.synthesize({ text: 'x', locale: 'en-US', clipPath: 'nope.wav' })).rejects.toMatchObject({
      code: 'SPEECH_CLIP_NOT_FOUND',
    });
    await expect(
      tts.synthesize({ text: 'x', locale: 'en-US', clipPath: '../../etc/passwd' }),
    ).rejects.toMatchObject({
      code: 'SPEECH_BAD_INPUT',
      details: { field: 'clipPath' },
    });
  });

  it('says clearly when sox, which converts clips, is not installed', () => {
    expect(createClipTts({ clipsDir }).problem()).toBeUndefined();
    expect(createClipTts({ clipsDir, soxPath: 'sox-not-installed' }).problem()).toBe(
      'sox-not-installed is not installed (apt-get install sox)',
    );
  });
});

describe('auto TTS (clip if present, else espeak-ng)', () => {
  const auto = () => createAutoTts(createClipTts({ clipsDir }), createEspeakTts());

  it('plays the clip when the line has one', async () => {
    const result = await auto().synthesize({
      text: 'Please hold.',
      locale: 'en-US',
      clipPath: 'hold-8k.wav',
    });
    expect(result.engine).toBe('clip');
  });

  it('synthesizes with espeak-ng when the clip is absent or not given', async () => {
    expect(
      (await auto().synthesize({ text: 'Please hold.', locale: 'en-US', clipPath: 'missing.wav' })).engine,
    ).toBe('espeak-ng');
    expect((await auto().synthesize({ text: '请稍等。', locale: 'zh-CN' })).engine).toBe('espeak-ng');
  });
});
