// Typed, lazy access to the untyped native module sherpa-onnx-node (VAD and offline ASR).
// Guarantees: the addon is loaded at most once; a load failure becomes SPEECH_ENGINE_UNAVAILABLE
// instead of crashing the importer, so the rest of the package works without it.
import { createRequire } from 'node:module';
import { SpeechError } from '../speech-error.js';

/** The subset of sherpa-onnx-node's `Vad` this package uses. */
export interface SherpaVad {
  acceptWaveform(samples: Float32Array): void;
  isEmpty(): boolean;
  isDetected(): boolean;
  pop(): void;
  front(enableExternalBuffer?: boolean): { start: number; samples: Float32Array };
  reset(): void;
  flush(): void;
}

/** sherpa-onnx-node's VadConfig (Silero part). Durations are in seconds, as the addon wants. */
export interface SherpaVadConfig {
  sileroVad: {
    model: string;
    threshold: number;
    minSilenceDuration: number;
    minSpeechDuration: number;
    windowSize: number;
    maxSpeechDuration: number;
  };
  sampleRate: number;
  numThreads: number;
  provider: 'cpu';
  debug: boolean;
}

/** sherpa-onnx-node's OfflineRecognizerConfig, as far as this package fills it. */
export interface SherpaOfflineRecognizerConfig {
  featConfig: { sampleRate: number; featureDim: number };
  modelConfig: {
    senseVoice?: { model: string; language?: string; useInverseTextNormalization?: number };
    paraformer?: { model: string };
    transducer?: { encoder: string; decoder: string; joiner: string };
    tokens: string;
    numThreads: number;
    provider: 'cpu';
    debug: boolean;
  };
  decodingMethod?: string;
}

/** The subset of sherpa-onnx-node's OfflineRecognizer this package uses. */
export interface SherpaOfflineRecognizer {
  createStream(): { acceptWaveform(wave: { samples: Float32Array; sampleRate: number }): void };
  decodeAsync(stream: unknown): Promise<{ text: string; lang?: string }>;
}

/** The module surface this package relies on. */
export interface SherpaOnnxModule {
  Vad: new (config: SherpaVadConfig, bufferSizeInSeconds: number) => SherpaVad;
  OfflineRecognizer: {
    createAsync(config: SherpaOfflineRecognizerConfig): Promise<SherpaOfflineRecognizer>;
  };
  version: string;
}

const require = createRequire(import.meta.url);
let loaded: { module: SherpaOnnxModule } | { error: unknown } | undefined;

/** Loads sherpa-onnx-node once; throws SPEECH_ENGINE_UNAVAILABLE when the addon cannot load. */
export function loadSherpaOnnx(): SherpaOnnxModule {
  if (loaded === undefined) {
    try {
      loaded = { module: require('sherpa-onnx-node') as SherpaOnnxModule };
    } catch (error) {
      loaded = { error };
    }
  }
  if ('module' in loaded) return loaded.module;
  throw new SpeechError('SPEECH_ENGINE_UNAVAILABLE', 'sherpa-onnx-node could not be loaded', {
    details: { engine: 'sherpa-onnx' },
    cause: loaded.error,
  });
}

/** Why sherpa-onnx-node cannot load, or undefined when it can. */
export function sherpaOnnxLoadProblem(): string | undefined {
  try {
    loadSherpaOnnx();
    return undefined;
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return `sherpa-onnx-node does not load: ${cause.split('\n')[0] ?? ''}`;
  }
}
