// Interleaving of planar s16 channels into one frame-ordered buffer (WAV / wire layout) and back.
// Guarantees: deinterleave(interleave(chs), chs.length) returns equal channels; channels must have equal length.

import { AudioError } from '../audio-error.js';

/** Interleaves equal-length s16 channels: [L0, R0, L1, R1, …]. Throws AUDIO_CHANNELS_MISMATCH otherwise. */
export function interleave(channels: readonly Int16Array[]): Int16Array {
  const channelCount = channels.length;
  if (channelCount === 0) return new Int16Array(0);
  const frameCount = channels[0]!.length;
  for (const channel of channels) {
    if (channel.length !== frameCount) {
      throw new AudioError('AUDIO_CHANNELS_MISMATCH', 'all channels must have the same length', {
        expected: frameCount,
        actual: channel.length,
      });
    }
  }
  const out = new Int16Array(frameCount * channelCount);
  for (let c = 0; c < channelCount; c++) {
    const channel = channels[c]!;
    for (let i = 0, j = c; i < frameCount; i++, j += channelCount) out[j] = channel[i]!;
  }
  return out;
}

/** Splits interleaved s16 samples into `channelCount` planar channels; a trailing partial frame is dropped. */
export function deinterleave(interleaved: Int16Array, channelCount: number): Int16Array[] {
  if (!Number.isInteger(channelCount) || channelCount < 1) {
    throw new AudioError('AUDIO_BAD_ARGUMENT', 'channelCount must be a positive integer', { channelCount });
  }
  const frameCount = Math.floor(interleaved.length / channelCount);
  const channels: Int16Array[] = [];
  for (let c = 0; c < channelCount; c++) {
    const channel = new Int16Array(frameCount);
    for (let i = 0, j = c; i < frameCount; i++, j += channelCount) channel[i] = interleaved[j]!;
    channels.push(channel);
  }
  return channels;
}
