// Sounding/silent segmentation of an intensity contour, like Praat's "To TextGrid (silences)":
// silent = below (maximum intensity + silenceThresholdDb). Guarantees: segments tile the whole contour in
// order; silences shorter than minPauseMs become sounding, then sounding bits shorter than minSoundingMs
// become silent; a contour whose maximum is below minSpeechDb is one silent segment.

/** Segmentation settings. */
export interface PauseOptions {
  /** Silence threshold relative to the maximum intensity, in dB (negative) — default −25. */
  silenceThresholdDb: number;
  /** Shortest silence that counts as a pause, in ms — default 250. */
  minPauseMs: number;
  /** Shortest sounding stretch kept, in ms — default 50. */
  minSoundingMs: number;
  /** Below this maximum intensity (dB) the whole channel is silent — default 25 (≈ −66 dBFS). */
  minSpeechDb: number;
}

/** Praat-like defaults, with the 250 ms minimum pause common in speech-rate studies. */
export const DEFAULT_PAUSE_OPTIONS: Readonly<PauseOptions> = Object.freeze({
  silenceThresholdDb: -25,
  minPauseMs: 250,
  minSoundingMs: 50,
  minSpeechDb: 25,
});

/** One stretch of the contour. */
export interface Segment {
  kind: 'sounding' | 'silent';
  /** Start time in ms (multiple of the time step). */
  startMs: number;
  /** End time in ms (exclusive). */
  endMs: number;
}

/** Splits an intensity contour (dB per frame, `timeStepMs` apart) into sounding and silent segments. */
export function detectPauses(
  db: Float32Array,
  timeStepMs: number,
  options: Partial<PauseOptions> = {},
): Segment[] {
  const settings = { ...DEFAULT_PAUSE_OPTIONS, ...options };
  const frameCount = db.length;
  if (frameCount === 0) return [];
  let maxDb = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < frameCount; i++) maxDb = Math.max(maxDb, db[i]!);
  if (maxDb < settings.minSpeechDb) return [{ kind: 'silent', startMs: 0, endMs: frameCount * timeStepMs }];
  const threshold = maxDb + settings.silenceThresholdDb;

  // Runs of frames: [start, end) in frame indices.
  let runs: Run[] = [];
  for (let i = 0; i < frameCount; i++) {
    const sounding = db[i]! >= threshold;
    const last = runs[runs.length - 1];
    if (last && last.sounding === sounding) last.end = i + 1;
    else runs.push({ sounding, start: i, end: i + 1 });
  }
  const minPauseFrames = settings.minPauseMs / timeStepMs;
  const minSoundingFrames = settings.minSoundingMs / timeStepMs;
  runs = relabel(runs, (run, index, all) => {
    // Short silences between speech are not pauses (leading and trailing silence keep their label).
    const inner = index > 0 && index < all.length - 1;
    return !run.sounding && inner && run.end - run.start < minPauseFrames ? true : run.sounding;
  });
  runs = relabel(runs, (run) =>
    run.sounding && run.end - run.start < minSoundingFrames ? false : run.sounding,
  );
  return runs.map((run) => ({
    kind: run.sounding ? 'sounding' : 'silent',
    startMs: run.start * timeStepMs,
    endMs: run.end * timeStepMs,
  }));
}

interface Run {
  sounding: boolean;
  start: number;
  end: number;
}

/** Applies a new label to each run, then merges neighbours with equal labels. */
function relabel(runs: Run[], label: (run: Run, index: number, all: Run[]) => boolean): Run[] {
  const labels = runs.map((run, index) => label(run, index, runs));
  const merged: Run[] = [];
  runs.forEach((run, index) => {
    const sounding = labels[index]!;
    const last = merged[merged.length - 1];
    if (last && last.sounding === sounding) last.end = run.end;
    else merged.push({ sounding, start: run.start, end: run.end });
  });
  return merged;
}

/** Pause statistics: silent segments strictly between sounding ones. */
export interface PauseSummary {
  /** Number of internal pauses (≥ minPauseMs; leading and trailing silence excluded). */
  count: number;
  /** Longest internal pause in ms (0 when none). */
  longestMs: number;
}

/** Total sounding time (phonation time) in ms and the internal pauses of a segmentation. */
export function summarizeSegments(segments: Segment[]): { soundingMs: number; pauses: PauseSummary } {
  let soundingMs = 0;
  let count = 0;
  let longestMs = 0;
  const firstSounding = segments.findIndex((s) => s.kind === 'sounding');
  const lastSounding = segments.findLastIndex((s) => s.kind === 'sounding');
  segments.forEach((segment, index) => {
    const durationMs = segment.endMs - segment.startMs;
    if (segment.kind === 'sounding') soundingMs += durationMs;
    else if (index > firstSounding && index < lastSounding) {
      count++;
      longestMs = Math.max(longestMs, durationMs);
    }
  });
  return { soundingMs, pauses: { count, longestMs } };
}
