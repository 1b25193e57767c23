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
  callerFrame(seq: number, pcm: Int16Array): void;
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
