// The text-to-speech contract: a caller line (text or recorded clip) in, 16 kHz mono s16 PCM out.
// Guarantees: every result is PCM_SAMPLE_RATE_HZ mono and names the engine that produced it.
import type { SpeechLocale } from '../pcm-format.js';

/** Voice gender hint; engines map it to their nearest voice. */
export type TtsGender = 'male' | 'female';

/** Voice hints. Engines that cannot honour a hint ignore it. */
export interface TtsVoice {
  gender?: TtsGender;
  /** Speaking-rate factor relative to the engine default (1 = default, 0.8 = slower). Range 0.5–2. */
  rate?: number;
  /** Pitch factor relative to the engine default (1 = default, 1.2 = higher). Range 0–2. */
  pitch?: number;
}

/** One line to render. */
export interface TtsRequest {
  /** What is said; also the transcript of a clip. */
  text: string;
  locale: SpeechLocale;
  voice?: TtsVoice;
  /** A recorded clip of this line (any WAV; relative to the clip engine's clipsDir). */
  clipPath?: string;
}

/** Rendered audio. */
export interface TtsResult {
  sampleRateHz: 16_000;
  /** 16 kHz mono s16 PCM; owned by the caller. */
  samples: Int16Array;
  /** Engine that produced it: 'espeak-ng', 'clip', 'fake-tone'. */
  engine: string;
}

/** A TTS engine. */
export interface TtsEngine {
  /** Engine name ('espeak-ng', 'clip', 'auto', 'fake-tone'). */
  readonly name: string;
  synthesize(request: TtsRequest): Promise<TtsResult>;
  /**
   * What would render `request`, as `<engine>|<anything else that changes the audio>`
   * (engine version, clip file size and mtime). Part of the cache key.
   */
  identify(request: TtsRequest): Promise<string>;
}

/** Largest text accepted, in characters. */
export const TTS_MAX_TEXT_CHARS = 2000;
