// Validation of ASR requests where they enter an engine.
// Guarantees: engines see 16 kHz Int16Array audio of bounded length and a locale they support.
import { isSpeechLocale, PCM_SAMPLE_RATE_HZ, samplesToMs } from '../pcm-format.js';
import { SpeechError } from '../speech-error.js';
import { ASR_MAX_AUDIO_MS, type AsrEngine, type AsrRequest } from './asr-engine.js';

/** Throws a SpeechError naming the field unless `engine` can take `request`. */
export function checkAsrRequest(request: AsrRequest, engine: Pick<AsrEngine, 'name' | 'supports'>): void {
  const details = (field: string) => ({ details: { engine: engine.name, field } });
  if (!(request.samples instanceof Int16Array)) {
    throw new SpeechError('SPEECH_BAD_INPUT', 'ASR samples must be an Int16Array', details('samples'));
  }
  if (request.sampleRateHz !== PCM_SAMPLE_RATE_HZ) {
    throw new SpeechError(
      'SPEECH_BAD_INPUT',
      `ASR audio must be ${PCM_SAMPLE_RATE_HZ} Hz`,
      details('sampleRateHz'),
    );
  }
  if (samplesToMs(request.samples.length) > ASR_MAX_AUDIO_MS) {
    throw new SpeechError(
      'SPEECH_BAD_INPUT',
      `ASR audio is longer than ${ASR_MAX_AUDIO_MS} ms`,
      details('samples'),
    );
  }
  if (!isSpeechLocale(request.locale) || !engine.supports(request.locale)) {
    throw new SpeechError(
      'SPEECH_UNSUPPORTED_LOCALE',
      `${engine.name} does not recognize ${String(request.locale)}`,
      details('locale'),
    );
  }
}
