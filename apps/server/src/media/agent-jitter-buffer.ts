// Places the agent's microphone frames on the call clock by sequence number. The first
// frame fixes the offset between the client's sequence and the server's tick, plus a
// playout delay that absorbs network jitter; a frame arriving after its slot is late,
// a slot with no frame is a gap (played as silence). Counts feed the load test.
// Listening (VAD) does not wait for playout: `hear` (called at each tick) hands over, in
// sequence order, every frame that has arrived, so the playout delay is not added to the
// turn-taking latency; a frame still missing when its slot is played is heard as silence. A frame that arrives
// after its slot is 'late': the session can still write it into the recording.
import { FRAME_SAMPLES_16K } from '@callsim/audio';

export interface JitterStats {
  received: number;
  played: number;
  /** Slots with no frame when due (frames lost or not sent). */
  gaps: number;
  /** Frames that arrived after their slot had been played. */
  late: number;
  /** Late frames written into the recording after all (their second was not on disk yet). */
  recovered: number;
  duplicates: number;
}

/** What push() did with a frame. */
export type PushOutcome = 'stored' | 'late' | 'duplicate' | 'overflow';

const MAX_BUFFERED = 250;

export class AgentJitterBuffer {
  private readonly frames = new Map<number, Int16Array>();
  private offset: number | null = null;
  private highestSeq = -1;
  private lastPlayedSeq = -1;
  /** Next sequence number the listener has not heard. */
  private nextHeardSeq = 0;
  /**
   * Announced silences (silence suppression): [from, to) sequence ranges the client did not
   * send because its microphone was quiet; `to` is open (Infinity) until a frame comes again.
   */
  private silences: { from: number; to: number }[] = [];
  readonly stats: JitterStats = { received: 0, played: 0, gaps: 0, late: 0, recovered: 0, duplicates: 0 };

  /** @param playoutDelayTicks ticks between a frame's arrival-time slot and its playout (default 2 = 40 ms; loopback and LAN jitter stay well below it). */
  constructor(private readonly playoutDelayTicks = 2) {}

  /**
   * Stores a frame. `tick` is the clock tick at arrival. A 'late' frame (its slot was played
   * as silence) is not kept: the caller may still patch it into the recording.
   */
  push(seq: number, pcm: Int16Array, tick: number): PushOutcome {
    this.stats.received++;
    if (this.offset === null) {
      this.offset = tick - seq + this.playoutDelayTicks;
      this.nextHeardSeq = seq;
    }
    if (this.frames.has(seq)) {
      this.stats.duplicates++;
      return 'duplicate';
    }
    if (seq <= this.lastPlayedSeq) {
      this.stats.late++;
      return 'late';
    }
    if (this.frames.size >= MAX_BUFFERED) return 'overflow';
    const open = this.silences.at(-1);
    if (open && open.to === Number.POSITIVE_INFINITY && seq >= open.from) open.to = seq;
    this.frames.set(seq, pcm.length === FRAME_SAMPLES_16K ? pcm : padFrame(pcm));
    if (seq > this.highestSeq) this.highestSeq = seq;
    return 'stored';
  }

  /**
   * The client announced that its microphone is quiet from `seq` on and sends no frames
   * until it is not. `tick` is the clock tick at arrival.
   */
  silence(seq: number, tick: number): void {
    if (this.offset === null) {
      this.offset = tick - seq + this.playoutDelayTicks;
      this.nextHeardSeq = seq;
    }
    // Even a late announcement covers the slots not played yet.
    const open = this.silences.at(-1);
    if (open && open.to === Number.POSITIVE_INFINITY) return;
    this.silences.push({ from: seq, to: Number.POSITIVE_INFINITY });
  }

  /** Tick at which sequence `seq` plays (its place on the call clock); null before the first frame. */
  slotTick(seq: number): number | null {
    return this.offset === null ? null : seq + this.offset;
  }

  /**
   * Hands the listener every frame it has not heard yet that is either here (in order, no
   * waiting for playout) or whose slot has been played by `tick` (null = missing, heard as
   * silence). Call after push() and after take().
   */
  hear(tick: number, listener: (seq: number, pcm: Int16Array | null) => void): void {
    if (this.offset === null) return;
    const playedUpTo = tick - this.offset;
    // An announced silence is heard when its frame would have arrived (not sent, not late).
    const arrivedUpTo = playedUpTo + this.playoutDelayTicks;
    for (;;) {
      const seq = this.nextHeardSeq;
      const pcm = this.frames.get(seq);
      if (pcm) listener(seq, pcm);
      else if (seq <= playedUpTo) listener(seq, null);
      else if (seq <= arrivedUpTo && this.silent(seq)) listener(seq, null);
      else return;
      this.nextHeardSeq++;
    }
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
    // A gap only counts while the client is sending (not after it stopped, not in an
    // announced silence).
    while (this.silences.length > 0 && this.silences[0]!.to <= seq) this.silences.shift();
    if (seq <= this.highestSeq && !this.silent(seq)) this.stats.gaps++;
    return null;
  }

  private silent(seq: number): boolean {
    for (const range of this.silences) if (seq >= range.from && seq < range.to) return true;
    return false;
  }

  /** Forgets the sequence mapping (after a reconnect the client starts a new sequence). */
  resetSequence(): void {
    this.silences = [];
    this.frames.clear();
    this.offset = null;
    this.highestSeq = -1;
    this.lastPlayedSeq = -1;
    this.nextHeardSeq = 0;
  }
}

function padFrame(pcm: Int16Array): Int16Array {
  const out = new Int16Array(FRAME_SAMPLES_16K);
  out.set(pcm.subarray(0, FRAME_SAMPLES_16K));
  return out;
}
