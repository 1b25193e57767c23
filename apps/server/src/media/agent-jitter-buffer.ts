// Places the agent's microphone frames on the call clock by sequence number. The first
// frame fixes the offset between the client's sequence and the server's tick, plus a
// playout delay that absorbs network jitter; a frame arriving after its slot is late,
// a slot with no frame is a gap (played as silence). Counts feed the load test.
import { FRAME_SAMPLES_16K } from '@callsim/audio';

export interface JitterStats {
  received: number;
  played: number;
  /** Slots with no frame when due (frames lost or not sent). */
  gaps: number;
  /** Frames that arrived after their slot had been played. */
  late: number;
  duplicates: number;
}

const MAX_BUFFERED = 250;

export class AgentJitterBuffer {
  private readonly frames = new Map<number, Int16Array>();
  private offset: number | null = null;
  private highestSeq = -1;
  private lastPlayedSeq = -1;
  readonly stats: JitterStats = { received: 0, played: 0, gaps: 0, late: 0, duplicates: 0 };

  /** @param playoutDelayTicks ticks between a frame's arrival-time slot and its playout (default 2 = 40 ms; loopback and LAN jitter stay well below it). */
  constructor(private readonly playoutDelayTicks = 2) {}

  /** Stores a frame. `tick` is the clock tick at arrival. */
  push(seq: number, pcm: Int16Array, tick: number): void {
    this.stats.received++;
    if (this.offset === null) this.offset = tick - seq + this.playoutDelayTicks;
    if (this.frames.has(seq)) {
      this.stats.duplicates++;
      return;
    }
    if (seq <= this.lastPlayedSeq) {
      this.stats.late++;
      return;
    }
    if (this.frames.size >= MAX_BUFFERED) return;
    this.frames.set(seq, pcm.length === FRAME_SAMPLES_16K ? pcm : padFrame(pcm));
    if (seq > this.highestSeq) this.highestSeq = seq;
  }

  /** The frame for this tick, or null (silence) when none is due or it is missing. */
  take(tick: number): Int16Array | null {
    if (this.offset === null) return null;
    const seq = tick - this.offset;
    if (seq < 0) return null;
    this.lastPlayedSeq = seq;
    const frame = this.frames.get(seq);
    if (frame) {
      this.frames.delete(seq);
      this.stats.played++;
      return frame;
    }
    // A gap only counts while the client is sending (not after it stopped).
    if (seq <= this.highestSeq) this.stats.gaps++;
    return null;
  }

  /** Forgets the sequence mapping (after a reconnect the client starts a new sequence). */
  resetSequence(): void {
    this.frames.clear();
    this.offset = null;
    this.highestSeq = -1;
    this.lastPlayedSeq = -1;
  }
}

function padFrame(pcm: Int16Array): Int16Array {
  const out = new Int16Array(FRAME_SAMPLES_16K);
  out.set(pcm.subarray(0, FRAME_SAMPLES_16K));
  return out;
}
