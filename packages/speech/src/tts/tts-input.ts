// Validation of TTS requests where they enter an engine.
// Guarantees: engines only ever see trimmed, non-empty, bounded text, a known locale and sane hints.
import { isSpeechLocale } from '../pcm-format.js';
import { SpeechError } from '../speech-error.js';
import { TTS_MAX_TEXT_CHARS, type TtsRequest } from './tts-engine.js';

/** Throws SPEECH_BAD_INPUT (naming the field) unless `request` is renderable. */
export function checkTtsRequest(request: TtsRequest, engine: string): void {
  const bad = (field: string, message: string) =>
    new SpeechError('SPEECH_BAD_INPUT', message, { details: { engine, field } });
  if (typeof request.text !== 'string' || request.text.trim() === '') throw bad('text', 'TTS text is empty');
  if (request.text.length > TTS_MAX_TEXT_CHARS)
    throw bad('text', `TTS text is longer than ${TTS_MAX_TEXT_CHARS} characters`);
  if (!isSpeechLocale(request.locale)) {
    throw new SpeechError(
      'SPEECH_UNSUPPORTED_LOCALE',
      `TTS locale ${String(request.locale)} is not supported`,
      {
        details: { engine, field: 'locale' },
      },
    );
  }
  const { rate, pitch } = request.voice ?? {};
  if (rate !== undefined && !(rate >= 0.5 && rate <= 2))
    throw bad('voice.rate', 'voice.rate must be between 0.5 and 2');
  if (pitch !== undefined && !(pitch >= 0 && pitch <= 2))
    throw bad('voice.pitch', 'voice.pitch must be between 0 and 2');
}
