// What a call session needs from the speech engines, as small interfaces. The engine
// registry (packages/speech) is adapted to these in calls/engines.ts; tests can pass
// real engines or narrow ones of their own.
import type { CustomerLine } from '@callsim/call-script';
import type { VadEvent } from '@callsim/speech';

/** Voice activity events on the call clock (ms since answer), as @callsim/speech defines them. */
export type { VadEvent } from '@callsim/speech';

/** A streaming VAD with endpointing for one call; decisions arrive through its listener. */
export interface VadPort {
  pushFrame(frame: Int16Array, atMs: number): void;
  close(): void;
}

/** Creates a call's VAD, delivering its events (possibly a few ms after the frame) to `listener`. */
export type VadFactory = (listener: (event: VadEvent) => void) => VadPort;

/** Renders a customer line to 16 kHz mono PCM (clip or TTS, cached by content). */
export type LineRenderer = (line: CustomerLine) => Promise<Int16Array>;

export interface AsrResult {
  text: string;
  engine: string;
}

/** Server-side speech recognition for one locale; null when none is available. */
export interface AsrPort {
  readonly name: string;
  transcribe(samples: Int16Array): Promise<AsrResult>;
}
