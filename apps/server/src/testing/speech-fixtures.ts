// Agent speech for tests, made with real tools: espeak-ng (Mandarin via the
// cmn-latn-pinyin voice, which reads Hanzi correctly in espeak-ng 1.51; English via
// en-us) resampled by sox to 16 kHz mono 16-bit. Cached by content under the OS tmp dir.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CACHE = path.join(tmpdir(), 'callsim-speech-fixtures');

export function espeakVoice(locale: 'zh-CN' | 'en-US'): string {
  return locale === 'zh-CN' ? 'cmn-latn-pinyin' : 'en-us';
}

/** A 16 kHz mono WAV of `text`, with `padBeforeMs`/`padAfterMs` of silence around it. */
export function speechWav(
  text: string,
  locale: 'zh-CN' | 'en-US',
  options: { padBeforeMs?: number; padAfterMs?: number; rateWpm?: number } = {},
): string {
  mkdirSync(CACHE, { recursive: true });
  const before = options.padBeforeMs ?? 200;
  const after = options.padAfterMs ?? 200;
  const rate = options.rateWpm ?? 175;
  const key = createHash('sha256')
    .update(JSON.stringify([text, locale, before, after, rate]))
    .digest('hex')
    .slice(0, 20);
  const file = path.join(CACHE, `${key}.wav`);
  if (existsSync(file)) return file;
  const raw = `${file}.${process.pid}.raw.wav`;
  const out = `${file}.${process.pid}.wav`;
  execFileSync('espeak-ng', ['-v', espeakVoice(locale), '-s', String(rate), '-w', raw, text]);
  execFileSync('sox', [
    raw,
    '-r',
    '16000',
    '-c',
    '1',
    '-b',
    '16',
    out,
    'pad',
    String(before / 1000),
    String(after / 1000),
  ]);
  rmSync(raw, { force: true });
  renameSync(out, file);
  return file;
}
