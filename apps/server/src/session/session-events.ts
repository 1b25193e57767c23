// What a call session tells the outside world. The socket layer turns these into
// socket.io events for the agent's connection; `callsim agent` and the softphone react.
import type { AgentTurnDto, CallEndedBy, ChecklistTickDto, CustomerLineDto } from '@callsim/protocol';

export interface SessionEnd {
  callId: string;
  endedBy: CallEndedBy;
  reason: string;
  durationMs: number;
  recordingPath: string | null;
  timelinePath: string | null;
}

export interface SessionOutput {
  /**
   * The customer's audio from frame `seq` on: one 20 ms frame, or up to `callerPacketFrames`
   * consecutive frames of a line sent ahead in one packet (the frames after the first are not
   * sent again on their own ticks).
   */
  callerFrame(seq: number, pcm: Int16Array): void;
  /**
   * Frames per packet the output takes (default 1). A socket softphone takes 2: each packet
   * costs a socket write on the server and a read on the phone, whatever its size, and a
   * pre-rendered line can be sent 20 ms ahead without delaying anything. If the customer is
   * cut off or put on hold, the phone has at most one frame more than was recorded.
   */
  callerPacketFrames?: number;
  /**
   * When given, the customer's silence is not streamed: this is called once at the first
   * silent frame of each pause, and callerFrame only for frames with sound (silence
   * suppression; a softphone plays the gap as silence). Without it every frame is sent.
   */
  callerSilence?(seq: number): void;
  customerLine(line: CustomerLineDto): void;
  agentTurn(turn: AgentTurnDto): void;
  checklist(tick: ChecklistTickDto): void;
  held(on: boolean, atMs: number): void;
  ended(end: SessionEnd): void;
}
