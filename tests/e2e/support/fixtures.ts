// Test audio made with real tools (the server's speech-wav maker: espeak-ng + sox, 16 kHz
// mono 16-bit), cached under tests/fixtures/generated/e2e by content. Mandarin uses the
// cmn-latn-pinyin voice: in espeak-ng 1.51 the plain cmn voice misreads Hanzi.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { speechWav as makeSpeechWav } from '../../../apps/server/src/agent/speech-wav.js';
import { REPO_ROOT } from './server-process.js';

const GENERATED = path.join(REPO_ROOT, 'tests/fixtures/generated/e2e');

/** A WAV of `text` spoken by espeak-ng with silence before and after. */
export function speechWav(
  text: string,
  voice: 'cmn-latn-pinyin' | 'en-us',
  padMs = { before: 500, after: 1500 },
): string {
  return makeSpeechWav(text, voice === 'en-us' ? 'en-US' : 'zh-CN', {
    padBeforeMs: padMs.before,
    padAfterMs: padMs.after,
    dir: GENERATED,
  });
}

/** Concatenates WAVs and silences (numbers are ms of silence) into one 16 kHz mono WAV. */
export function sequenceWav(name: string, parts: (string | number)[]): string {
  mkdirSync(GENERATED, { recursive: true });
  const key = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
  const file = path.join(GENERATED, `${name}-${key}.wav`);
  if (existsSync(file)) return file;
  const inputs: string[] = [];
  parts.forEach((part, index) => {
    if (typeof part === 'string') inputs.push(part);
    else {
      const silence = path.join(GENERATED, `silence-${part}.wav`);
      if (!existsSync(silence))
        execFileSync('sox', [
          '-n',
          '-r',
          '16000',
          '-c',
          '1',
          '-b',
          '16',
          silence,
          'trim',
          '0',
          String(part / 1000),
        ]);
      inputs.push(silence);
    }
    void index;
  });
  execFileSync('sox', [...inputs, file]);
  return file;
}
