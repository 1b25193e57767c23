// Groups the microphone's 20 ms frames into packets of a few frames for `media:agent`: each
// packet costs a socket write on the phone and a read on the server whatever its size, so two
// frames per packet halve both at the price of 20 ms on the way (the VAD decides on the call
// clock, not on arrival). Used with SilenceSuppressor: flush() before announcing a silence, so
// the last frames before it are not held back.

import { MEDIA_FRAME_BYTES, MEDIA_PACKET_MAX_FRAMES } from './calls.js';

/** Frames per `media:agent` packet that the softphone and `callsim agent` send. */
export const AGENT_PACKET_FRAMES = 2;

export interface MediaPacket {
  /** Sequence number of the packet's first frame. */
  seq: number;
  pcm: Uint8Array;
}

export class MediaPacketizer {
  private readonly buffer: Uint8Array;
  private firstSeq = 0;
  private frames = 0;

  constructor(readonly framesPerPacket = AGENT_PACKET_FRAMES) {
    if (
      !Number.isInteger(framesPerPacket) ||
      framesPerPacket < 1 ||
      framesPerPacket > MEDIA_PACKET_MAX_FRAMES
    )
      throw new RangeError(`framesPerPacket must be a whole number from 1 to ${MEDIA_PACKET_MAX_FRAMES}`);
    this.buffer = new Uint8Array(framesPerPacket * MEDIA_FRAME_BYTES);
  }

  /**
   * Adds frame `seq` (MEDIA_FRAME_BYTES; copied) and returns the packets now complete: the one
   * it fills, preceded by the frames held until now when `seq` does not follow them.
   */
  add(seq: number, pcm: ArrayBuffer | Uint8Array): MediaPacket[] {
    const bytes = pcm instanceof Uint8Array ? pcm : new Uint8Array(pcm);
    if (bytes.byteLength !== MEDIA_FRAME_BYTES)
      throw new RangeError(`a media frame is ${MEDIA_FRAME_BYTES} bytes, not ${bytes.byteLength}`);
    const out: MediaPacket[] = [];
    if (this.frames > 0 && seq !== this.firstSeq + this.frames) {
      const held = this.flush();
      if (held) out.push(held);
    }
    if (this.frames === 0) this.firstSeq = seq;
    this.buffer.set(bytes, this.frames * MEDIA_FRAME_BYTES);
    this.frames++;
    if (this.frames === this.framesPerPacket) out.push(this.flush()!);
    return out;
  }

  /** The frames held so far as one packet (a copy), or null when none are held. */
  flush(): MediaPacket | null {
    if (this.frames === 0) return null;
    const packet = { seq: this.firstSeq, pcm: this.buffer.slice(0, this.frames * MEDIA_FRAME_BYTES) };
    this.frames = 0;
    return packet;
  }

  /** Drops the held frames (a new call or a new sequence). */
  reset(): void {
    this.frames = 0;
  }
}
