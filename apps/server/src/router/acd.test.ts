// Router behaviour with a controlled clock: longest-idle routing, targets and classes,
// ring-no-answer (agent on break, call requeued), abandonment, answer metrics.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallRouter } from './acd.js';
import type { RouterEvents } from './routing.js';

let log: string[];
let router: CallRouter;

function events(): RouterEvents {
  return {
    agentStatus: (userId, s) => log.push(`status ${userId} ${s.state}${s.reason ? ` (${s.reason})` : ''}`),
    offer: (call, userId) => {
      log.push(`offer ${call.callId} → ${userId}`);
    },
    ring: (callId, userId, n) => log.push(`ring ${callId} ${userId} #${n}`),
    offerWithdrawn: (callId, userId, reason) => log.push(`withdrawn ${callId} ${userId} ${reason}`),
    abandoned: (call, reason) => {
      log.push(`abandoned ${call.callId} ${reason}`);
    },
    released: (callId) => log.push(`released ${callId}`),
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  log = [];
  router = new CallRouter({ ringTimeoutMs: 20_000, ringPeriodMs: 5_000, maxQueueWaitMs: 60_000 }, events());
});
afterEach(() => {
  router.close();
  vi.useRealTimers();
});

const call = (
  callId: string,
  extra: { targetUserId?: string; classId?: string; skills?: string[] } = {},
) => ({
  callId,
  skills: extra.skills ?? [],
  targetUserId: extra.targetUserId ?? null,
  classId: extra.classId ?? null,
});

describe('CallRouter', () => {
  it('offers to the longest-idle ready agent and rings every period', async () => {
    router.register('a', []);
    router.register('b', []);
    router.setState('a', 'ready');
    vi.advanceTimersByTime(1000);
    router.setState('b', 'ready');
    router.enqueue(call('c1'));
    expect(log).toContain('offer c1 → a');
    vi.advanceTimersByTime(10_000);
    expect(log.filter((l) => l.startsWith('ring c1'))).toEqual([
      'ring c1 a #1',
      'ring c1 a #2',
      'ring c1 a #3',
    ]);
    expect(await router.answer('c1', 'a')).toBe(10_000);
    expect((await router.status('a')).state).toBe('on-call');
    router.enqueue(call('c2'));
    expect(log).toContain('offer c2 → b');
  });

  it('waits in the queue until an agent is ready', async () => {
    router.register('a', []);
    router.enqueue(call('c1'));
    expect(log.some((l) => l.startsWith('offer'))).toBe(false);
    router.setState('a', 'ready');
    expect(log).toContain('offer c1 → a');
  });

  it('on ring-no-answer puts the agent on break and offers the call to the next agent', async () => {
    router.register('a', []);
    router.register('b', []);
    router.setState('a', 'ready');
    vi.advanceTimersByTime(10);
    router.setState('b', 'ready');
    router.enqueue(call('c1'));
    vi.advanceTimersByTime(20_000);
    expect(log).toContain('withdrawn c1 a ring-timeout');
    expect(await router.status('a')).toMatchObject({ state: 'break', reason: 'missed-call' });
    expect(log).toContain('offer c1 → b');
    expect(router.metrics.missed).toBe(1);
  });

  it('abandons a practice call its target did not answer', async () => {
    router.register('a', []);
    router.register('b', []);
    router.setState('a', 'ready');
    router.setState('b', 'ready');
    router.enqueue(call('p1', { targetUserId: 'b' }));
    expect(log).toContain('offer p1 → b');
    vi.advanceTimersByTime(20_000);
    expect(log).toContain('abandoned p1 not-answered');
    expect(log.filter((l) => l.startsWith('offer p1'))).toHaveLength(1);
  });

  it('routes class-session calls only to that class, and abandons after the queue wait', async () => {
    router.register('outsider', ['other']);
    router.setState('outsider', 'ready');
    router.enqueue(call('k1', { classId: 'class-1' }));
    expect(log.some((l) => l.startsWith('offer'))).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(log).toContain('abandoned k1 queue-timeout');
    expect(await router.queued()).toHaveLength(0);
  });

  it('moves through after-call work back to ready', async () => {
    router.register('a', []);
    router.setState('a', 'ready');
    router.enqueue(call('c1'));
    await router.answer('c1', 'a');
    await router.callEnded('c1', 'a');
    expect((await router.status('a')).state).toBe('after-call');
    router.setState('a', 'ready');
    expect((await router.status('a')).state).toBe('ready');
  });

  it('refuses to answer a call that is not ringing for that agent', async () => {
    router.register('a', []);
    await expect(router.answer('nope', 'a')).rejects.toMatchObject({ code: 'CALL_NOT_FOUND' });
  });
});
