// Plays the customer's audio on the call clock, one 20 ms frame per tick: a queued
// line (PCM at 16 kHz, never modified: frames are views into it), hold music while on
// hold, silence otherwise. A line can be cut
// short (the customer stops when interrupted) and reports when it ends.
import { FRAME_SAMPLES_16K } from '@callsim/audio';

export interface PlayingLine {
  lineId: number;
  pcm: Int16Array;
  /** Position in samples. */
  position: number;
}

export type PlayerTick =
  | { kind: 'silence'; frame: null }
  | { kind: 'line'; frame: Int16Array; line: PlayingLine; started: boolean; ended: boolean }
  | { kind: 'hold'; frame: Int16Array };

export class CallerPlayer {
  private current: PlayingLine | null = null;
  private startedReported = false;
  private holdPosition = 0;
  onHold = false;

  get playing(): PlayingLine | null {
    return this.current;
  }

  play(lineId: number, pcm: Int16Array): void {
    this.current = { lineId, pcm, position: 0 };
    this.startedReported = false;
  }

  /** Stops the current line; returns it (for the cut event) or null. */
  cut(): PlayingLine | null {
    const line = this.current;
    this.current = null;
    return line;
  }

  next(): PlayerTick {
    if (this.onHold) return { kind: 'hold', frame: this.holdFrame() };
    const line = this.current;
    if (!line) return { kind: 'silence', frame: null };
    // A view into the (immutable, cached) line, not a copy: 15 000 frames a second at 300 calls.
    let frame = line.pcm.subarray(line.position, line.position + FRAME_SAMPLES_16K);
    if (frame.length < FRAME_SAMPLES_16K) {
      const padded = new Int16Array(FRAME_SAMPLES_16K);
      padded.set(frame);
      frame = padded;
    }
    line.position += FRAME_SAMPLES_16K;
    const started = !this.startedReported;
    this.startedReported = true;
    const ended = line.position >= line.pcm.length;
    if (ended) this.current = null;
    return { kind: 'line', frame, line, started, ended };
  }

  /**
   * The line frame `played` just returned plus up to `frames` − 1 whole frames that follow it
   * in the same line, as one view (no copy): a packet a softphone can take ahead of time. The
   * frames that follow still come out of next() on their ticks (recording, line events); only
   * their sending is done early.
   */
  packet(played: Extract<PlayerTick, { kind: 'line' }>, frames: number): Int16Array {
    const { line, frame } = played;
    if (frames <= 1 || played.ended || frame.buffer !== line.pcm.buffer) return frame;
    const start = line.position - FRAME_SAMPLES_16K;
    const wholeFramesLeft = Math.floor((line.pcm.length - start) / FRAME_SAMPLES_16K);
    const count = Math.min(frames, wholeFramesLeft);
    return line.pcm.subarray(start, start + count * FRAME_SAMPLES_16K);
  }

  /** A soft two-tone chime pattern, ~-20 dBFS, so a trainee can hear the call is on hold. */
  private holdFrame(): Int16Array {
    const frame = new Int16Array(FRAME_SAMPLES_16K);
    const notesHz = [523.25, 659.25, 783.99, 659.25];
    for (let i = 0; i < frame.length; i++) {
      const n = this.holdPosition + i;
      const note = notesHz[Math.floor(n / 8000) % notesHz.length] ?? 523.25;
      const withinNote = (n % 8000) / 8000;
      const envelope = Math.min(1, withinNote * 20) * (1 - withinNote) ** 2;
      frame[i] = Math.round(3300 * envelope * Math.sin((2 * Math.PI * note * n) / 16000));
    }
    this.holdPosition += frame.length;
    return frame;
  }
}
