// The internal audio format of callsim and the locales the speech engines know.
// Guarantees: 16 kHz mono signed 16-bit PCM, 20 ms frames of 320 samples (640 bytes).

/** Sample rate of every PCM buffer entering or leaving this package, in Hz. */
export const PCM_SAMPLE_RATE_HZ = 16_000;
/** Duration of one media frame, in ms. */
export const PCM_FRAME_MS = 20;
/** Samples in one 20 ms frame at 16 kHz. */
export const PCM_FRAME_SAMPLES = (PCM_SAMPLE_RATE_HZ * PCM_FRAME_MS) / 1000;

/** Locales a speech engine can be asked for. */
export const SPEECH_LOCALES = ['zh-CN', 'en-US'] as const;
/** A locale a speech engine can be asked for. */
export type SpeechLocale = (typeof SPEECH_LOCALES)[number];

/** True when `value` is one of SPEECH_LOCALES. */
export function isSpeechLocale(value: unknown): value is SpeechLocale {
  return typeof value === 'string' && (SPEECH_LOCALES as readonly string[]).includes(value);
}

/** Duration of `sampleCount` samples at 16 kHz, in ms. */
export function samplesToMs(sampleCount: number): number {
  return (sampleCount * 1000) / PCM_SAMPLE_RATE_HZ;
}

/** Views the bytes of little-endian s16 PCM as samples (copies when the buffer is unaligned). */
export function pcmFromBytes(bytes: Uint8Array): Int16Array {
  const sampleCount = Math.floor(bytes.byteLength / 2);
  if (bytes.byteOffset % 2 === 0) return new Int16Array(bytes.buffer, bytes.byteOffset, sampleCount);
  // Copied into a fresh buffer: a Node Buffer's slice() is a view, still at the odd offset.
  const aligned = new Uint8Array(sampleCount * 2);
  aligned.set(bytes.subarray(0, sampleCount * 2));
  return new Int16Array(aligned.buffer);
}

/** The bytes of `samples` as little-endian s16 PCM (a view, no copy). */
export function pcmToBytes(samples: Int16Array): Uint8Array {
  return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
}
