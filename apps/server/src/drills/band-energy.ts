// Share of speech energy between 2 and 3 kHz — one of the small acoustic marks of a smiling
// voice (domain.md) — averaged over the voiced 10 ms frames of a reading.
// Guarantees: pure and deterministic; 0 when no frame is voiced; the ratio is over 60 Hz –
// min(8 kHz, Nyquist) so hum and DC do not count; 32 ms Hann windows centred on each frame.

const FFT_SIZE = 512;
const BAND_LOW_HZ = 2_000;
const BAND_HIGH_HZ = 3_000;
const TOTAL_LOW_HZ = 60;
const TOTAL_HIGH_HZ = 8_000;

/** In-place radix-2 FFT of (re, im); length must be a power of two. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const angle = (-2 * Math.PI) / size;
    const wRe = Math.cos(angle);
    const wIm = Math.sin(angle);
    for (let start = 0; start < n; start += size) {
      let curRe = 1;
      let curIm = 0;
      for (let k = 0; k < size / 2; k++) {
        const a = start + k;
        const b = a + size / 2;
        const tRe = re[b]! * curRe - im[b]! * curIm;
        const tIm = re[b]! * curIm + im[b]! * curRe;
        re[b] = re[a]! - tRe;
        im[b] = im[a]! - tIm;
        re[a] = re[a]! + tRe;
        im[a] = im[a]! + tIm;
        const nextRe = curRe * wRe - curIm * wIm;
        curIm = curRe * wIm + curIm * wRe;
        curRe = nextRe;
      }
    }
  }
}

/**
 * Energy between 2 and 3 kHz over energy between 60 Hz and 8 kHz (0–1), summed over the
 * frames whose pitch track is voiced (`pitchHz[i] > 0`, frame i centred at (i + 0.5)·timeStepMs).
 */
export function energyRatio2to3kHz(
  samples: Float32Array,
  sampleRateHz: number,
  pitchHz: Float32Array,
  timeStepMs: number,
): number {
  const window = new Float64Array(FFT_SIZE);
  for (let i = 0; i < FFT_SIZE; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (FFT_SIZE - 1));
  const binHz = sampleRateHz / FFT_SIZE;
  const bin = (hz: number) => Math.min(FFT_SIZE / 2, Math.round(hz / binHz));
  const [bandLow, bandHigh] = [bin(BAND_LOW_HZ), bin(BAND_HIGH_HZ)];
  const [totalLow, totalHigh] = [bin(TOTAL_LOW_HZ), bin(Math.min(TOTAL_HIGH_HZ, sampleRateHz / 2))];
  const re = new Float64Array(FFT_SIZE);
  const im = new Float64Array(FFT_SIZE);
  let band = 0;
  let total = 0;
  for (let frame = 0; frame < pitchHz.length; frame++) {
    if (!(pitchHz[frame]! > 0)) continue;
    const centre = Math.round(((frame + 0.5) * timeStepMs * sampleRateHz) / 1000);
    const start = centre - FFT_SIZE / 2;
    for (let i = 0; i < FFT_SIZE; i++) {
      const sample = samples[start + i];
      re[i] = (sample ?? 0) * window[i]!;
      im[i] = 0;
    }
    fft(re, im);
    for (let k = totalLow; k <= totalHigh; k++) {
      const power = re[k]! * re[k]! + im[k]! * im[k]!;
      total += power;
      if (k >= bandLow && k < bandHigh) band += power;
    }
  }
  return total > 0 ? band / total : 0;
}
