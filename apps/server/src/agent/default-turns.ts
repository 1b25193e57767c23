// Agent turns for load tests and benchmarks when no turns.json is given: two service
// sentences per locale, spoken by espeak-ng and converted by sox to 16 kHz mono WAVs in
// a temporary folder, each with the matching text as its browser transcript.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AgentTurn } from './headless-agent.js';

const SENTENCES: Record<string, string[]> = {
  'zh-CN': [
    '您好，非常抱歉给您带来不便，我非常理解您的心情。',
    '我们马上为您免费补寄一个新的，今天下午就发出。',
  ],
  'en-US': [
    "Hello, I'm so sorry about that, I completely understand how you feel.",
    "We'll send you a replacement today at no cost.",
  ],
};

export function defaultTurns(locale: string): AgentTurn[] {
  const sentences = SENTENCES[locale] ?? SENTENCES['zh-CN']!;
  const dir = path.join(tmpdir(), 'callsim-default-turns');
  mkdirSync(dir, { recursive: true });
  return sentences.map((text, index) => {
    const wav = path.join(dir, `${locale}-${index}.wav`);
    if (!existsSync(wav)) {
      const raw = `${wav}.raw.wav`;
      execFileSync('espeak-ng', ['-v', locale === 'en-US' ? 'en-us' : 'cmn-latn-pinyin', '-w', raw, text]);
      execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', wav, 'pad', '0.1', '0.1']);
    }
    return { wav, text };
  });
}
