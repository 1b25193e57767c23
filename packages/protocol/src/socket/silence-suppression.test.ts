import { describe, expect, it } from 'vitest';
import { readMediaSilence } from './calls.js';
import { HANGOVER_FRAMES, SilenceSuppressor } from './silence-suppression.js';

describe('SilenceSuppressor', () => {
  it('sends speech, keeps sending through the hangover, announces once, then skips until speech', () => {
    const s = new SilenceSuppressor();
    const steps = [-20, -25, ...Array(HANGOVER_FRAMES + 3).fill(-90), -30, -95].map((db) => s.next(db));
    expect(steps.slice(0, 2 + HANGOVER_FRAMES)).toEqual(Array(2 + HANGOVER_FRAMES).fill('send'));
    expect(steps.slice(2 + HANGOVER_FRAMES, 5 + HANGOVER_FRAMES)).toEqual(['announce', 'skip', 'skip']);
    // Speech again is sent at once; one quiet frame after it is within a new hangover.
    expect(steps.slice(-2)).toEqual(['send', 'send']);
  });

  it('a short pause inside speech is never suppressed', () => {
    const s = new SilenceSuppressor();
    const levels = [-20, ...Array(HANGOVER_FRAMES).fill(-80), -20];
    expect(levels.map((db) => s.next(db))).toEqual(Array(levels.length).fill('send'));
  });

  it('validates silence announcements', () => {
    expect(readMediaSilence({ callId: 'c1', seq: 5 })).toEqual({ callId: 'c1', seq: 5 });
    expect(readMediaSilence({ callId: '', seq: 5 })).toBeUndefined();
    expect(readMediaSilence({ callId: 'c1', seq: -1 })).toBeUndefined();
    expect(readMediaSilence({ callId: 'c1', seq: 1.5 })).toBeUndefined();
    expect(readMediaSilence(null)).toBeUndefined();
  });
});
