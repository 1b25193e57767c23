// The 'none' ASR engine: no recognition at all. Calls still run; the turn-taker ends turns by
// VAD, the dialogue takes default branches and adherence is scored later from a corrected transcript.
import { SPEECH_LOCALES } from '../pcm-format.js';
import type { AsrEngine } from './asr-engine.js';
import { checkAsrRequest } from './asr-input.js';

/** Creates the 'none' engine: always available, always returns ''. */
export function createNoneAsr(): AsrEngine {
  const engine: AsrEngine = {
    name: 'none',
    supports: (locale) => SPEECH_LOCALES.includes(locale),
    available: () => true,
    problem: () => undefined,
    async transcribe(request) {
      checkAsrRequest(request, engine);
      return { text: '', engine: 'none' };
    },
  };
  return engine;
}
