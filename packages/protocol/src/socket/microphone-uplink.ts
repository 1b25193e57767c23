// The agent's microphone on its way to the server, as the browser softphone and
// `callsim agent` both send it: every 20 ms frame takes the next sequence number; quiet
// stretches are announced once and not streamed (SilenceSuppressor); frames that are sent go
// two to a packet (MediaPacketizer), and a held frame is flushed before a silence announcement.
import { AGENT_PACKET_FRAMES, type MediaPacket, MediaPacketizer } from './media-packetizer.js';
import { SilenceSuppressor } from './silence-suppression.js';

/** Where the uplink puts what it sends: `media:agent` packets and `media:agent-silence` announcements. */
export interface UplinkSink {
  packet(packet: MediaPacket): void;
  silence(seq: number): void;
}

export class MicrophoneUplink {
  private nextSeq = 0;
  private readonly suppressor = new SilenceSuppressor();
  private readonly packetizer: MediaPacketizer;

  constructor(framesPerPacket = AGENT_PACKET_FRAMES) {
    this.packetizer = new MediaPacketizer(framesPerPacket);
  }

  /**
   * Takes the next captured frame (640 bytes; copied) and its RMS level in dBFS (-Infinity when
   * muted). True when the frame goes on the wire, now or in the next packet; false when it is
   * part of an announced silence.
   */
  push(pcm: ArrayBuffer | Uint8Array, levelDb: number, sink: UplinkSink): boolean {
    const seq = this.nextSeq++;
    const step = this.suppressor.next(levelDb);
    if (step === 'send') {
      for (const packet of this.packetizer.add(seq, pcm)) sink.packet(packet);
      return true;
    }
    if (step === 'announce') {
      const held = this.packetizer.flush();
      if (held) sink.packet(held);
      sink.silence(seq);
    }
    return false;
  }

  /** Starts a new sequence from 0 (a new call, or the same call on a new socket). */
  reset(): void {
    this.nextSeq = 0;
    this.suppressor.reset();
    this.packetizer.reset();
  }
}
