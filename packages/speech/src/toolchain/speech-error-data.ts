// A SpeechError as plain data, for crossing a thread or process boundary: structured clone and
// IPC keep neither the class nor its code. Guarantees: a round trip keeps code, message, details
// and retryable; anything that is not a SpeechError becomes SPEECH_ENGINE_FAILED naming the engine.
import { SpeechError, type SpeechErrorCode, type SpeechErrorDetails } from '../speech-error.js';

/** The fields of a SpeechError that survive a postMessage or an IPC send. */
export interface SpeechErrorData {
  code: SpeechErrorCode;
  message: string;
  details: SpeechErrorDetails;
  retryable: boolean;
}

/** `error` as data; `engine` names the engine when it is not a SpeechError. */
export function toSpeechErrorData(error: unknown, engine: string): SpeechErrorData {
  if (error instanceof SpeechError) {
    return { code: error.code, message: error.message, details: error.details, retryable: error.retryable };
  }
  return {
    code: 'SPEECH_ENGINE_FAILED',
    message: `${engine} failed: ${error instanceof Error ? error.message : String(error)}`,
    details: { engine },
    retryable: false,
  };
}

/** The SpeechError `data` describes. */
export function fromSpeechErrorData(data: SpeechErrorData): SpeechError {
  return new SpeechError(data.code, data.message, { details: data.details, retryable: data.retryable });
}
