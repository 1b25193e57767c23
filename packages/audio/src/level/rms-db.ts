// Root-mean-square level in dBFS (0 dBFS = RMS of a full-scale square wave; a full-scale sine is −3.01 dBFS).
// Guarantees: silence and empty input return `floorDb` (default −120) instead of −Infinity.

/**
 * RMS level of `samples` in dBFS. Float input has full scale 1.0; Int16 input has full scale 32768.
 * @param floorDb lowest value returned, in dB (for silence or empty input)
 */
export function rmsDb(samples: Float32Array | Int16Array, floorDb = -120): number {
  if (samples.length === 0) return floorDb;
  const scale = samples instanceof Int16Array ? 1 / 32768 : 1;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]! * scale;
    sum += v * v;
  }
  const meanSquare = sum / samples.length;
  if (meanSquare <= 0) return floorDb;
  return Math.max(floorDb, 10 * Math.log10(meanSquare));
}
