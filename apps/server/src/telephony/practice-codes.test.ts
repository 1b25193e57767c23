// Offline protocol tests of phone-in practice codes and the webhook replay memory.
import { describe, expect, it } from 'vitest';
import { PracticeCodes } from './practice-codes.js';
import { ReplayGuard } from './replay-guard.js';
import { StreamTickets } from './stream-tickets.js';

describe('offline protocol test: practice codes', () => {
  it('issues six digits that work once, replace the previous code and expire', () => {
    let nowMs = 1_000_000;
    const codes = new PracticeCodes(10 * 60_000, () => nowMs);
    const first = codes.issue('u1', 'complaint-damaged-cup', 'practice');
    expect(first.code).toMatch(/^\d{6}$/);
    const second = codes.issue('u1', 'inquiry-rice-cooker', 'exam');
    expect(codes.redeem(first.code, '+1').ok).toBe(false);
    expect(codes.redeem(second.code, '+1')).toEqual({ ok: true, entry: second });
    expect(codes.redeem(second.code, '+1').ok).toBe(false);
    const third = codes.issue('u2', 'complaint-damaged-cup', 'practice');
    nowMs += 10 * 60_000;
    expect(codes.redeem(third.code, '+2')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('locks out a caller after five wrong codes, even for a valid one', () => {
    const codes = new PracticeCodes();
    const valid = codes.issue('u1', 's', 'practice');
    const wrong = valid.code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++)
      expect(codes.redeem(wrong, '+8613800000000')).toEqual({ ok: false, reason: 'invalid' });
    expect(codes.redeem(valid.code, '+8613800000000')).toEqual({ ok: false, reason: 'locked-out' });
    expect(codes.redeem(valid.code, '+8613900000000').ok).toBe(true);
  });
});

describe('offline protocol test: replay memory and stream tickets', () => {
  it('accepts a call step once per window', () => {
    let nowMs = 0;
    const guard = new ReplayGuard(60_000, 100, () => nowMs);
    expect(guard.firstUse('CA1 POST /twilio/voice')).toBe(true);
    expect(guard.firstUse('CA1 POST /twilio/voice')).toBe(false);
    expect(guard.firstUse('CA1 POST /twilio/gather?attempt=1')).toBe(true);
    nowMs = 60_001;
    expect(guard.firstUse('CA1 POST /twilio/voice')).toBe(true);
  });

  it('redeems a stream ticket once, within a minute', () => {
    let nowMs = 0;
    const tickets = new StreamTickets(() => nowMs);
    const id = tickets.issue({ kind: 'answer', callId: 'c1' }, 'u1', 'CA1');
    expect(tickets.redeem(id)).toMatchObject({ kind: 'answer', callId: 'c1', userId: 'u1', callSid: 'CA1' });
    expect(tickets.redeem(id)).toBeNull();
    const late = tickets.issue({ kind: 'answer', callId: 'c2' }, 'u1', 'CA2');
    nowMs = 60_000;
    expect(tickets.redeem(late)).toBeNull();
  });
});
