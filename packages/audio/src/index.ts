// @callsim/audio — pure PCM/WAV toolkit: WAV read/write, sample conversion, resampling, G.711, levels, frame clock.
// Guarantees: no Node, DOM or clock APIs; every function is deterministic and works on typed arrays only.

export { AudioError, type AudioErrorCode } from './audio-error.js';
export {
  type FrameArrival,
  type FrameArrivalKind,
  type FrameArrivalStats,
  FrameClock,
  type FrameClockOptions,
} from './clock/frame-clock.js';
export { FRAME_BYTES_16K, FRAME_MS, FRAME_SAMPLES_16K, INTERNAL_SAMPLE_RATE_HZ } from './constants.js';
export { aLawDecode, aLawEncode } from './g711/a-law.js';
export { muLawDecode, muLawEncode } from './g711/mu-law.js';
export { rmsDb } from './level/rms-db.js';
export { float32ToInt16, int16ToFloat32 } from './pcm/convert.js';
export { deinterleave, interleave } from './pcm/interleave.js';
export { mixToMono } from './pcm/mix-to-mono.js';
export { resample } from './resample/resample.js';
export { createResampler, type StreamingResampler } from './resample/streaming-resampler.js';
export { type DecodedWav, decodeWav, type WavSampleFormat } from './wav/decode-wav.js';
export { type EncodeWavInput, encodeWav } from './wav/encode-wav.js';
export { WAV_HEADER_BYTES, type WavHeaderOptions, wavHeader } from './wav/wav-header.js';
