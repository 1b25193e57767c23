// Agent speech made with real tools, for `callsim load` (its default turns) and for tests:
// espeak-ng (Mandarin via the cmn-latn-pinyin voice, which reads Hanzi correctly in
// espeak-ng 1.51; English via en-us) converted by sox to 16 kHz mono 16-bit with silence
// around it. Files are cached by content, so a text is synthesized once per machine.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type SpeechWavLocale = 'zh-CN' | 'en-US';

const DEFAULT_DIR = path.join(tmpdir(), 'callsim-speech-wav');

function espeakVoice(locale: SpeechWavLocale): string {
  return locale === 'zh-CN' ? 'cmn-latn-pinyin' : 'en-us';
}

export interface SpeechWavOptions {
  padBeforeMs?: number;
  padAfterMs?: number;
  /** espeak-ng speaking rate, words per minute (its default is 175). */
  rateWpm?: number;
  /** Cache folder; default under the OS temp dir. */
  dir?: string;
}

/** Path of a 16 kHz mono WAV of `text`, with `padBeforeMs`/`padAfterMs` of silence around it. */
export function speechWav(text: string, locale: SpeechWavLocale, options: SpeechWavOptions = {}): string {
  const dir = options.dir ?? DEFAULT_DIR;
  mkdirSync(dir, { recursive: true });
  const before = options.padBeforeMs ?? 200;
  const after = options.padAfterMs ?? 200;
  const rate = options.rateWpm ?? 175;
  const key = createHash('sha256')
    .update(JSON.stringify([text, locale, before, after, rate]))
    .digest('hex')
    .slice(0, 20);
  const file = path.join(dir, `${locale}-${key}.wav`);
  if (existsSync(file)) return file;
  // Written under a per-process name and renamed: parallel test workers may make the same file.
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
    `${before / 1000}`,
    `${after / 1000}`,
  ]);
  rmSync(raw, { force: true });
  renameSync(out, file);
  return file;
}
