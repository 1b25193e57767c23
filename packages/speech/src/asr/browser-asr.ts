// The 'browser' ASR engine: the softphone recognizes the agent with the Web Speech API and
// sends the text with the turn; this engine just returns what the client supplied.
// Guarantees: never touches the audio; '' when the client sent nothing.
import { SPEECH_LOCALES } from '../pcm-format.js';
import { SpeechError } from '../speech-error.js';
import type { AsrEngine } from './asr-engine.js';
import { checkAsrRequest } from './asr-input.js';

/** Longest client transcript accepted, in characters. */
const MAX_CLIENT_TEXT_CHARS = 5000;

/** Creates the 'browser' engine (all locales; always available, quality depends on the browser). */
export function createBrowserAsr(): AsrEngine {
  const engine: AsrEngine = {
    name: 'browser',
    supports: (locale) => SPEECH_LOCALES.includes(locale),
    available: () => true,
    problem: () => undefined,
    async transcribe(request) {
      checkAsrRequest(request, engine);
      const client = request.clientTranscript;
      if (!client) return { text: '', engine: 'browser' };
      if (typeof client.text !== 'string' || client.text.length > MAX_CLIENT_TEXT_CHARS) {
        throw new SpeechError(
          'SPEECH_BAD_INPUT',
          'client transcript must be a string of at most 5000 characters',
          {
            details: { engine: 'browser', field: 'clientTranscript.text' },
          },
        );
      }
      const confidence = client.confidence;
      const valid = typeof confidence === 'number' && confidence >= 0 && confidence <= 1;
      return { text: client.text.trim(), engine: 'browser', ...(valid ? { confidence } : {}) };
    },
  };
  return engine;
}
