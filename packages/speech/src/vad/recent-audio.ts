// The last second or so of audio fed to the VAD, with a per-frame "loud enough to be voice"
// flag, used to move Silero's onset back to the true start of a soft first word.
// Guarantees: bounded memory (capacitySamples); positions are the VAD's fed-sample positions.

interface FrameMark {
  startSample: number;
  sampleCount: number;
  loud: boolean;
}

/** Options of RecentAudio.findOnset. */
export interface OnsetSearch {
  /** Silero's onset, in fed samples. */
  fromSample: number;
  /** Never go earlier than this (e.g. the previous segment's end). */
  floorSample: number;
  /** Look back at most this many samples. */
  maxLookbackSamples: number;
  /** Quiet gaps shorter than this may separate loud frames of the same utterance. */
  maxGapSamples: number;
}

/** Ring of recent fed audio plus loudness marks. */
export class RecentAudio {
  private readonly ring: Int16Array;
  private marks: FrameMark[] = [];
  private end = 0;

  constructor(private readonly capacitySamples: number) {
    this.ring = new Int16Array(capacitySamples);
  }

  /** Appends the next fed frame (`loud` = above the energy gate's threshold). */
  push(frame: Int16Array, loud: boolean): void {
    const capacity = this.capacitySamples;
    for (let i = 0; i < frame.length; i++) this.ring[(this.end + i) % capacity] = frame[i]!;
    this.marks.push({ startSample: this.end, sampleCount: frame.length, loud });
    this.end += frame.length;
    while (this.marks.length > 0 && this.marks[0]!.startSample < this.end - capacity) this.marks.shift();
  }

  /**
   * The start of the earliest loud frame joined to `fromSample` by quiet gaps shorter than
   * maxGapSamples, or `fromSample` when there is none.
   */
  findOnset(search: OnsetSearch): number {
    const limit = Math.max(
      search.floorSample,
      search.fromSample - search.maxLookbackSamples,
      this.end - this.capacitySamples,
    );
    let onset = search.fromSample;
    let gapStart = search.fromSample;
    for (let i = this.marks.length - 1; i >= 0; i--) {
      const mark = this.marks[i]!;
      if (mark.startSample >= search.fromSample) continue;
      if (mark.startSample < limit) break;
      if (mark.loud) {
        onset = mark.startSample;
        gapStart = mark.startSample;
      } else if (gapStart - mark.startSample >= search.maxGapSamples) {
        break;
      }
    }
    return onset;
  }

  /** A copy of fed samples [fromSample, toSample), clipped to what is still held. */
  copy(fromSample: number, toSample: number): Int16Array {
    const from = Math.max(fromSample, this.end - this.capacitySamples, 0);
    const to = Math.min(toSample, this.end);
    if (to <= from) return new Int16Array(0);
    const out = new Int16Array(to - from);
    for (let i = 0; i < out.length; i++) out[i] = this.ring[(from + i) % this.capacitySamples]!;
    return out;
  }

  reset(): void {
    this.marks = [];
    this.end = 0;
  }
}
