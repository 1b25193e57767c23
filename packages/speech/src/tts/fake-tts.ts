// A fake TTS for tests: renders each syllable (a CJK character or an English word) as a
// 150 ms tone followed by 50 ms of silence. Deterministic, instant, no binaries needed.
import type { TtsEngine } from './tts-engine.js';
import { checkTtsRequest } from './tts-input.js';

const TONE_MS = 150;
const GAP_MS = 50;

/** Creates the fake engine (name 'fake-tone'); male voices get 120 Hz, others 220 Hz. */
export function createFakeTts(): TtsEngine {
  return {
    name: 'fake-tone',
    identify: async () => 'fake-tone|1',
    async synthesize(request) {
      checkTtsRequest(request, 'fake-tone');
      const syllables = request.text.match(/[\u3400-\u9fff]|[A-Za-z0-9']+/g)?.length ?? 1;
      const frequencyHz = request.voice?.gender === 'male' ? 120 : 220;
      const toneSamples = (TONE_MS * 16_000) / 1000;
      const stepSamples = ((TONE_MS + GAP_MS) * 16_000) / 1000;
      const samples = new Int16Array(syllables * stepSamples);
      for (let s = 0; s < syllables; s++) {
        for (let i = 0; i < toneSamples; i++) {
          samples[s * stepSamples + i] = Math.round(
            8000 * Math.sin((2 * Math.PI * frequencyHz * i) / 16_000),
          );
        }
      }
      return { sampleRateHz: 16_000, samples, engine: 'fake-tone' };
    },
  };
}
