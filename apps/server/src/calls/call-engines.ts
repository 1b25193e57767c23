// The speech engines a node gives its calls: a VAD per call, customer-line rendering
// (recorded clip or TTS, cached) and server ASR per locale. Built from @callsim/speech
// in speech-engines.ts; this is the narrow shape the call service depends on.
import type { ResolvedScenario } from '@callsim/call-script';
import type { AsrPort, LineRenderer, VadFactory } from '../session/speech-ports.js';

export interface CallEngines {
  /** The call's VAD (see VadFactory). */
  createVad: VadFactory;
  /** Renders the scenario's customer lines (clip when present, else TTS with the persona's voice). */
  lineRenderer(scenario: ResolvedScenario): LineRenderer;
  /** Renders every line a scenario can say ahead of time, so a chosen line starts at once. */
  prerender(scenario: ResolvedScenario): Promise<void>;
  asrFor(locale: string): AsrPort | null;
  /** One line of TTS (editor previews): 16 kHz mono PCM. */
  synthesize(
    text: string,
    locale: string,
    voice?: { gender?: 'male' | 'female'; rate?: number; pitch?: number },
  ): Promise<Int16Array>;
  describe(): Record<string, unknown>;
  /** Live VAD load (batched inference counters), for capacity planning. */
  vadStats(): Record<string, unknown> | null;
  close(): Promise<void> | void;
}
