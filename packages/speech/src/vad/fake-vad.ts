// A fake VAD for tests and machines without the native addon: decides by frame energy alone,
// with the same events and endpointing rules as the Silero VAD. Not for production turn-taking:
// it hears any loud noise as speech.
import { PCM_SAMPLE_RATE_HZ } from '../pcm-format.js';
import { SpeechError } from '../speech-error.js';
import { createEnergyGate, type EnergyGateOptions } from './energy-gate.js';
import { VAD_DEFAULTS, type Vad, type VadEvent, type VadOptions, type VadStats } from './vad.js';

/** Options of createFakeVad. */
export interface FakeVadOptions extends VadOptions {
  /** Loudness rule for "voiced"; see EnergyGateOptions. */
  energy?: EnergyGateOptions;
}

/** Creates an energy-only VAD (engine 'fake-energy'). */
export function createFakeVad(options: FakeVadOptions = {}): Vad {
  const minSpeechMs = options.minSpeechMs ?? VAD_DEFAULTS.minSpeechMs;
  const endSilenceMs = options.endSilenceMs ?? VAD_DEFAULTS.endSilenceMs;
  const gate = createEnergyGate(options.energy);
  let closed = false;
  let speaking = false;
  let runStartMs: number | undefined;
  let lastVoicedMs = 0;
  let lastFrameEndMs = 0;
  let segment: Int16Array[] = [];
  let counters: VadStats = { framesIn: 0, framesToModel: 0, framesSkipped: 0 };

  const assertOpen = () => {
    if (closed)
      throw new SpeechError('SPEECH_CLOSED', 'VAD used after close()', {
        details: { engine: 'fake-energy' },
      });
  };
  const end = (atMs: number): VadEvent[] => {
    if (!speaking || runStartMs === undefined) return [];
    const samples = concat(segment);
    const event: VadEvent = { type: 'speech-end', atMs, startMs: runStartMs, lastVoicedMs, samples };
    speaking = false;
    runStartMs = undefined;
    segment = [];
    return [event];
  };

  return {
    engine: 'fake-energy',
    get isSpeaking() {
      return speaking;
    },
    pushFrame(frame, atMs) {
      assertOpen();
      if (frame.length === 0 || !Number.isFinite(atMs)) {
        throw new SpeechError('SPEECH_BAD_INPUT', 'VAD frame must be non-empty with a finite time', {
          details: { field: 'frame' },
        });
      }
      counters.framesIn++;
      const frameMs = (frame.length * 1000) / PCM_SAMPLE_RATE_HZ;
      lastFrameEndMs = atMs + frameMs;
      const { open: voiced } = gate.update(frame, frameMs, speaking);
      if (voiced) {
        runStartMs ??= atMs;
        lastVoicedMs = lastFrameEndMs;
      } else if (!speaking) {
        runStartMs = undefined;
        segment = [];
      }
      if (runStartMs !== undefined) segment.push(frame.slice());
      if (!speaking && voiced && runStartMs !== undefined && lastFrameEndMs - runStartMs >= minSpeechMs) {
        speaking = true;
        return [{ type: 'speech-start', atMs: lastFrameEndMs, startMs: runStartMs }];
      }
      if (speaking && lastFrameEndMs - lastVoicedMs >= endSilenceMs) return end(lastFrameEndMs);
      return [];
    },
    flush() {
      assertOpen();
      return end(lastFrameEndMs);
    },
    reset() {
      assertOpen();
      gate.reset();
      speaking = false;
      runStartMs = undefined;
      segment = [];
      counters = { framesIn: 0, framesToModel: 0, framesSkipped: 0 };
    },
    close() {
      closed = true;
    },
    stats() {
      return { ...counters };
    },
  };
}

function concat(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
