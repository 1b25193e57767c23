// Praat-style intensity contour: Kaiser-windowed mean power (window 6.4 / minPitch s, mean subtracted),
// in dB re (2·10⁻⁵)² with full scale 1.0 taken as 1 Pa, so a full-scale sine reads 90.97 dB.
// Guarantees: frame i centred at (i + 0.5) × timeStepMs; windows are clipped at the signal edges like
// Praat; sums use 1 ms blocks with a first-order (slope) correction, < 0.05 dB from the sample-exact sum;
// floor 0 dB.

/** Settings of the intensity contour. */
export interface IntensityOptions {
  /** Lowest pitch the window must smooth out, in Hz (window = 6.4 / minPitchHz s) — default 100. */
  minPitchHz: number;
  /** Frame step in ms — default 10. */
  timeStepMs: number;
}

/** An intensity contour on a regular time grid. */
export interface IntensityTrack {
  /** Frame step in ms; frame i covers [i·timeStepMs, (i+1)·timeStepMs). */
  timeStepMs: number;
  /** Intensity in dB SPL (re 2·10⁻⁵, full scale = 1 Pa) per frame, ≥ INTENSITY_FLOOR_DB. */
  db: Float32Array;
}

/** Lowest intensity reported, in dB (≈ −91 dBFS; digital silence reads this). */
export const INTENSITY_FLOOR_DB = 0;

/** Praat's default intensity settings with a 10 ms step. */
export const DEFAULT_INTENSITY_OPTIONS: Readonly<IntensityOptions> = Object.freeze({
  minPitchHz: 100,
  timeStepMs: 10,
});

const KAISER_BETA = 2 * Math.PI * Math.PI + 0.5;
const WINDOW_TABLE_SIZE = 4096;
const REFERENCE_POWER = 4e-10;

/** Per-block sums of a signal, shareable between intensity contours with different windows. */
export interface BlockEnergy {
  /** The signal the blocks were computed from. */
  samples: Float32Array;
  /** Sample rate in Hz. */
  sampleRateHz: number;
  /** Samples per block (≈ 1 ms). */
  blockSize: number;
  /** Σ x per block. */
  blockSum: Float32Array;
  /** Σ x² per block. */
  blockSquares: Float32Array;
  /** Σ (i − block midpoint) · x² per block, in samples: lets the window slope be applied within a block. */
  blockSquaresMoment: Float32Array;
  /** prefix[b] = Σ x over all blocks before b (Float64 to keep long sums exact enough). */
  prefix: Float64Array;
}

/** Computes the block sums used by intensityContour (one pass over the signal). */
export function blockEnergy(samples: Float32Array, sampleRateHz: number): BlockEnergy {
  const length = samples.length;
  const blockSize = Math.max(1, Math.round(sampleRateHz / 1000));
  const blockCount = Math.ceil(length / blockSize);
  const blockSum = new Float32Array(blockCount);
  const blockSquares = new Float32Array(blockCount);
  const blockSquaresMoment = new Float32Array(blockCount);
  const prefix = new Float64Array(blockCount + 1);
  for (let b = 0, i = 0; b < blockCount; b++) {
    let sum = 0;
    let squares = 0;
    let moment = 0;
    const end = Math.min(length, i + blockSize);
    const midpoint = b * blockSize + (blockSize - 1) / 2;
    for (; i < end; i++) {
      const v = samples[i]!;
      sum += v;
      squares += v * v;
      moment += (i - midpoint) * v * v;
    }
    blockSum[b] = sum;
    blockSquares[b] = squares;
    blockSquaresMoment[b] = moment;
    prefix[b + 1] = prefix[b]! + sum;
  }
  return { samples, sampleRateHz, blockSize, blockSum, blockSquares, blockSquaresMoment, prefix };
}

/** Computes the intensity contour of a mono signal (full scale 1.0); pass `blocks` to reuse block sums. */
export function intensityContour(
  samples: Float32Array,
  sampleRateHz: number,
  options: Partial<IntensityOptions> = {},
  blocks: BlockEnergy = blockEnergy(samples, sampleRateHz),
): IntensityTrack {
  const { minPitchHz, timeStepMs } = { ...DEFAULT_INTENSITY_OPTIONS, ...options };
  const durationMs = (samples.length / sampleRateHz) * 1000;
  const frameCount = Math.max(0, Math.floor(durationMs / timeStepMs + 1e-9));
  const db = new Float32Array(frameCount);
  if (frameCount === 0) return { timeStepMs, db };

  const length = samples.length;
  const { blockSize, blockSum, blockSquares, blockSquaresMoment, prefix } = blocks;
  const blockCount = blockSum.length;
  /** Σ samples[0 … end−1] from the block prefix plus the partial block. */
  const sumBefore = (end: number): number => {
    const block = Math.floor(end / blockSize);
    let total = prefix[block]!;
    for (let i = block * blockSize; i < end; i++) total += samples[i]!;
    return total;
  };
  const halfWindowSamples = Math.floor((3.2 / minPitchHz) * sampleRateHz);
  const weights = phaseWeights(blockSize, halfWindowSamples);
  const hopSamples = (sampleRateHz * timeStepMs) / 1000;
  for (let frame = 0; frame < frameCount; frame++) {
    const centre = Math.round((frame + 0.5) * hopSamples);
    const left = Math.max(0, centre - halfWindowSamples);
    const right = Math.min(length - 1, centre + halfWindowSamples);
    const mean = (sumBefore(right + 1) - sumBefore(left)) / (right - left + 1);
    const phase = centre % blockSize;
    const table = weights.tables[phase]!;
    const slopes = weights.slopes[phase]!;
    const firstBlock = (centre - phase) / blockSize + weights.firstOffset[phase]!;
    let sumW = 0;
    let sumWX = 0;
    let sumWX2 = 0;
    if (
      firstBlock >= 0 &&
      firstBlock + table.length <= blockCount &&
      (firstBlock + table.length) * blockSize <= length
    ) {
      // Whole window inside the signal: a plain dot product with the precomputed block weights.
      for (let j = 0, b = firstBlock; j < table.length; j++, b++) {
        const w = table[j]!;
        sumWX += w * blockSum[b]!;
        sumWX2 += w * blockSquares[b]! + slopes[j]! * blockSquaresMoment[b]!;
      }
      sumW = weights.totals[phase]!;
    } else {
      // Window clipped by the signal edges (as Praat does): only blocks inside the signal, by sample count.
      for (let j = 0, b = firstBlock; j < table.length; j++, b++) {
        if (b < 0 || b >= blockCount) continue;
        const w = table[j]!;
        const samplesInBlock = Math.min(blockSize, length - b * blockSize);
        sumW += (w * samplesInBlock) / blockSize;
        sumWX += w * blockSum[b]!;
        sumWX2 += w * blockSquares[b]! + slopes[j]! * blockSquaresMoment[b]!;
      }
    }
    const power = sumW > 0 ? (sumWX2 - 2 * mean * sumWX + mean * mean * sumW) / sumW : 0;
    const level = power > 0 ? 10 * Math.log10(power / REFERENCE_POWER) : INTENSITY_FLOOR_DB;
    db[frame] = Math.max(INTENSITY_FLOOR_DB, level);
  }
  return { timeStepMs, db };
}

interface PhaseWeights {
  /** tables[p][j]: per-sample window weight of block (first block + j) when centre ≡ p (mod blockSize). */
  tables: Float64Array[];
  /** slopes[p][j]: the window's derivative per sample at that block's midpoint. */
  slopes: Float64Array[];
  /** First block index relative to the block that contains the centre. */
  firstOffset: Int32Array;
  /** Σ weight × samples over each table (the window's total weight). */
  totals: Float64Array;
}

/**
 * Window weights per block for each position of the frame centre within a block, so each frame is a
 * dot product. Blocks are weighted at their midpoint (midpoint rule over 1 ms blocks).
 */
function phaseWeights(blockSize: number, halfWindowSamples: number): PhaseWeights {
  const table = kaiserTable();
  const tables: Float64Array[] = [];
  const slopes: Float64Array[] = [];
  const firstOffset = new Int32Array(blockSize);
  const totals = new Float64Array(blockSize);
  for (let phase = 0; phase < blockSize; phase++) {
    const first = Math.floor((phase - halfWindowSamples) / blockSize);
    const last = Math.floor((phase + halfWindowSamples) / blockSize);
    const weights = new Float64Array(last - first + 1);
    const slope = new Float64Array(last - first + 1);
    let total = 0;
    for (let b = first; b <= last; b++) {
      const midpoint = b * blockSize + (blockSize - 1) / 2;
      const w = lookup(table, (midpoint - phase) / halfWindowSamples);
      weights[b - first] = w;
      slope[b - first] =
        lookup(table, (midpoint + 0.5 - phase) / halfWindowSamples) -
        lookup(table, (midpoint - 0.5 - phase) / halfWindowSamples);
      total += w * blockSize;
    }
    tables.push(weights);
    slopes.push(slope);
    firstOffset[phase] = first;
    totals[phase] = total;
  }
  return { tables, slopes, firstOffset, totals };
}

let cachedTable: Float64Array | undefined;

/** Kaiser window (β = 2π² + 0.5, Praat's) sampled at WINDOW_TABLE_SIZE + 1 points over −1 … 1. */
function kaiserTable(): Float64Array {
  if (cachedTable) return cachedTable;
  const table = new Float64Array(WINDOW_TABLE_SIZE + 1);
  for (let i = 0; i <= WINDOW_TABLE_SIZE; i++) {
    const x = (2 * i) / WINDOW_TABLE_SIZE - 1;
    const root = 1 - x * x;
    table[i] = root <= 0 ? 0 : besselI0(KAISER_BETA * Math.sqrt(root));
  }
  cachedTable = table;
  return table;
}

function lookup(table: Float64Array, position: number): number {
  if (position <= -1 || position >= 1) return 0;
  const place = ((position + 1) / 2) * WINDOW_TABLE_SIZE;
  const index = Math.floor(place);
  const fraction = place - index;
  return table[index]! + fraction * (table[index + 1]! - table[index]!);
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const half = x / 2;
  for (let k = 1; k < 200; k++) {
    term *= (half / k) * (half / k);
    sum += term;
    if (term < sum * 1e-15) break;
  }
  return sum;
}
