// Agent (seat) state machine. Every change goes through `transition`, which throws
// AGENT_STATE_ILLEGAL for a move not in the table:
//
//   from \ to    offline ready ringing on-call after-call break
//   offline         ·      ✓      ·       ·        ·        ✓
//   ready           ✓      ·      ✓       ·        ·        ✓
//   ringing         ✓      ✓      ·       ✓        ·        ✓     (✓ready: offer withdrawn; ✓break: missed call)
//   on-call         ✓      ·      ·       ·        ✓        ·     (✓offline: disconnected for good)
//   after-call      ✓      ✓      ·       ·        ·        ✓
//   break           ✓      ✓      ·       ·        ·        ·
import { type AgentState, AppError } from '@callsim/protocol';

/** The table above; the Redis router's script checks the same moves. */
export const ALLOWED_TRANSITIONS: Readonly<Record<AgentState, readonly AgentState[]>> = {
  offline: ['ready', 'break'],
  ready: ['offline', 'ringing', 'break'],
  ringing: ['offline', 'ready', 'on-call', 'break'],
  'on-call': ['offline', 'after-call'],
  'after-call': ['offline', 'ready', 'break'],
  break: ['offline', 'ready'],
};

export function canTransition(from: AgentState, to: AgentState): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** Returns `to` when the move is allowed; throws AGENT_STATE_ILLEGAL otherwise. */
export function transition(from: AgentState, to: AgentState): AgentState {
  if (!canTransition(from, to)) {
    throw new AppError('AGENT_STATE_ILLEGAL', `agent state ${from} → ${to}`, { details: { from, to } });
  }
  return to;
}
