// Offline ASR with sherpa-onnx-node and a model fetched by scripts/models/fetch-models.mjs
// (SenseVoice zh/en by default). Enabled only when a usable model directory exists.
// Guarantees: nothing is loaded until the first transcribe(); decoding runs off the JS thread.
import { SPEECH_LOCALES, type SpeechLocale } from '../pcm-format.js';
import {
  loadSherpaOnnx,
  type SherpaOfflineRecognizer,
  type SherpaOfflineRecognizerConfig,
  sherpaOnnxLoadProblem,
} from '../sherpa/sherpa-onnx.js';
import { SpeechError } from '../speech-error.js';
import type { AsrEngine } from './asr-engine.js';
import { checkAsrRequest } from './asr-input.js';
import { type SherpaModel, type SherpaModelScan, scanSherpaModels } from './sherpa-model-dir.js';

/** Options of createSherpaOnnxAsr. */
export interface SherpaOnnxAsrOptions {
  /** Directory holding `sherpa-onnx/<model>/` (the repo's `models/`). */
  modelsDir: string;
  /** Threads per recognizer. Default 1 (the server runs many calls at once). */
  numThreads?: number;
}

/** The sherpa-onnx engine plus what it found on disk. */
export interface SherpaOnnxAsr extends AsrEngine {
  /** The model serving `locale`, if any. */
  modelFor(locale: SpeechLocale): SherpaModel | undefined;
  readonly scan: SherpaModelScan;
}

const KIND_PREFERENCE = ['sense-voice', 'paraformer', 'transducer'] as const;

/** Creates the 'sherpa-onnx' engine; scans the models directory once, now. */
export function createSherpaOnnxAsr(options: SherpaOnnxAsrOptions): SherpaOnnxAsr {
  const scan = scanSherpaModels(options.modelsDir);
  const recognizers = new Map<string, Promise<SherpaOfflineRecognizer>>();
  const modelFor = (locale: SpeechLocale) =>
    [...scan.models]
      .sort((a, b) => KIND_PREFERENCE.indexOf(a.kind) - KIND_PREFERENCE.indexOf(b.kind))
      .find((m) => m.locales.includes(locale));

  const problem = (): string | undefined => {
    if (scan.models.length === 0) {
      const rejected = scan.rejected.map((r) => `${r.name}: ${r.reason}`).join('; ');
      return `no sherpa-onnx model under ${scan.root}${rejected ? ` (${rejected})` : ''}; run node scripts/models/fetch-models.mjs`;
    }
    return sherpaOnnxLoadProblem();
  };

  const recognizerFor = (model: SherpaModel) => {
    let pending = recognizers.get(model.dir);
    if (!pending) {
      pending = loadSherpaOnnx()
        .OfflineRecognizer.createAsync(recognizerConfig(model, options.numThreads ?? 1))
        .catch((error: unknown) => {
          recognizers.delete(model.dir);
          throw new SpeechError('SPEECH_MODEL_INVALID', `sherpa-onnx could not load ${model.name}`, {
            details: { engine: 'sherpa-onnx', model: model.name },
            cause: error,
          });
        });
      recognizers.set(model.dir, pending);
    }
    return pending;
  };

  const engine: SherpaOnnxAsr = {
    name: 'sherpa-onnx',
    scan,
    modelFor,
    supports: (locale) => SPEECH_LOCALES.includes(locale) && modelFor(locale) !== undefined,
    async warmUp() {
      if (problem() !== undefined) return;
      const models = new Set(SPEECH_LOCALES.map(modelFor).filter((m) => m !== undefined));
      await Promise.all([...models].map(recognizerFor));
    },
    async close() {
      // The addon frees recognizers when they are garbage-collected.
      recognizers.clear();
    },
    available: () => problem() === undefined,
    problem,
    async transcribe(request) {
      const reason = problem();
      if (reason)
        throw new SpeechError('SPEECH_ENGINE_UNAVAILABLE', reason, { details: { engine: 'sherpa-onnx' } });
      checkAsrRequest(request, engine);
      if (request.samples.length === 0) return { text: '', engine: 'sherpa-onnx' };
      const recognizer = await recognizerFor(modelFor(request.locale)!);
      const stream = recognizer.createStream();
      const samples = new Float32Array(request.samples.length);
      for (let i = 0; i < samples.length; i++) samples[i] = request.samples[i]! / 32768;
      stream.acceptWaveform({ samples, sampleRate: request.sampleRateHz });
      try {
        const result = await recognizer.decodeAsync(stream);
        return { text: result.text.trim(), engine: 'sherpa-onnx' };
      } catch (error) {
        throw new SpeechError('SPEECH_ENGINE_FAILED', 'sherpa-onnx decoding failed', {
          details: { engine: 'sherpa-onnx' },
          cause: error,
        });
      }
    },
  };
  return engine;
}

function recognizerConfig(model: SherpaModel, numThreads: number): SherpaOfflineRecognizerConfig {
  const common = { tokens: model.tokens, numThreads, provider: 'cpu' as const, debug: false };
  const featConfig = { sampleRate: 16_000, featureDim: 80 };
  switch (model.kind) {
    case 'sense-voice':
      return {
        featConfig,
        modelConfig: {
          ...common,
          senseVoice: { model: model.files.model!, language: '', useInverseTextNormalization: 1 },
        },
      };
    case 'paraformer':
      return { featConfig, modelConfig: { ...common, paraformer: { model: model.files.model! } } };
    case 'transducer':
      return {
        featConfig,
        decodingMethod: 'greedy_search',
        modelConfig: {
          ...common,
          transducer: {
            encoder: model.files.encoder!,
            decoder: model.files.decoder!,
            joiner: model.files.joiner!,
          },
        },
      };
  }
}
