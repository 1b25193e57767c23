// The engine registry the server builds once at start-up: probes what is installed, picks the
// best engine per locale, and explains every choice for /api/health and the README.
// Guarantees: never throws for a missing engine (it falls back and says why in describe());
// probing spawns no process and loads no ASR model.
//
// ASR choice per locale ('auto'): sherpa-onnx (model present) → pocketsphinx (en-US) → browser.
// TTS: recorded clip when the line has one, else espeak-ng.  VAD: Silero, else the energy fake.

import type { AsrEngine, AsrEngineName } from '../asr/asr-engine.js';
import { createBrowserAsr } from '../asr/browser-asr.js';
import { createNoneAsr } from '../asr/none-asr.js';
import { createPocketsphinxAsr, type PocketsphinxAsrOptions } from '../asr/pocketsphinx-asr.js';
import { createSherpaOnnxAsr } from '../asr/sherpa-onnx-asr.js';
import { SPEECH_LOCALES, type SpeechLocale } from '../pcm-format.js';
import { sherpaOnnxLoadProblem } from '../sherpa/sherpa-onnx.js';
import { sharedToolThread } from '../toolchain/tool-thread.js';
import { createAutoTts } from '../tts/auto-tts.js';
import { createClipTts } from '../tts/clip-tts.js';
import { createEspeakTts, type EspeakTtsOptions } from '../tts/espeak-tts.js';
import { createFakeTts } from '../tts/fake-tts.js';
import { type CachedTts, createTtsCache } from '../tts/tts-cache.js';
import type { TtsEngine } from '../tts/tts-engine.js';
import { createBatchedSileroVad } from '../vad/batched-silero-vad.js';
import { createFakeVad } from '../vad/fake-vad.js';
import { type BatcherStats, onnxRuntimeProblem, SileroBatcher } from '../vad/silero-batcher.js';
import { findSileroModel } from '../vad/silero-model.js';
import { createVad, type SileroVadOptions } from '../vad/silero-vad.js';
import { type Vad, type VadListener, type VadStream, vadStreamOf } from '../vad/vad.js';
import { VadPool, type VadPoolStats } from './vad-pool.js';

/** ASR wish: 'auto' picks the best available per locale. */
export type AsrChoice = 'auto' | AsrEngineName;
/** TTS wish: 'auto' = clip if present, else espeak-ng. 'fake-tone' is for tests. */
export type TtsChoice = 'auto' | 'espeak-ng' | 'clip' | 'fake-tone';
/** VAD wish: 'auto' = Silero if it loads, else the energy fake. */
export type VadChoice = 'auto' | 'silero' | 'fake-energy';

/** Options of createSpeechEngines. */
export interface SpeechEnginesOptions {
  /** Directory with optional models (`sherpa-onnx/<name>/`), e.g. `<repo>/models`. */
  modelsDir: string;
  /** Directory for the TTS cache (created on first write). */
  cacheDir: string;
  /** Directory recorded clip paths are relative to, e.g. `<repo>/call-scripts/audio`. */
  clipsDir?: string;
  /** One choice for every locale, or one per locale. Default 'auto'. */
  asr?: AsrChoice | Partial<Record<SpeechLocale, AsrChoice>>;
  tts?: TtsChoice;
  vad?: VadChoice;
  /** Defaults for every createVad() call (endSilenceMs, energy gate…). */
  vadOptions?: SileroVadOptions;
  espeak?: EspeakTtsOptions;
  pocketsphinx?: PocketsphinxAsrOptions;
  /** TTS in-memory cache budget, in bytes. */
  ttsMemoryBudgetBytes?: number;
}

/** Availability of one engine, for health checks and the README. */
export interface EngineStatus {
  kind: 'vad' | 'asr' | 'tts';
  engine: string;
  available: boolean;
  /** Locales it serves when available. */
  locales: SpeechLocale[];
  /** Why it is unavailable, or notes (model name, caveats). */
  reason?: string;
}

/** What describe() returns. */
export interface SpeechEnginesReport {
  engines: EngineStatus[];
  chosen: { vad: string; tts: string; asr: Record<SpeechLocale, AsrEngineName> };
  /** Requested engines that could not be used, and what was used instead. */
  fallbacks: string[];
}

/** The engines a live-call session uses. */
export interface SpeechEngines {
  /**
   * A VAD for one channel, with the registry's defaults overridden by `options`. Instances are
   * pooled: close() it at hang-up and the next call reuses it (reset) without a model load.
   */
  createVad(options?: SileroVadOptions): Vad;
  /**
   * A VAD for one live call leg, events to `listener`. After warmUp() Silero runs batched
   * across all streams on onnxruntime-node (one shared model, off the event loop); without
   * onnxruntime-node, or before warmUp(), it is a pooled createVad() instance.
   */
  createVadStream(listener: VadListener, options?: SileroVadOptions): VadStream;
  /** VAD pool occupancy. */
  vadPoolStats(): VadPoolStats;
  /** The batched VAD's throughput counters; null when it is not in use. */
  vadBatchStats(): BatcherStats | null;
  /** Caller-line TTS with the disk cache in front (prerender, getCachedPcm). */
  tts: CachedTts;
  /** The ASR engine chosen for `locale`; its name travels with every result. */
  asrFor(locale: SpeechLocale): AsrEngine;
  describe(): SpeechEnginesReport;
  /**
   * Starts the chosen ASR engines (pocketsphinx processes, sherpa-onnx models) and pre-creates
   * `vadInstances` VADs (default 0) ahead of the first call.
   */
  warmUp(options?: { vadInstances?: number }): Promise<void>;
  /** Stops engine processes; call on server shutdown. */
  close(): Promise<void>;
}

/** Probes the machine and builds the engines. Synchronous and cheap (no model is loaded). */
export function createSpeechEngines(options: SpeechEnginesOptions): SpeechEngines {
  const fallbacks: string[] = [];
  const engines: EngineStatus[] = [];

  // VAD
  const sileroProblem =
    sherpaOnnxLoadProblem() ??
    (findSileroModel() ? undefined : 'Silero model file not found in @ricky0123/vad-web');
  engines.push({
    kind: 'vad',
    engine: 'silero',
    available: !sileroProblem,
    locales: [...SPEECH_LOCALES],
    ...reason(sileroProblem),
  });
  engines.push({
    kind: 'vad',
    engine: 'fake-energy',
    available: true,
    locales: [...SPEECH_LOCALES],
    reason: 'energy only; hears noise as speech',
  });
  const vadWish = options.vad ?? 'auto';
  const vadEngine: 'silero' | 'fake-energy' =
    vadWish === 'fake-energy' || sileroProblem ? 'fake-energy' : 'silero';
  if (vadWish !== 'fake-energy' && sileroProblem)
    fallbacks.push(`vad silero unavailable (${sileroProblem}); using fake-energy`);

  // TTS
  const espeak = createEspeakTts(options.espeak);
  const clip = createClipTts({ clipsDir: options.clipsDir });
  const espeakProblem = espeak.problem();
  engines.push({
    kind: 'tts',
    engine: 'espeak-ng',
    available: !espeakProblem,
    locales: [...SPEECH_LOCALES],
    ...reason(espeakProblem),
  });
  const clipProblem = clip.problem();
  engines.push({
    kind: 'tts',
    engine: 'clip',
    available: !clipProblem,
    locales: [...SPEECH_LOCALES],
    reason: clipProblem ?? `clips under ${options.clipsDir ?? process.cwd()}`,
  });
  const ttsWish = options.tts ?? 'auto';
  const base: TtsEngine =
    ttsWish === 'fake-tone'
      ? createFakeTts()
      : ttsWish === 'espeak-ng'
        ? espeak
        : ttsWish === 'clip'
          ? clip
          : createAutoTts(clip, espeak);
  const tts = createTtsCache(base, {
    cacheDir: options.cacheDir,
    memoryBudgetBytes: options.ttsMemoryBudgetBytes,
  });

  // ASR
  const sherpa = createSherpaOnnxAsr({ modelsDir: options.modelsDir });
  const pocketsphinx = createPocketsphinxAsr(options.pocketsphinx);
  const asrEngines: Record<AsrEngineName, AsrEngine> = {
    'sherpa-onnx': sherpa,
    pocketsphinx,
    browser: createBrowserAsr(),
    none: createNoneAsr(),
  };
  for (const engine of Object.values(asrEngines)) {
    const problem = engine.problem();
    const locales = SPEECH_LOCALES.filter((l) => engine.supports(l));
    const models = engine === sherpa ? sherpa.scan.models.map((m) => `${m.name} (${m.kind})`).join(', ') : '';
    const note =
      engine.name === 'browser' ? 'text comes from the softphone (Web Speech API)' : models || undefined;
    engines.push({
      kind: 'asr',
      engine: engine.name,
      available: !problem,
      locales: problem ? [] : locales,
      ...reason(problem ?? note),
    });
  }
  const chosenAsr = {} as Record<SpeechLocale, AsrEngineName>;
  for (const locale of SPEECH_LOCALES) {
    const wish = typeof options.asr === 'object' ? (options.asr[locale] ?? 'auto') : (options.asr ?? 'auto');
    const usable = (name: AsrEngineName) => asrEngines[name].available() && asrEngines[name].supports(locale);
    let pick: AsrEngineName | undefined = wish !== 'auto' && usable(wish) ? wish : undefined;
    if (wish !== 'auto' && !pick) {
      const why = asrEngines[wish].problem() ?? `does not support ${locale}`;
      fallbacks.push(`asr ${wish} for ${locale} unusable (${why}); choosing automatically`);
    }
    pick ??= (['sherpa-onnx', 'pocketsphinx', 'browser'] as const).find(usable) ?? 'none';
    chosenAsr[locale] = pick;
  }

  const vadPool = new VadPool((vadOptions) =>
    vadEngine === 'silero' ? createVad(vadOptions) : createFakeVad(vadOptions),
  );
  const ortProblem = onnxRuntimeProblem();
  engines.push({
    kind: 'vad',
    engine: 'silero-batched',
    available: vadEngine === 'silero' && !ortProblem,
    locales: [...SPEECH_LOCALES],
    ...reason(vadEngine === 'silero' ? ortProblem : sileroProblem),
  });
  let batcher: SileroBatcher | null = null;

  return {
    createVad: (overrides) => vadPool.acquire({ ...options.vadOptions, ...overrides }),
    createVadStream(listener, overrides) {
      const vadOptions = { ...options.vadOptions, ...overrides };
      if (batcher && vadOptions.model === undefined)
        return createBatchedSileroVad(batcher, listener, vadOptions);
      return vadStreamOf(vadPool.acquire(vadOptions), listener);
    },
    vadPoolStats: () => vadPool.stats(),
    vadBatchStats: () => (batcher ? { ...batcher.stats } : null),
    tts,
    asrFor: (locale) => asrEngines[chosenAsr[locale]],
    describe: () => ({
      engines: engines.map((e) => ({ ...e, locales: [...e.locales] })),
      chosen: {
        vad: batcher ? 'silero-batched' : vadEngine,
        tts: ttsWish === 'auto' ? 'clip, else espeak-ng' : base.name,
        asr: { ...chosenAsr },
      },
      fallbacks: [...fallbacks],
    }),
    async warmUp(warmUpOptions = {}) {
      if (vadEngine === 'silero' && !ortProblem && !batcher) {
        const model = findSileroModel('v5');
        if (model)
          batcher = await SileroBatcher.create(model).catch((error: unknown) => {
            fallbacks.push(
              `vad silero-batched failed to load (${(error as Error).message}); using sherpa-onnx`,
            );
            return null;
          });
      }
      if (!batcher) vadPool.prefill({ ...options.vadOptions }, warmUpOptions.vadInstances ?? 0);
      const chosen = new Set(SPEECH_LOCALES.map((locale) => asrEngines[chosenAsr[locale]]));
      await Promise.all([...chosen].map((engine) => engine.warmUp?.()));
    },
    async close() {
      await batcher?.close();
      batcher = null;
      await Promise.all(Object.values(asrEngines).map((engine) => engine.close?.()));
      // The espeak-ng and sox runs of caller lines; a later render starts the thread again.
      await sharedToolThread().close();
    },
  };
}

function reason(text: string | undefined): { reason?: string } {
  return text ? { reason: text } : {};
}
