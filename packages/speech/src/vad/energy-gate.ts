// A cheap energy gate that keeps idle frames away from the neural VAD.
// Guarantees: O(frame length) per frame, no allocation; the gate is open whenever the frame
// is louder than both an absolute level and the tracked noise floor plus a margin.

/** Options of createEnergyGate. */
export interface EnergyGateOptions {
  /** Frames quieter than this RMS level never open the gate, in dBFS. Default -50. */
  openAboveDbfs?: number;
  /** Frames must also exceed the tracked noise floor by this much, in dB. Default 6. */
  noiseMarginDb?: number;
  /** How fast the noise floor rises toward louder idle audio (time constant), in ms. Default 2000. */
  floorRiseMs?: number;
  /** Audio kept while the gate is shut and fed to the model when it opens, in ms. Default 200. */
  prerollMs?: number;
}

/** Defaults of EnergyGateOptions. */
export const ENERGY_GATE_DEFAULTS = {
  openAboveDbfs: -50,
  noiseMarginDb: 6,
  floorRiseMs: 2000,
  prerollMs: 200,
} as const;

/** The gate's verdict for one frame. */
export interface EnergyGateDecision {
  open: boolean;
  /** RMS level of the frame, in dBFS (-120 for digital silence). */
  levelDbfs: number;
}

/** Stateful gate for one audio channel. */
export interface EnergyGate {
  /**
   * Measures `frame` (s16 PCM, `frameMs` long) and decides. While `speaking` the noise floor
   * is frozen so speech does not raise it.
   */
  update(frame: Int16Array, frameMs: number, speaking: boolean): EnergyGateDecision;
  /** Current noise-floor estimate, in dBFS. */
  readonly noiseFloorDbfs: number;
  reset(): void;
}

const SILENCE_DBFS = -120;
const FULL_SCALE_SQUARED = 32768 * 32768;

/** RMS level of s16 samples in dBFS (-120 for digital silence or an empty frame). */
export function frameLevelDbfs(frame: Int16Array): number {
  let sumSquares = 0;
  for (let i = 0; i < frame.length; i++) {
    const s = frame[i]!;
    sumSquares += s * s;
  }
  if (frame.length === 0 || sumSquares === 0) return SILENCE_DBFS;
  return Math.max(SILENCE_DBFS, 10 * Math.log10(sumSquares / frame.length / FULL_SCALE_SQUARED));
}

/** Creates an energy gate with an adaptive noise floor. */
export function createEnergyGate(options: EnergyGateOptions = {}): EnergyGate {
  const openAboveDbfs = options.openAboveDbfs ?? ENERGY_GATE_DEFAULTS.openAboveDbfs;
  const noiseMarginDb = options.noiseMarginDb ?? ENERGY_GATE_DEFAULTS.noiseMarginDb;
  const floorRiseMs = options.floorRiseMs ?? ENERGY_GATE_DEFAULTS.floorRiseMs;
  const initialFloorDbfs = openAboveDbfs - noiseMarginDb;
  let noiseFloorDbfs = initialFloorDbfs;

  return {
    update(frame, frameMs, speaking) {
      const levelDbfs = frameLevelDbfs(frame);
      const open = levelDbfs >= openAboveDbfs && levelDbfs >= noiseFloorDbfs + noiseMarginDb;
      if (!speaking) {
        // Falls at once to quieter audio; rises slowly, so short loud bursts barely move it.
        if (levelDbfs < noiseFloorDbfs) noiseFloorDbfs = levelDbfs;
        else noiseFloorDbfs += (levelDbfs - noiseFloorDbfs) * (1 - Math.exp(-frameMs / floorRiseMs));
      }
      return { open, levelDbfs };
    },
    get noiseFloorDbfs() {
      return noiseFloorDbfs;
    },
    reset() {
      noiseFloorDbfs = initialFloorDbfs;
    },
  };
}
