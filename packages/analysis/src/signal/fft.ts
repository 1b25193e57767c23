// In-place iterative radix-2 complex FFT with cached twiddle and bit-reversal tables per size.
// Guarantees: size must be a power of two ≥ 4; forward transform without scaling (X[k] = Σ x[n]·e^(−2πikn/N)).
// Stages are fused in pairs (the first pair needs no multiplications); twiddles are stored per stage.

/** A forward FFT plan for one power-of-two size. */
export interface FftPlan {
  /** Transform size (power of two). */
  readonly size: number;
  /** Transforms (re, im) in place; both arrays must have exactly `size` elements. */
  forward(re: Float64Array, im: Float64Array): void;
}

const plans = new Map<number, FftPlan>();

/** Returns the cached plan for `size` (a power of two ≥ 4). */
export function fftPlan(size: number): FftPlan {
  const cached = plans.get(size);
  if (cached) return cached;
  if (size < 4 || (size & (size - 1)) !== 0)
    throw new RangeError(`FFT size must be a power of two ≥ 4, got ${size}`);
  const plan = buildPlan(size);
  plans.set(size, plan);
  return plan;
}

function buildPlan(size: number): FftPlan {
  // Stage with butterfly span `half` uses twiddles e^(−2πik/(2·half)), k < half, stored at offset half.
  const twiddleRe = new Float64Array(size);
  const twiddleIm = new Float64Array(size);
  for (let half = 4; half < size; half <<= 1) {
    for (let k = 0; k < half; k++) {
      twiddleRe[half + k] = Math.cos((Math.PI * k) / half);
      twiddleIm[half + k] = -Math.sin((Math.PI * k) / half);
    }
  }
  const bits = Math.log2(size);
  const swaps: number[] = [];
  for (let i = 0; i < size; i++) {
    let r = 0;
    for (let b = 0, v = i; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
    if (r > i) swaps.push(i, r);
  }
  const swapPairs = Uint32Array.from(swaps);

  function forward(re: Float64Array, im: Float64Array): void {
    for (let s = 0; s < swapPairs.length; s += 2) {
      const i = swapPairs[s]!;
      const j = swapPairs[s + 1]!;
      const tr = re[i]!;
      re[i] = re[j]!;
      re[j] = tr;
      const ti = im[i]!;
      im[i] = im[j]!;
      im[j] = ti;
    }
    // Stages 1 and 2 (spans 1 and 2) as one radix-4 butterfly on each group of four.
    for (let a = 0; a < size; a += 4) {
      const r0 = re[a]!;
      const i0 = im[a]!;
      const r1 = re[a + 1]!;
      const i1 = im[a + 1]!;
      const r2 = re[a + 2]!;
      const i2 = im[a + 2]!;
      const r3 = re[a + 3]!;
      const i3 = im[a + 3]!;
      const sr01 = r0 + r1;
      const si01 = i0 + i1;
      const dr01 = r0 - r1;
      const di01 = i0 - i1;
      const sr23 = r2 + r3;
      const si23 = i2 + i3;
      const dr23 = r2 - r3;
      const di23 = i2 - i3;
      re[a] = sr01 + sr23;
      im[a] = si01 + si23;
      re[a + 2] = sr01 - sr23;
      im[a + 2] = si01 - si23;
      // (dr23 + i·di23) × (−i) = di23 − i·dr23
      re[a + 1] = dr01 + di23;
      im[a + 1] = di01 - dr23;
      re[a + 3] = dr01 - di23;
      im[a + 3] = di01 + dr23;
    }
    // Remaining stages two at a time (spans h and 2h fused: one pass over memory instead of two).
    let half = 4;
    for (; half * 2 < size; half <<= 2) {
      const quarterLength = half;
      const groupLength = half << 2;
      const outer = half << 1; // twiddle offset of the span-2h stage
      for (let start = 0; start < size; start += groupLength) {
        for (let k = 0; k < quarterLength; k++) {
          const w1r = twiddleRe[half + k]!;
          const w1i = twiddleIm[half + k]!;
          const w2r = twiddleRe[outer + k]!;
          const w2i = twiddleIm[outer + k]!;
          const w3r = twiddleRe[outer + k + half]!;
          const w3i = twiddleIm[outer + k + half]!;
          const i0 = start + k;
          const i1 = i0 + half;
          const i2 = i1 + half;
          const i3 = i2 + half;
          // span h: (i0, i1) and (i2, i3) with twiddle w1
          const x1r = re[i1]! * w1r - im[i1]! * w1i;
          const x1i = re[i1]! * w1i + im[i1]! * w1r;
          const x3r = re[i3]! * w1r - im[i3]! * w1i;
          const x3i = re[i3]! * w1i + im[i3]! * w1r;
          const b0r = re[i0]! + x1r;
          const b0i = im[i0]! + x1i;
          const b1r = re[i0]! - x1r;
          const b1i = im[i0]! - x1i;
          const b2r = re[i2]! + x3r;
          const b2i = im[i2]! + x3i;
          const b3r = re[i2]! - x3r;
          const b3i = im[i2]! - x3i;
          // span 2h: (i0, i2) with w2 and (i1, i3) with w3
          const u2r = b2r * w2r - b2i * w2i;
          const u2i = b2r * w2i + b2i * w2r;
          const u3r = b3r * w3r - b3i * w3i;
          const u3i = b3r * w3i + b3i * w3r;
          re[i0] = b0r + u2r;
          im[i0] = b0i + u2i;
          re[i2] = b0r - u2r;
          im[i2] = b0i - u2i;
          re[i1] = b1r + u3r;
          im[i1] = b1i + u3i;
          re[i3] = b1r - u3r;
          im[i3] = b1i - u3i;
        }
      }
    }
    // A last single stage when the number of remaining stages is odd.
    if (half < size) {
      for (let k = 0; k < half; k++) {
        const wr = twiddleRe[half + k]!;
        const wi = twiddleIm[half + k]!;
        const a = k;
        const b = a + half;
        const xr = re[b]! * wr - im[b]! * wi;
        const xi = re[b]! * wi + im[b]! * wr;
        const ar = re[a]!;
        const ai = im[a]!;
        re[b] = ar - xr;
        im[b] = ai - xi;
        re[a] = ar + xr;
        im[a] = ai + xi;
      }
    }
  }

  return { size, forward };
}
