// Encoder of planar channels to a complete 16-bit PCM WAV file in memory.
// Guarantees: output = wavHeader(...) + interleaved s16le samples; float input is clipped, not wrapped.

import { AudioError } from '../audio-error.js';
import { float32ToInt16 } from '../pcm/convert.js';
import { interleave } from '../pcm/interleave.js';
import { WAV_HEADER_BYTES, wavHeader } from './wav-header.js';

/** Input of encodeWav: equal-length planar channels, float (full scale 1.0) or s16. */
export interface EncodeWavInput {
  /** Sample rate in Hz. */
  sampleRateHz: number;
  /** One array per channel (index 0 = left / agent, 1 = right / caller). */
  channels: readonly Float32Array[] | readonly Int16Array[];
}

/** Encodes channels as a 16-bit PCM WAV file. Throws AUDIO_CHANNELS_MISMATCH on unequal lengths. */
export function encodeWav(input: EncodeWavInput): Uint8Array {
  const { sampleRateHz, channels } = input;
  if (channels.length === 0) {
    throw new AudioError('AUDIO_BAD_ARGUMENT', 'at least one channel is required');
  }
  const int16Channels = channels.map((channel) =>
    channel instanceof Int16Array ? channel : float32ToInt16(channel),
  );
  const samples = interleave(int16Channels);
  const dataBytes = samples.length * 2;
  const out = new Uint8Array(WAV_HEADER_BYTES + dataBytes);
  out.set(wavHeader({ sampleRateHz, channelCount: channels.length, bitsPerSample: 16, dataBytes }), 0);
  const view = new DataView(out.buffer);
  for (let i = 0, offset = WAV_HEADER_BYTES; i < samples.length; i++, offset += 2) {
    view.setInt16(offset, samples[i]!, true);
  }
  return out;
}
