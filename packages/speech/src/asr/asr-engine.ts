// The speech-recognition contract for one agent turn: 16 kHz mono s16 PCM in, text out.
// Guarantees: every result names the engine that produced it; engines that cannot run say
// why through problem() instead of failing at import time.
import type { SpeechLocale } from '../pcm-format.js';

/** ASR engines, best first. */
export const ASR_ENGINE_NAMES = ['sherpa-onnx', 'pocketsphinx', 'browser', 'none'] as const;
/** An ASR engine name. */
export type AsrEngineName = (typeof ASR_ENGINE_NAMES)[number];

/** A transcript the softphone produced with the Web Speech API for this turn. */
export interface ClientTranscript {
  text: string;
  /** 0–1, as reported by the browser. */
  confidence?: number;
}

/** One turn to transcribe. */
export interface AsrRequest {
  /** 16 kHz mono s16 PCM of the turn. */
  samples: Int16Array;
  sampleRateHz: 16_000;
  locale: SpeechLocale;
  /** Used by the 'browser' engine only. */
  clientTranscript?: ClientTranscript;
}

/** A transcript. */
export interface AsrResult {
  /** Recognized text ('' when nothing was heard or no engine could listen). */
  text: string;
  engine: AsrEngineName;
  /** 0–1 when the engine reports one. */
  confidence?: number;
}

/** A speech recognizer. */
export interface AsrEngine {
  readonly name: AsrEngineName;
  /** True when the engine can recognize `locale` (given its installed models). */
  supports(locale: SpeechLocale): boolean;
  /** True when the binaries, native module and models it needs are present. */
  available(): boolean;
  /** Why the engine cannot run, or undefined when it can. */
  problem(): string | undefined;
  /** Rejects with SPEECH_UNSUPPORTED_LOCALE, SPEECH_ENGINE_UNAVAILABLE, SPEECH_BAD_INPUT or SPEECH_ENGINE_FAILED. */
  transcribe(request: AsrRequest): Promise<AsrResult>;
  /** Loads models / starts processes now so the first turn is not slow. */
  warmUp?(): Promise<void>;
  /** Releases processes and models. */
  close?(): Promise<void>;
}

/** Longest turn accepted, in ms. */
export const ASR_MAX_AUDIO_MS = 10 * 60_000;
