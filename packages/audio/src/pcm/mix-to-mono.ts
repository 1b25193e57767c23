// Down-mix of planar float channels to one mono channel by averaging.
// Guarantees: output length is the shortest channel's length; a single channel is copied, not aliased.

/** Averages float channels sample by sample (keeps level: two equal channels mix to the same signal). */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 0) return new Float32Array(0);
  let length = Number.POSITIVE_INFINITY;
  for (const channel of channels) length = Math.min(length, channel.length);
  const out = new Float32Array(length);
  for (const channel of channels) {
    for (let i = 0; i < length; i++) out[i]! += channel[i]!;
  }
  const scale = 1 / channels.length;
  for (let i = 0; i < length; i++) out[i]! *= scale;
  return out;
}
