// Streaming Silero VAD with endpointing, on sherpa-onnx-node's native `Vad`, optionally behind
// an energy gate so idle frames skip the neural net. Guarantees: events carry the caller's
// media times; one speech-end per speech-start; the model runs on one thread per instance;
// a soft first word Silero missed is put back by an energy look-back of at most onsetLookbackMs.
//
//   idle ──(≥ minSpeechMs voiced)──▶ speaking ──(≥ endSilenceMs unvoiced)──▶ idle
//          emits speech-start                   emits speech-end (the endpoint)
import { existsSync } from 'node:fs';
import { PCM_SAMPLE_RATE_HZ } from '../pcm-format.js';
import { loadSherpaOnnx, type SherpaVad } from '../sherpa/sherpa-onnx.js';
import { SpeechError } from '../speech-error.js';
import {
  createEnergyGate,
  ENERGY_GATE_DEFAULTS,
  type EnergyGate,
  type EnergyGateOptions,
} from './energy-gate.js';
import { RecentAudio } from './recent-audio.js';
import { SampleClock } from './sample-clock.js';
import { findSileroModel, type SileroModelInfo, type SileroModelVersion } from './silero-model.js';
import { VAD_DEFAULTS, type Vad, type VadEvent, type VadOptions, type VadStats } from './vad.js';

/** Options of createVad. */
export interface SileroVadOptions extends VadOptions {
  /** Which Silero file from @ricky0123/vad-web, or an explicit .onnx path. Default 'v5'. */
  model?: SileroModelVersion | { path: string; version: SileroModelVersion };
  /**
   * Skip the neural net on quiet idle frames (they are kept as pre-roll and fed when the
   * gate opens). `false` runs Silero on every frame. Default: enabled with ENERGY_GATE_DEFAULTS.
   */
  energyGate?: EnergyGateOptions | false;
  /**
   * How far before Silero's onset to look for the first loud frame of the same utterance
   * (Silero often misses a soft first word, e.g. 8 kHz "Please"), in ms. 0 disables. Default 500.
   */
  onsetLookbackMs?: number;
}

/** Quiet gaps shorter than this still join loud frames into one utterance during look-back, in ms. */
const ONSET_MAX_GAP_MS = 120;

/** sherpa keeps the open segment plus its back-off; more than this grows the buffer (and logs). */
const BUFFER_MARGIN_MS = 2_000;

/**
 * Creates a Silero VAD for one channel of 16 kHz mono s16 audio.
 * Throws SPEECH_ENGINE_UNAVAILABLE when sherpa-onnx-node or the model file is missing,
 * SPEECH_BAD_INPUT for an unsupported sample rate or out-of-range option.
 */
export function createVad(options: SileroVadOptions = {}): Vad {
  const sampleRateHz = options.sampleRateHz ?? VAD_DEFAULTS.sampleRateHz;
  if (sampleRateHz !== PCM_SAMPLE_RATE_HZ) {
    throw new SpeechError('SPEECH_BAD_INPUT', `VAD supports only ${PCM_SAMPLE_RATE_HZ} Hz`, {
      details: { field: 'sampleRateHz', sampleRateHz },
    });
  }
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

  const model = resolveModel(options.model);
  const sherpa = loadSherpaOnnx();
  // Preallocated as float32 in native memory (~64 KB per second): size it to the longest segment.
  const bufferSeconds = (maxSpeechMs + endSilenceMs + BUFFER_MARGIN_MS) / 1000;
  const native = new sherpa.Vad(
    {
      sileroVad: {
        model: model.path,
        threshold,
        minSilenceDuration: endSilenceMs / 1000,
        minSpeechDuration: minSpeechMs / 1000,
        windowSize: model.windowSamples,
        maxSpeechDuration: maxSpeechMs / 1000,
      },
      sampleRate: sampleRateHz,
      numThreads: 1,
      provider: 'cpu',
      debug: false,
    },
    bufferSeconds,
  );
  // The gate always measures (its loudness feeds the onset look-back); it skips only when enabled.
  const gateOptions = options.energyGate === false ? {} : (options.energyGate ?? {});
  const samplesPerMs = sampleRateHz / 1000;
  return new SileroVad(native, model, {
    minSpeechSamples: Math.round(minSpeechMs * samplesPerMs),
    minSilenceSamples: Math.round(endSilenceMs * samplesPerMs),
    retainSamples: Math.ceil(bufferSeconds * sampleRateHz),
    gate: createEnergyGate(gateOptions),
    gateSkips: options.energyGate !== false,
    prerollMs: gateOptions.prerollMs ?? ENERGY_GATE_DEFAULTS.prerollMs,
    onsetLookbackSamples: Math.round(onsetLookbackMs * samplesPerMs),
    onsetMaxGapSamples: Math.round(ONSET_MAX_GAP_MS * samplesPerMs),
  });
}

interface Geometry {
  minSpeechSamples: number;
  minSilenceSamples: number;
  retainSamples: number;
  gate: EnergyGate;
  gateSkips: boolean;
  prerollMs: number;
  onsetLookbackSamples: number;
  onsetMaxGapSamples: number;
}

/** The segment in progress: where Silero put its onset and where the look-back moved it. */
interface OpenSegment {
  sileroOnsetSample: number;
  onsetSample: number;
  /** Audio between onsetSample and sileroOnsetSample, captured before the ring overwrites it. */
  prefix: Int16Array;
}

interface HeldFrame {
  samples: Int16Array;
  atMs: number;
  loud: boolean;
}

class SileroVad implements Vad {
  readonly engine = 'silero' as const;
  private readonly clock: SampleClock;
  private readonly recent: RecentAudio;
  private open: OpenSegment | undefined;
  private scratch = new Float32Array(320);
  private preroll: HeldFrame[] = [];
  private prerollSamples = 0;
  private speaking = false;
  private lastSegmentEndSample = 0;
  private lastFrameEndMs = 0;
  private closed = false;
  private counters: VadStats = { framesIn: 0, framesToModel: 0, framesSkipped: 0 };

  constructor(
    private readonly native: SherpaVad,
    private readonly model: SileroModelInfo,
    private readonly geometry: Geometry,
  ) {
    this.clock = new SampleClock(PCM_SAMPLE_RATE_HZ, geometry.retainSamples);
    // Look-back + Silero's own back-off (2 windows + minSpeech) + a frame of slack.
    this.recent = new RecentAudio(geometry.onsetLookbackSamples + 4 * 576 + geometry.minSpeechSamples + 640);
  }

  get isSpeaking(): boolean {
    return this.speaking;
  }

  pushFrame(frame: Int16Array, atMs: number): VadEvent[] {
    this.assertOpen();
    if (!(frame instanceof Int16Array) || frame.length === 0) {
      throw new SpeechError('SPEECH_BAD_INPUT', 'VAD frame must be a non-empty Int16Array', {
        details: { field: 'frame' },
      });
    }
    if (!Number.isFinite(atMs)) {
      throw new SpeechError('SPEECH_BAD_INPUT', 'VAD frame time must be a finite number of ms', {
        details: { field: 'atMs' },
      });
    }
    this.counters.framesIn++;
    const frameMs = (frame.length * 1000) / PCM_SAMPLE_RATE_HZ;
    this.lastFrameEndMs = atMs + frameMs;

    const busy = this.speaking || this.native.isDetected();
    const { open: loud } = this.geometry.gate.update(frame, frameMs, busy);
    if (this.geometry.gateSkips) {
      if (!loud && !busy) {
        this.hold(frame, atMs);
        this.counters.framesSkipped++;
        return [];
      }
      for (const held of this.preroll) this.feed(held.samples, held.atMs, held.loud);
      this.counters.framesSkipped -= this.preroll.length;
      this.preroll = [];
      this.prerollSamples = 0;
    }
    this.feed(frame, atMs, loud);
    return this.collect(this.lastFrameEndMs);
  }

  flush(): VadEvent[] {
    this.assertOpen();
    this.native.flush();
    return this.collect(this.lastFrameEndMs, true);
  }

  reset(): void {
    this.assertOpen();
    this.native.reset();
    this.clock.reset();
    this.recent.reset();
    this.open = undefined;
    this.geometry.gate.reset();
    this.preroll = [];
    this.prerollSamples = 0;
    this.speaking = false;
    this.lastSegmentEndSample = 0;
    this.lastFrameEndMs = 0;
    this.counters = { framesIn: 0, framesToModel: 0, framesSkipped: 0 };
  }

  close(): void {
    // The addon frees the native detector when the handle is garbage-collected.
    this.closed = true;
    this.preroll = [];
  }

  stats(): VadStats {
    return { ...this.counters };
  }

  private assertOpen(): void {
    if (this.closed)
      throw new SpeechError('SPEECH_CLOSED', 'VAD used after close()', { details: { engine: 'silero' } });
  }

  /** Keeps the newest prerollMs of skipped audio (copied: callers may reuse their frame buffers). */
  private hold(frame: Int16Array, atMs: number): void {
    this.preroll.push({ samples: frame.slice(), atMs, loud: false });
    this.prerollSamples += frame.length;
    const limit = (this.geometry.prerollMs * PCM_SAMPLE_RATE_HZ) / 1000;
    while (this.preroll.length > 1 && this.prerollSamples - this.preroll[0]!.samples.length >= limit) {
      this.prerollSamples -= this.preroll.shift()!.samples.length;
    }
  }

  private feed(frame: Int16Array, atMs: number, loud: boolean): void {
    if (this.scratch.length !== frame.length) this.scratch = new Float32Array(frame.length);
    const scratch = this.scratch;
    for (let i = 0; i < frame.length; i++) scratch[i] = frame[i]! / 32768;
    this.native.acceptWaveform(scratch);
    this.clock.record(frame.length, atMs);
    this.recent.push(frame, loud);
    this.counters.framesToModel++;
  }

  private collect(decidedAtMs: number, flushed = false): VadEvent[] {
    const events: VadEvent[] = [];
    while (!this.native.isEmpty()) {
      const segment = this.native.front(false);
      this.native.pop();
      const endSample = segment.start + segment.samples.length;
      // Several windows can land in one push (pre-roll), so a segment may end unannounced.
      const open = this.speaking && this.open ? this.open : this.openSegment(segment.start);
      if (!this.speaking)
        events.push({ type: 'speech-start', atMs: decidedAtMs, startMs: this.clock.toMs(open.onsetSample) });
      const startSample = Math.min(open.onsetSample, segment.start);
      const prefix = open.prefix.subarray(0, Math.max(0, segment.start - startSample));
      const samples = new Int16Array(prefix.length + segment.samples.length);
      samples.set(prefix);
      toInt16(segment.samples, samples, prefix.length);
      const lastVoicedSample = endSample - (flushed ? 0 : this.endCorrectionSamples());
      this.speaking = false;
      this.open = undefined;
      this.lastSegmentEndSample = endSample;
      events.push({
        type: 'speech-end',
        atMs: decidedAtMs,
        startMs: this.clock.toMs(startSample),
        lastVoicedMs: this.clock.toMs(Math.max(segment.start, lastVoicedSample)),
        samples,
      });
    }
    if (!this.speaking && this.native.isDetected()) {
      this.speaking = true;
      this.open = this.openSegment(this.sileroOnsetSample());
      events.push({
        type: 'speech-start',
        atMs: decidedAtMs,
        startMs: this.clock.toMs(this.open.onsetSample),
      });
    }
    return events;
  }

  /** Moves Silero's onset back to the first loud frame of the same utterance, keeping its audio. */
  private openSegment(sileroOnsetSample: number): OpenSegment {
    const onsetSample = this.recent.findOnset({
      fromSample: sileroOnsetSample,
      floorSample: this.lastSegmentEndSample,
      maxLookbackSamples: this.geometry.onsetLookbackSamples,
      maxGapSamples: this.geometry.onsetMaxGapSamples,
    });
    return { sileroOnsetSample, onsetSample, prefix: this.recent.copy(onsetSample, sileroOnsetSample) };
  }

  /**
   * Where sherpa-onnx will say this segment starts: it backs off two model windows plus
   * minSpeech from the buffer tail at the moment of detection (voice-activity-detector.cc).
   */
  private sileroOnsetSample(): number {
    const shift = this.model.windowSamples;
    const window = shift + this.model.contextSamples;
    const fed = this.clock.totalSamples;
    const processed = fed < window ? 0 : (Math.floor((fed - window) / shift) + 1) * shift;
    return Math.max(processed - 2 * window - this.geometry.minSpeechSamples, this.lastSegmentEndSample, 0);
  }

  /**
   * sherpa-onnx ends a segment at the end of the first unvoiced window plus the rounding of
   * minSilence up to whole windows; the last voiced window ended one window before that.
   */
  private endCorrectionSamples(): number {
    const shift = this.model.windowSamples;
    const overshoot =
      Math.ceil(this.geometry.minSilenceSamples / shift) * shift - this.geometry.minSilenceSamples;
    return overshoot + shift;
  }
}

function resolveModel(model: SileroVadOptions['model']): SileroModelInfo {
  const found =
    typeof model === 'object'
      ? {
          version: model.version,
          path: model.path,
          windowSamples: 512 as const,
          contextSamples: model.version === 'v5' ? 64 : 0,
        }
      : findSileroModel(model ?? 'v5');
  // Checked here: sherpa-onnx aborts the whole process on a missing model file.
  if (!found || !existsSync(found.path)) {
    throw new SpeechError(
      'SPEECH_ENGINE_UNAVAILABLE',
      'Silero model file not found (is @ricky0123/vad-web installed?)',
      {
        details: { engine: 'silero', model: typeof model === 'object' ? model.path : (model ?? 'v5') },
      },
    );
  }
  return found;
}

function checkRange(field: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new SpeechError('SPEECH_BAD_INPUT', `${field} must be between ${min} and ${max}`, {
      details: { field, value },
    });
  }
}

/** Writes float samples in [-1, 1] into `out` from `offset` as s16. */
function toInt16(samples: Float32Array, out: Int16Array, offset: number): void {
  for (let i = 0; i < samples.length; i++) {
    const s = Math.round(samples[i]! * 32768);
    out[offset + i] = Math.min(32767, Math.max(-32768, s));
  }
}
