// The default TTS choice: the recorded clip when the line has one that exists, else a
// synthesizer (espeak-ng). Guarantees: the result's `engine` says which one was used.
import type { ClipTts } from './clip-tts.js';
import type { TtsEngine, TtsRequest } from './tts-engine.js';

/** Creates the 'auto' engine: `clip` if present for the request, else `fallback`. */
export function createAutoTts(clip: ClipTts, fallback: TtsEngine): TtsEngine {
  const pick = (request: TtsRequest): TtsEngine => (clip.has(request) ? clip : fallback);
  return {
    name: 'auto',
    identify: (request) => pick(request).identify(request),
    synthesize: (request) => pick(request).synthesize(request),
  };
}
