// Options of the pitch tracker, with Praat's "To Pitch (ac)" defaults (Boersma 1993).
// Guarantees: every field has a default; costs are per 10 ms and rescaled for other time steps as in Praat.

/** Pitch tracker settings. Frequencies in Hz, costs dimensionless. */
export interface PitchOptions {
  /** Lowest F0 searched, in Hz; sets the window (3 periods) — default 75. */
  floorHz: number;
  /** Highest F0 accepted as voiced, in Hz — default 600. */
  ceilingHz: number;
  /** Frame step in ms — default 10. */
  timeStepMs: number;
  /** Frames whose peak is below this fraction of the file's peak lean unvoiced — default 0.03. */
  silenceThreshold: number;
  /** Normalized autocorrelation a candidate needs to beat "unvoiced" — default 0.45. */
  voicingThreshold: number;
  /** Favours higher candidates by this much per octave (protects against octave-down errors) — default 0.01. */
  octaveCost: number;
  /** Path cost per octave of F0 jump between frames (protects against octave jumps) — default 0.35. */
  octaveJumpCost: number;
  /** Path cost of a voiced ↔ unvoiced transition — default 0.14. */
  voicedUnvoicedCost: number;
  /** Candidates kept per frame — default 15. */
  maxCandidates: number;
}

/** Praat's defaults for "To Pitch (ac)" with the pitch range 75–600 Hz and a 10 ms step. */
export const DEFAULT_PITCH_OPTIONS: Readonly<PitchOptions> = Object.freeze({
  floorHz: 75,
  ceilingHz: 600,
  timeStepMs: 10,
  silenceThreshold: 0.03,
  voicingThreshold: 0.45,
  octaveCost: 0.01,
  octaveJumpCost: 0.35,
  voicedUnvoicedCost: 0.14,
  maxCandidates: 15,
});
