// SpeechError: the one error type thrown by @callsim/speech, with a stable string code.
// Guarantees: `code` is a SpeechErrorCode listed in SPEECH_ERROR_CATALOGUE; `details` holds
// only short strings and numbers that are safe to log (never transcripts or audio).

/** Every code @callsim/speech throws, with what it means and how to fix it. */
export const SPEECH_ERROR_CATALOGUE = {
  SPEECH_ENGINE_UNAVAILABLE: {
    retryable: false,
    description: 'A binary (espeak-ng, sox, pocketsphinx_batch), native module or model file is missing.',
    hint: 'apt-get install espeak-ng sox pocketsphinx pocketsphinx-en-us, or run scripts/models/fetch-models.mjs.',
  },
  SPEECH_UNSUPPORTED_LOCALE: {
    retryable: false,
    description: 'The engine cannot handle this locale (e.g. pocketsphinx and zh-CN).',
    hint: 'Ask the registry for an engine with asrFor(locale); it picks one that supports the locale.',
  },
  SPEECH_BAD_INPUT: {
    retryable: false,
    description: 'Empty text, empty audio, a sample rate other than 16 kHz, or an invalid option.',
    hint: 'Send 16 kHz mono s16 PCM and non-empty text; the `field` detail names the culprit.',
  },
  SPEECH_CLIP_NOT_FOUND: {
    retryable: false,
    description: 'A recorded caller clip named by a scenario does not exist.',
    hint: 'Check the clip path in the call-script against call-scripts/audio/.',
  },
  SPEECH_ENGINE_FAILED: {
    retryable: false,
    description: 'An engine ran but failed (non-zero exit, unreadable audio, decoder error).',
    hint: 'See `details.stderr` (first lines) and the engine name; the same input will fail again.',
  },
  SPEECH_ENGINE_TIMEOUT: {
    retryable: true,
    description: 'An engine process did not finish in time and was killed.',
    hint: 'The machine may be overloaded; retry, or raise the timeout.',
  },
  SPEECH_CLOSED: {
    retryable: false,
    description: 'The VAD or engine was used after close().',
    hint: 'Create a new instance per call; do not reuse closed ones.',
  },
  SPEECH_MODEL_INVALID: {
    retryable: false,
    description: 'A model directory is incomplete or failed verification.',
    hint: 'Delete the directory under models/ and run scripts/models/fetch-models.mjs again.',
  },
  SPEECH_CACHE_IO: {
    retryable: true,
    description: 'The TTS cache directory could not be read or written.',
    hint: 'Check that the cache directory exists, is writable and the disk is not full.',
  },
} as const satisfies Record<string, { retryable: boolean; description: string; hint: string }>;

/** A stable string error code of @callsim/speech. */
export type SpeechErrorCode = keyof typeof SPEECH_ERROR_CATALOGUE;

/** Safe details: names, numbers, short tool output. */
export type SpeechErrorDetails = Readonly<Record<string, string | number | boolean>>;

/** Error thrown by every engine in this package. `retryable` comes from the catalogue unless overridden. */
export class SpeechError extends Error {
  readonly code: SpeechErrorCode;
  readonly retryable: boolean;
  readonly details: SpeechErrorDetails;

  constructor(
    code: SpeechErrorCode,
    message: string,
    options: { details?: SpeechErrorDetails; cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SpeechError';
    this.code = code;
    this.retryable = options.retryable ?? SPEECH_ERROR_CATALOGUE[code].retryable;
    this.details = options.details ?? {};
  }
}

/** True when `error` is a SpeechError, optionally with the given code. */
export function isSpeechError(error: unknown, code?: SpeechErrorCode): error is SpeechError {
  return error instanceof SpeechError && (code === undefined || error.code === code);
}
