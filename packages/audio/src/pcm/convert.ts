// Sample format conversion between 16-bit integer PCM and float PCM in [-1, 1).
// Guarantees: float32ToInt16 clips (never wraps) and rounds to nearest; int16ToFloat32 divides by 32768.

/** Converts s16 samples to floats in [-1, 1) (full scale = 32768). */
export function int16ToFloat32(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / 32768;
  return out;
}

/** Converts float samples (full scale = 1.0) to s16, clipping to [-32768, 32767]; NaN becomes 0. */
export function float32ToInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const scaled = Math.round(samples[i]! * 32768);
    out[i] = scaled > 32767 ? 32767 : scaled < -32768 ? -32768 : scaled || 0;
  }
  return out;
}
