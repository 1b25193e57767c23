// Silero VAD with endpointing for one call leg, deciding on a shared SileroBatcher: frames
// go in synchronously, decisions come back a few ms later (after the batch inference) and
// are delivered to the listener in order; windows of true silence (≤ −60 dBFS) are decided
// at once without the model. Behind an energy gate so idle frames cost nothing.
//
//   idle ──(voiced for ≥ minSpeechMs)──▶ speaking ──(unvoiced for ≥ endSilenceMs)──▶ idle
//          emits speech-start                      emits speech-end (the endpoint)
//
// A window is voiced at probability ≥ threshold and unvoiced below threshold − 0.15 (the
// hysteresis the Silero authors recommend); windows in between extend neither state.
// Guarantees: event times are the media times given to pushFrame; one speech-end per
// speech-start; the endpoint fires endSilenceMs after the estimated last voiced sample,
// rounded up to the next 32 ms model window; nothing is delivered after close().
import { PCM_SAMPLE_RATE_HZ } from '../pcm-format.js';
import { SpeechError } from '../speech-error.js';
import { createEnergyGate, ENERGY_GATE_DEFAULTS, type EnergyGate } from './energy-gate.js';
import { RecentAudio } from './recent-audio.js';
import { SampleClock } from './sample-clock.js';
import {
  type BatchStream,
  SILERO_CONTEXT_SAMPLES,
  SILERO_WINDOW_SAMPLES,
  type SileroBatcher,
} from './silero-batcher.js';
import type { SileroVadOptions } from './silero-vad.js';
import { VAD_DEFAULTS, type VadListener, type VadStats, type VadStream } from './vad.js';

/** Below threshold by this much a window counts as silence (Silero's recommended hysteresis). */
const HYSTERESIS = 0.15;
/** Quiet gaps shorter than this still join loud frames into one utterance during look-back, in ms. */
const ONSET_MAX_GAP_MS = 120;
/**
 * Keep feeding the model this long beyond endSilenceMs after the last loud frame. Decisions
 * arrive after the frames (batched inference), so the gate cannot wait for "speech ended" to
 * stop feeding; feeding the whole endpoint silence makes the endpoint independent of how far
 * the decisions lag.
 */
const GATE_HANGOVER_BEYOND_ENDPOINT_MS = 200;
/**
 * Silero's probability stays above the silence level for a while after the voice stops: on
 * 6 espeak-ng sentences and 4 Asterisk recordings the first unvoiced window started −68 to
 * +71 ms (mean +31 ms) after the last sample louder than −50 dBFS. Subtracted so lastVoicedMs
 * and the endpoint refer to the voice itself: endSilenceMs is the silence a person hears.
 */
const DECAY_LAG_SAMPLES = 480;
/** How far decisions may trail the fed audio and still find the onset's audio, in samples (3 s). */
const DECISION_LAG_ALLOWANCE_SAMPLES = 48_000;
/** Audio kept after the last voiced sample in a segment (the word's fading tail), in samples. */
const SEGMENT_TAIL_SAMPLES = 3_200;
/**
 * A window at or below this RMS level (dBFS) is silence without asking the model: digital
 * silence, a muted or silence-suppressed microphone (the softphones stop sending below the
 * same −60 dBFS), the floor behind a browser's noise suppression. Speech is 30–60 dB louder.
 * Such a window is decided at once, in order after the windows still at the model, so the end
 * of a turn followed by true silence is seen on the tick it completes, whatever the load on the
 * inference thread. The model's recurrent state is left as it was (restarting it made the first
 * windows of the next words read as silence).
 */
const SILENT_WINDOW_DB = -60;
const SILENT_WINDOW_ENERGY = SILERO_WINDOW_SAMPLES * (32768 * 10 ** (SILENT_WINDOW_DB / 20)) ** 2;

interface HeldFrame {
  samples: Int16Array;
  atMs: number;
}

/** Creates a batched Silero stream. Options as for the sherpa-onnx Silero VAD (model must be v5). */
export function createBatchedSileroVad(
  batcher: SileroBatcher,
  listener: VadListener,
  options: SileroVadOptions = {},
): VadStream {
  const threshold = options.threshold ?? VAD_DEFAULTS.threshold;
  const minSpeechMs = options.minSpeechMs ?? VAD_DEFAULTS.minSpeechMs;
  const endSilenceMs = options.endSilenceMs ?? VAD_DEFAULTS.endSilenceMs;
  const maxSpeechMs = options.maxSpeechMs ?? VAD_DEFAULTS.maxSpeechMs;
  checkRange('threshold', threshold, 0.05, 0.95);
  checkRange('minSpeechMs', minSpeechMs, 0, 5_000);
  checkRange('endSilenceMs', endSilenceMs, 100, 10_000);
  checkRange('maxSpeechMs', maxSpeechMs, 1_000, 600_000);
  const onsetLookbackMs = options.onsetLookbackMs ?? 500;
  checkRange('onsetLookbackMs', onsetLookbackMs, 0, 2_000);
  const gateOptions = options.energyGate === false ? {} : (options.energyGate ?? {});
  const perMs = PCM_SAMPLE_RATE_HZ / 1000;
  return new BatchedSileroVad(batcher, listener, {
    threshold,
    silenceBelow: Math.max(0.01, threshold - HYSTERESIS),
    minSpeechSamples: Math.round(minSpeechMs * perMs),
    minSilenceSamples: Math.round(endSilenceMs * perMs),
    maxSpeechSamples: Math.round(maxSpeechMs * perMs),
    onsetLookbackSamples: Math.round(onsetLookbackMs * perMs),
    gate: createEnergyGate(gateOptions),
    gateSkips: options.energyGate !== false,
    prerollSamples: Math.round((gateOptions.prerollMs ?? ENERGY_GATE_DEFAULTS.prerollMs) * perMs),
    hangoverMs: endSilenceMs + GATE_HANGOVER_BEYOND_ENDPOINT_MS,
  });
}

interface Settings {
  threshold: number;
  silenceBelow: number;
  minSpeechSamples: number;
  minSilenceSamples: number;
  maxSpeechSamples: number;
  onsetLookbackSamples: number;
  gate: EnergyGate;
  gateSkips: boolean;
  prerollSamples: number;
  hangoverMs: number;
}

class BatchedSileroVad implements VadStream, BatchStream {
  readonly engine = 'silero' as const;
  readonly state = new Float32Array(256);
  private readonly clock: SampleClock;
  private readonly recent: RecentAudio;
  /** Fed samples not yet cut into a window. */
  private pending = new Int16Array(SILERO_WINDOW_SAMPLES * 4);
  private pendingLength = 0;
  private readonly context = new Float32Array(SILERO_CONTEXT_SAMPLES);
  /** Fed-sample position where the next submitted window starts. */
  private nextWindowStart = 0;
  /**
   * Windows awaiting their probability, oldest first: at the model, or silent ones
   * (SILENT_WINDOW_DB) waiting only for the model's windows before them.
   */
  private readonly inFlight: { start: number; atModel: boolean }[] = [];
  private settleWaiters: (() => void)[] = [];
  private held: HeldFrame[] = [];
  /** Copy buffers of dropped held frames, for the next ones. */
  private readonly spareBuffers: Int16Array[] = [];
  private heldSamples = 0;
  private lastLoudAtMs = Number.NEGATIVE_INFINITY;
  private speaking = false;
  /** First voiced window of a run not yet long enough to count as speech. */
  private candidateStart: number | null = null;
  private segmentStart = 0;
  /** Start of the run of unvoiced windows in the open segment, if one is running. */
  private silenceFrom: number | null = null;
  /** The open segment's audio from its onset (reused across segments, grown by doubling). */
  private segmentAudio = new Int16Array(PCM_SAMPLE_RATE_HZ);
  private segmentLength = 0;
  private lastSegmentEnd = 0;
  private closed = false;
  private readonly counters: VadStats = { framesIn: 0, framesToModel: 0, framesSkipped: 0 };

  constructor(
    private readonly batcher: SileroBatcher,
    private readonly listener: VadListener,
    private readonly s: Settings,
  ) {
    const retain = s.maxSpeechSamples + s.minSilenceSamples + 4 * PCM_SAMPLE_RATE_HZ;
    this.clock = new SampleClock(PCM_SAMPLE_RATE_HZ, retain);
    // Decisions may trail the fed audio (batched inference under load): keep enough to look back from a late one.
    this.recent = new RecentAudio(
      s.onsetLookbackSamples + s.minSpeechSamples + DECISION_LAG_ALLOWANCE_SAMPLES,
    );
  }

  get isSpeaking(): boolean {
    return this.speaking;
  }

  pushFrame(frame: Int16Array, atMs: number): void {
    if (this.closed)
      throw new SpeechError('SPEECH_CLOSED', 'VAD used after close()', { details: { engine: 'silero' } });
    if (!(frame instanceof Int16Array) || frame.length === 0)
      throw new SpeechError('SPEECH_BAD_INPUT', 'VAD frame must be a non-empty Int16Array', {
        details: { field: 'frame' },
      });
    if (!Number.isFinite(atMs))
      throw new SpeechError('SPEECH_BAD_INPUT', 'VAD frame time must be a finite number of ms', {
        details: { field: 'atMs' },
      });
    this.counters.framesIn++;
    const frameMs = (frame.length * 1000) / PCM_SAMPLE_RATE_HZ;
    // The noise floor freezes only during (possible) speech, so steady noise stays "quiet".
    const inSpeech = this.speaking || this.candidateStart !== null;
    const { open: loud } = this.s.gate.update(frame, frameMs, inSpeech);
    if (loud) this.lastLoudAtMs = atMs;
    if (this.s.gateSkips && !loud && !inSpeech && atMs - this.lastLoudAtMs >= this.s.hangoverMs) {
      this.hold(frame, atMs);
      return;
    }
    for (const held of this.held) {
      this.feed(held.samples, held.atMs, false);
      this.spareBuffers.push(held.samples);
    }
    this.counters.framesSkipped -= this.held.length;
    this.held = [];
    this.heldSamples = 0;
    this.feed(frame, atMs, loud);
  }

  settled(): Promise<void> {
    if (this.inFlight.length === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.settleWaiters.push(resolve));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.batcher.leave(this);
    this.held = [];
    this.segmentLength = 0;
    this.wakeSettled();
  }

  stats(): VadStats {
    return { ...this.counters };
  }

  /** BatchStream: the probability of the oldest window at the model. */
  decided(probability: number): void {
    const window = this.inFlight.shift();
    if (this.closed || window === undefined) return;
    this.decide(window.start, window.start + SILERO_WINDOW_SAMPLES, probability);
    this.decideSilentWindows();
  }

  /** BatchStream: the oldest window at the model was lost (counted in the batcher's stats). */
  failed(): void {
    this.inFlight.shift();
    this.decideSilentWindows();
  }

  /** Decides the silent windows now at the head of the queue (probability 0, no model). */
  private decideSilentWindows(): void {
    while (!this.closed && this.inFlight.length > 0 && !this.inFlight[0]!.atModel) {
      const { start } = this.inFlight.shift()!;
      this.decide(start, start + SILERO_WINDOW_SAMPLES, 0);
    }
    if (this.inFlight.length === 0) this.wakeSettled();
  }

  private wakeSettled(): void {
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Keeps the newest prerollSamples of skipped audio (copied: callers may reuse their buffers). */
  private hold(frame: Int16Array, atMs: number): void {
    // Silent frames are the common case (the customer is talking): reuse copy buffers rather
    // than allocate one per frame.
    const spare = this.spareBuffers.pop();
    const copy = spare?.length === frame.length ? spare : new Int16Array(frame.length);
    copy.set(frame);
    this.held.push({ samples: copy, atMs });
    this.heldSamples += frame.length;
    this.counters.framesSkipped++;
    while (this.held.length > 1 && this.heldSamples - this.held[0]!.samples.length >= this.s.prerollSamples) {
      const dropped = this.held.shift()!.samples;
      this.heldSamples -= dropped.length;
      this.spareBuffers.push(dropped);
    }
  }

  private feed(frame: Int16Array, atMs: number, loud: boolean): void {
    this.counters.framesToModel++;
    this.clock.record(frame.length, atMs);
    this.recent.push(frame, loud);
    if (this.speaking) this.appendToSegment(frame);
    if (this.pendingLength + frame.length > this.pending.length) {
      const grown = new Int16Array((this.pendingLength + frame.length) * 2);
      grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
    }
    this.pending.set(frame, this.pendingLength);
    this.pendingLength += frame.length;
    while (this.pendingLength >= SILERO_WINDOW_SAMPLES) this.submitWindow();
  }

  private submitWindow(): void {
    const pending = this.pending;
    let energy = 0;
    for (let i = 0; i < SILERO_WINDOW_SAMPLES; i++) energy += pending[i]! * pending[i]!;
    const start = this.nextWindowStart;
    this.nextWindowStart += SILERO_WINDOW_SAMPLES;
    if (energy <= SILENT_WINDOW_ENERGY) {
      for (let i = 0; i < SILERO_CONTEXT_SAMPLES; i++)
        this.context[i] = pending[SILERO_WINDOW_SAMPLES - SILERO_CONTEXT_SAMPLES + i]! / 32768;
      this.consumeWindow();
      this.inFlight.push({ start, atModel: false });
      this.decideSilentWindows();
      return;
    }
    const input = this.batcher.takeWindow();
    input.set(this.context);
    for (let i = 0; i < SILERO_WINDOW_SAMPLES; i++) input[SILERO_CONTEXT_SAMPLES + i] = pending[i]! / 32768;
    this.context.set(input.subarray(input.length - SILERO_CONTEXT_SAMPLES));
    this.consumeWindow();
    this.inFlight.push({ start, atModel: true });
    try {
      this.batcher.submit(this, input);
    } catch {
      // The inference thread is gone: this window stays undecided (the call's silence timers
      // still run); the batcher counts it in failedWindows.
      this.inFlight.pop();
    }
  }

  /** Drops the window just cut from the pending samples. */
  private consumeWindow(): void {
    this.pending.copyWithin(0, SILERO_WINDOW_SAMPLES, this.pendingLength);
    this.pendingLength -= SILERO_WINDOW_SAMPLES;
  }

  private decide(windowStart: number, windowEnd: number, probability: number): void {
    const voiced = probability >= this.s.threshold;
    const unvoiced = probability < this.s.silenceBelow;
    if (!this.speaking) {
      if (voiced) {
        this.candidateStart ??= windowStart;
        if (windowEnd - this.candidateStart >= this.s.minSpeechSamples) this.startSegment(windowEnd);
      } else if (unvoiced) this.candidateStart = null;
      return;
    }
    if (voiced) this.silenceFrom = null;
    else if (unvoiced) this.silenceFrom ??= windowStart;
    const lastVoiced = Math.max(this.segmentStart, (this.silenceFrom ?? windowEnd) - DECAY_LAG_SAMPLES);
    if (this.silenceFrom !== null && windowEnd - lastVoiced >= this.s.minSilenceSamples)
      this.endSegment(windowEnd, lastVoiced);
    else if (windowEnd - this.segmentStart >= this.s.maxSpeechSamples) this.endSegment(windowEnd, windowEnd);
  }

  private appendToSegment(samples: Int16Array): void {
    if (this.segmentLength + samples.length > this.segmentAudio.length) {
      const grown = new Int16Array(
        Math.max(this.segmentAudio.length * 2, this.segmentLength + samples.length),
      );
      grown.set(this.segmentAudio.subarray(0, this.segmentLength));
      this.segmentAudio = grown;
    }
    this.segmentAudio.set(samples, this.segmentLength);
    this.segmentLength += samples.length;
  }

  private startSegment(decidedAt: number): void {
    const onset = this.recent.findOnset({
      fromSample: this.candidateStart ?? decidedAt,
      floorSample: this.lastSegmentEnd,
      maxLookbackSamples: this.s.onsetLookbackSamples,
      maxGapSamples: Math.round(ONSET_MAX_GAP_MS * (PCM_SAMPLE_RATE_HZ / 1000)),
    });
    this.speaking = true;
    this.candidateStart = null;
    this.segmentStart = onset;
    this.silenceFrom = null;
    // Everything fed from the onset on (later frames are appended as they are fed).
    this.segmentLength = 0;
    this.appendToSegment(this.recent.copy(onset, this.clock.totalSamples));
    this.listener({
      type: 'speech-start',
      atMs: this.clock.toMs(decidedAt),
      startMs: this.clock.toMs(onset),
    });
  }

  private endSegment(decidedAt: number, lastVoiced: number): void {
    const keep = Math.min(lastVoiced + SEGMENT_TAIL_SAMPLES, this.clock.totalSamples) - this.segmentStart;
    const samples = this.segmentAudio.slice(0, Math.max(0, Math.min(keep, this.segmentLength)));
    this.speaking = false;
    this.segmentLength = 0;
    this.lastSegmentEnd = decidedAt;
    this.silenceFrom = null;
    this.listener({
      type: 'speech-end',
      atMs: this.clock.toMs(decidedAt),
      startMs: this.clock.toMs(this.segmentStart),
      lastVoicedMs: this.clock.toMs(lastVoiced),
      samples,
    });
  }
}

function checkRange(field: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max)
    throw new SpeechError('SPEECH_BAD_INPUT', `${field} must be between ${min} and ${max}`, {
      details: { field, value },
    });
}
