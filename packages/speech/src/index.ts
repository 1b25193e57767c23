// @callsim/speech — server-side speech engines for the live call: Silero VAD with endpointing,
// TTS (recorded clips, espeak-ng) behind a disk cache, ASR (sherpa-onnx, pocketsphinx, browser,
// none) and the registry that picks the best available engine per locale.

export {
  ASR_ENGINE_NAMES,
  ASR_MAX_AUDIO_MS,
  type AsrEngine,
  type AsrEngineName,
  type AsrRequest,
  type AsrResult,
  type ClientTranscript,
} from './asr/asr-engine.js';
export { createBrowserAsr } from './asr/browser-asr.js';
export { createNoneAsr } from './asr/none-asr.js';
export {
  createPocketsphinxAsr,
  POCKETSPHINX_DEBIAN_MODEL_DIR,
  type PocketsphinxAsrOptions,
} from './asr/pocketsphinx-asr.js';
export {
  SHERPA_MANIFEST_FILE,
  type SherpaModel,
  type SherpaModelKind,
  type SherpaModelScan,
  scanSherpaModels,
} from './asr/sherpa-model-dir.js';
export { createSherpaOnnxAsr, type SherpaOnnxAsr, type SherpaOnnxAsrOptions } from './asr/sherpa-onnx-asr.js';
export {
  isSpeechLocale,
  PCM_FRAME_MS,
  PCM_FRAME_SAMPLES,
  PCM_SAMPLE_RATE_HZ,
  SPEECH_LOCALES,
  type SpeechLocale,
} from './pcm-format.js';
export {
  type AsrChoice,
  createSpeechEngines,
  type EngineStatus,
  type SpeechEngines,
  type SpeechEnginesOptions,
  type SpeechEnginesReport,
  type TtsChoice,
  type VadChoice,
} from './registry/speech-engines.js';
export type { VadPoolStats } from './registry/vad-pool.js';
export {
  isSpeechError,
  SPEECH_ERROR_CATALOGUE,
  SpeechError,
  type SpeechErrorCode,
  type SpeechErrorDetails,
} from './speech-error.js';
export { startModuleWorker } from './toolchain/module-worker.js';
export { createAutoTts } from './tts/auto-tts.js';
export { type ClipTts, type ClipTtsOptions, createClipTts } from './tts/clip-tts.js';
export { createEspeakTts, type EspeakTts, type EspeakTtsOptions } from './tts/espeak-tts.js';
export { createFakeTts } from './tts/fake-tts.js';
export {
  type CachedTts,
  createTtsCache,
  type PrerenderReport,
  type TtsCacheOptions,
} from './tts/tts-cache.js';
export {
  TTS_MAX_TEXT_CHARS,
  type TtsEngine,
  type TtsGender,
  type TtsRequest,
  type TtsResult,
  type TtsVoice,
} from './tts/tts-engine.js';
export { createBatchedSileroVad } from './vad/batched-silero-vad.js';
export {
  createEnergyGate,
  ENERGY_GATE_DEFAULTS,
  type EnergyGate,
  type EnergyGateDecision,
  type EnergyGateOptions,
  frameLevelDbfs,
} from './vad/energy-gate.js';
export { createFakeVad, type FakeVadOptions } from './vad/fake-vad.js';
export { type BatcherStats, SileroBatcher } from './vad/silero-batcher.js';
export { findSileroModel, type SileroModelInfo, type SileroModelVersion } from './vad/silero-model.js';
export { createVad, type SileroVadOptions } from './vad/silero-vad.js';
export {
  VAD_DEFAULTS,
  type Vad,
  type VadEngineName,
  type VadEvent,
  type VadListener,
  type VadOptions,
  type VadSpeechEnd,
  type VadSpeechStart,
  type VadStats,
  type VadStream,
  vadStreamOf,
} from './vad/vad.js';
