// What the CallService needs from a router (ACD), whichever keeps the state: the
// embedded `CallRouter` (one node, in memory) or the `RedisRouter` (several nodes share
// seats, the queue and ring timers in Redis). Every method is async so both fit; the
// events always fire on the node that holds the agent's socket (or owns the queued call).
import type { AgentState, AgentStatusDto } from '@callsim/protocol';

export interface RoutedCall {
  callId: string;
  skills: readonly string[];
  /** Only this agent may take it (practice calls, outbound tasks). */
  targetUserId: string | null;
  /** Only trainees of this class may take it (class sessions). */
  classId: string | null;
  enqueuedAtMs: number;
  offers: number;
}

export interface AgentSeat {
  userId: string;
  state: AgentState;
  sinceMs: number;
  /** When the agent last became free; the longest-idle ready agent gets the next call. */
  idleSinceMs: number;
  classIds: ReadonlySet<string>;
  /** Skills the agent may take; null = all. */
  skills: ReadonlySet<string> | null;
  offeredCallId: string | null;
  activeCallId: string | null;
  reason?: string;
  /** Node holding the agent's socket (Redis router only; null once that node is gone). */
  nodeId?: string | null;
}

export interface RouterOptions {
  ringTimeoutMs: number;
  ringPeriodMs: number;
  maxQueueWaitMs: number;
  now?: () => number;
}

export interface RouterEvents {
  agentStatus(userId: string, status: AgentStatusDto): void;
  /** The router chose an agent: ring their phone (and build the call's session on this node). */
  offer(call: RoutedCall, userId: string): void | Promise<void>;
  ring(callId: string, userId: string, ringCount: number): void;
  /** The offer ended without an answer (ring timeout) or the call gave up waiting. */
  offerWithdrawn(callId: string, userId: string, reason: 'ring-timeout' | 'abandoned'): void;
  abandoned(call: RoutedCall, reason: string): void | Promise<void>;
  /** The call moved to another node (offered to an agent there): forget it here. */
  released(callId: string): void;
}

/** The router as the CallService, the socket handlers and class sessions use it. */
export interface CallRouting {
  seat(userId: string): Promise<AgentSeat | undefined>;
  status(userId: string): Promise<AgentStatusDto>;
  /** Registers (or refreshes) an agent's seat when their softphone connects. */
  register(userId: string, classIds: Iterable<string>, skills?: Iterable<string> | null): Promise<void>;
  /** Changes an agent's state through the transition table (AGENT_STATE_ILLEGAL otherwise). */
  setState(userId: string, to: AgentState, reason?: string): Promise<AgentStatusDto>;
  /** Puts a call in the queue; it is offered as soon as an allowed agent is ready. */
  enqueue(call: Omit<RoutedCall, 'enqueuedAtMs' | 'offers'>): Promise<void>;
  /** The agent answered their ringing call (CALL_NOT_FOUND otherwise). Returns ms from offer to answer. */
  answer(callId: string, userId: string): Promise<number>;
  /** The agent's call ended: they enter after-call work. */
  callEnded(callId: string, userId: string): Promise<void>;
  /** Removes a call wherever it is (queued or ringing), e.g. the caller gave up. */
  abandon(callId: string, reason: string): Promise<void>;
  /** The agent's softphone went away for good: withdraw offers and go offline. */
  disconnect(userId: string): Promise<void>;
  queued(): Promise<readonly RoutedCall[]>;
  /** Stops this node's timers (shared state stays for the other nodes). */
  close(): void;
}
