// The one error type thrown by @callsim/audio, with a stable string code.
// Guarantees: `code` is one of AudioErrorCode; `details` holds only numbers and short strings (safe to log).

/** Stable error codes thrown by @callsim/audio. */
export type AudioErrorCode =
  | 'AUDIO_WAV_TOO_SHORT'
  | 'AUDIO_WAV_NOT_RIFF'
  | 'AUDIO_WAV_NO_FMT'
  | 'AUDIO_WAV_NO_DATA'
  | 'AUDIO_WAV_BAD_FMT'
  | 'AUDIO_WAV_UNSUPPORTED_FORMAT'
  | 'AUDIO_CHANNELS_MISMATCH'
  | 'AUDIO_BAD_ARGUMENT';

/** Error thrown on malformed audio or invalid arguments; never retryable (the same input fails again). */
export class AudioError extends Error {
  readonly code: AudioErrorCode;
  readonly retryable = false;
  readonly details: Readonly<Record<string, string | number>>;

  constructor(code: AudioErrorCode, message: string, details: Record<string, string | number> = {}) {
    super(message);
    this.name = 'AudioError';
    this.code = code;
    this.details = details;
  }
}
