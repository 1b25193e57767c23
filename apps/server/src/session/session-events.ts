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
  customerLine(line: CustomerLineDto): void;
  agentTurn(turn: AgentTurnDto): void;
  checklist(tick: ChecklistTickDto): void;
  held(on: boolean, atMs: number): void;
  ended(end: SessionEnd): void;
}
