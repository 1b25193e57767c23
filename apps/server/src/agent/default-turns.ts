// Agent turns for load tests and benchmarks when no turns.json is given: two service
// sentences per locale spoken by espeak-ng (speech-wav.ts), each with the matching text as
// its browser transcript.
import type { AgentTurn } from './headless-agent.js';
import { speechWav } from './speech-wav.js';

const SENTENCES: Record<'zh-CN' | 'en-US', string[]> = {
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
  const known = locale === 'en-US' ? 'en-US' : 'zh-CN';
  return SENTENCES[known].map((text) => ({
    wav: speechWav(text, known, { padBeforeMs: 100, padAfterMs: 100 }),
    text,
  }));
}
