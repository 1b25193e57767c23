// The streaming voice-activity detector contract used by the call session's turn-taker.
// Guarantees: times are the media times passed to pushFrame (no wall clock); every
// speech-start is followed by exactly one speech-end (after endSilenceMs of silence, or on flush()).

/** Which detector produced the events. */
export type VadEngineName = 'silero' | 'fake-energy';

/**
 * Speech began. `atMs` is when the detector became sure (end of the frame that confirmed
 * at least minSpeechMs of speech); `startMs` is its estimate of the first voiced sample.
 */
export interface VadSpeechStart {
  type: 'speech-start';
  atMs: number;
  startMs: number;
}

/**
 * The endpoint: speech was followed by endSilenceMs of silence (or flush() was called).
 * `atMs` is when that became known (end of the frame that completed the silence);
 * `startMs` is the segment's first sample; `lastVoicedMs` is the end of the last voiced
 * window, so `atMs - lastVoicedMs` ≈ endSilenceMs. `samples` is the segment's audio
 * (16 kHz mono s16, from startMs to a little past lastVoicedMs), ready for ASR.
 */
export interface VadSpeechEnd {
  type: 'speech-end';
  atMs: number;
  startMs: number;
  lastVoicedMs: number;
  samples: Int16Array;
}

/** An event from Vad.pushFrame or Vad.flush. */
export type VadEvent = VadSpeechStart | VadSpeechEnd;

/** Counters for load planning: how many frames reached the neural net. */
export interface VadStats {
  framesIn: number;
  /** Frames given to the model (skipped frames fed later as pre-roll count here too). */
  framesToModel: number;
  /** Frames the energy gate kept away from the model and never fed. */
  framesSkipped: number;
}

/** A streaming VAD with endpointing for one audio channel. Not thread-safe; one per call leg. */
export interface Vad {
  readonly engine: VadEngineName;
  /** True from speech-start until its speech-end. */
  readonly isSpeaking: boolean;
  /**
   * Feeds one frame of 16 kHz mono s16 PCM (normally 20 ms = 320 samples) whose first sample
   * is at media time `atMs`. Returns the events this frame revealed, in order (often none).
   */
  pushFrame(frame: Int16Array, atMs: number): VadEvent[];
  /** Ends a segment in progress now (e.g. on hang-up); returns its speech-end, if any. */
  flush(): VadEvent[];
  /** Forgets all state, as if newly created; keeps the model loaded. */
  reset(): void;
  /** Releases the detector; later calls throw SPEECH_CLOSED. */
  close(): void;
  stats(): VadStats;
}

/** Receives a VadStream's events, in order. */
export type VadListener = (event: VadEvent) => void;

/**
 * A VAD whose decisions may arrive after pushFrame returns (the batched Silero decides a few
 * ms later, once its shared inference ran); events go to the listener given at creation.
 * Same event rules as Vad. Not thread-safe; one per call leg.
 */
export interface VadStream {
  readonly engine: VadEngineName;
  /** True from speech-start until its speech-end, as far as decided so far. */
  readonly isSpeaking: boolean;
  pushFrame(frame: Int16Array, atMs: number): void;
  /** Resolves once every frame pushed so far has been decided and its events delivered. */
  settled(): Promise<void>;
  /** Stops: queued frames are dropped and the listener is not called again. */
  close(): void;
  stats(): VadStats;
}

/** Runs a synchronous Vad as a VadStream (events delivered during pushFrame). */
export function vadStreamOf(vad: Vad, listener: VadListener): VadStream {
  let closed = false;
  return {
    engine: vad.engine,
    get isSpeaking() {
      return vad.isSpeaking;
    },
    pushFrame(frame, atMs) {
      for (const event of vad.pushFrame(frame, atMs)) if (!closed) listener(event);
    },
    settled: () => Promise.resolve(),
    close() {
      if (closed) return;
      closed = true;
      vad.close();
    },
    stats: () => vad.stats(),
  };
}

/** Options common to every Vad. */
export interface VadOptions {
  /** Only 16 000 is supported. */
  sampleRateHz?: 16_000;
  /** Speech probability above which a window counts as speech, 0–1. Default 0.5. */
  threshold?: number;
  /** Speech shorter than this is ignored (coughs, clicks), in ms. Default 200. */
  minSpeechMs?: number;
  /** Silence after speech that ends the turn (the endpoint), in ms. Default 600. */
  endSilenceMs?: number;
  /** A segment longer than this is cut at the next short pause, in ms. Default 30 000. */
  maxSpeechMs?: number;
}

/** Defaults of VadOptions. */
export const VAD_DEFAULTS = {
  sampleRateHz: 16_000,
  threshold: 0.5,
  minSpeechMs: 200,
  endSilenceMs: 600,
  maxSpeechMs: 30_000,
} as const;
