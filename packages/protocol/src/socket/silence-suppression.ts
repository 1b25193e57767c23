// Silence suppression (discontinuous transmission) for the agent's microphone stream, the
// rule both the browser softphone and the headless agent follow: after HANGOVER_FRAMES
// quiet frames in a row (below QUIET_BELOW_DB), the sender announces the silence once with
// `media:agent-silence { callId, seq }` in place of that frame and then sends nothing until
// a frame is loud again. Every 20 ms still takes a sequence number, sent or not, so the
// receiver keeps its clock; it plays and hears the announced gap as silence. The hangover
// keeps word-final consonants and short pauses in the stream.

/** A frame at or below this RMS level (dBFS) counts as quiet: digital silence, or the
 * floor of a microphone behind the browser's noise suppression. Speech is far above it. */
export const QUIET_BELOW_DB = -60;
/** Quiet frames still sent before the silence is announced (200 ms). */
export const HANGOVER_FRAMES = 10;

/** What to do with one captured frame. */
export type SuppressionStep = 'send' | 'announce' | 'skip';

export class SilenceSuppressor {
  private quietFrames = 0;

  /** Decides for the next frame from its RMS level in dBFS. */
  next(levelDb: number): SuppressionStep {
    if (!(levelDb <= QUIET_BELOW_DB)) {
      this.quietFrames = 0;
      return 'send';
    }
    this.quietFrames++;
    if (this.quietFrames <= HANGOVER_FRAMES) return 'send';
    return this.quietFrames === HANGOVER_FRAMES + 1 ? 'announce' : 'skip';
  }

  /** Forgets the quiet run (a new call or a new sequence). */
  reset(): void {
    this.quietFrames = 0;
  }
}
