// The agent state table: allowed moves pass, everything else is refused with a code.
import { AGENT_STATES } from '@callsim/protocol';
import { describe, expect, it } from 'vitest';
import { canTransition, transition } from './agent-state.js';

describe('agent state machine', () => {
  it('follows a call: ready → ringing → on-call → after-call → ready', () => {
    let state = transition('offline', 'ready');
    state = transition(state, 'ringing');
    state = transition(state, 'on-call');
    state = transition(state, 'after-call');
    expect(transition(state, 'ready')).toBe('ready');
  });

  it('refuses illegal moves with AGENT_STATE_ILLEGAL', () => {
    expect(() => transition('on-call', 'ready')).toThrow(
      expect.objectContaining({ code: 'AGENT_STATE_ILLEGAL' }),
    );
    expect(() => transition('offline', 'ringing')).toThrow(
      expect.objectContaining({ code: 'AGENT_STATE_ILLEGAL' }),
    );
    expect(() => transition('break', 'on-call')).toThrow(
      expect.objectContaining({ code: 'AGENT_STATE_ILLEGAL' }),
    );
  });

  it('never allows staying in place or jumping into a call without ringing', () => {
    for (const s of AGENT_STATES) expect(canTransition(s, s)).toBe(false);
    for (const s of AGENT_STATES) if (s !== 'ringing') expect(canTransition(s, 'on-call')).toBe(false);
  });
});
