import { describe, expect, it } from 'vitest';
import { DialAudio, outcomeAudio, ringbackPattern } from './dial-audio.js';
import { drawOutcome, planDial } from './dial-outcomes.js';

describe('dial outcomes', () => {
  it("follows the scenario's dial block when the campaign has no mix", () => {
    expect(planDial({ dial: { outcome: 'answer', rings: 3 } }, null, 't:1', 6)).toEqual({
      outcome: 'answered',
      rings: 3,
    });
    expect(planDial({ dial: null }, null, 't:1', 6)).toEqual({ outcome: 'answered', rings: 3 });
    expect(planDial({ dial: { outcome: 'voicemail', rings: 12 } }, null, 't:1', 6)).toEqual({
      outcome: 'voicemail',
      rings: 6,
    });
    expect(planDial({ dial: { outcome: 'busy' } }, null, 't:1', 6)).toEqual({ outcome: 'busy', rings: 0 });
  });

  it('draws from a campaign mix, the same way for the same task attempt', () => {
    const mix = { answered: 50, 'no-answer': 30, 'wrong-person': 20 };
    const draws = Array.from({ length: 400 }, (_, i) => drawOutcome(mix, `task:${i}`));
    const share = (o: string) => draws.filter((d) => d === o).length / draws.length;
    expect(share('answered')).toBeGreaterThan(0.4);
    expect(share('answered')).toBeLessThan(0.6);
    expect(share('wrong-person')).toBeGreaterThan(0.12);
    expect(share('busy')).toBe(0);
    expect(drawOutcome(mix, 'task:7:1')).toBe(drawOutcome(mix, 'task:7:1'));
    // No answer rings as long as the router allows.
    expect(planDial({ dial: { outcome: 'answer', rings: 2 } }, { 'no-answer': 1 }, 'x', 5)).toEqual({
      outcome: 'no-answer',
      rings: 5,
    });
  });

  it('plays ringback in its cadence: tone, then silence, without clicks between frames', () => {
    const audio = new DialAudio().tone(ringbackPattern('zh-CN', 5000), 5000);
    const frames: Int16Array[] = [];
    for (let f = audio.next(); f; f = audio.next()) frames.push(f);
    expect(frames).toHaveLength(250);
    const peak = (f: Int16Array) => f.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak(frames[10]!)).toBeGreaterThan(3000); // 200 ms: tone
    expect(peak(frames[100]!)).toBe(0); // 2 s: silence
    const joined = new Int16Array(frames.slice(0, 40).flatMap((f) => [...f]));
    let maxStep = 0;
    for (let i = 1; i < joined.length; i++)
      maxStep = Math.max(maxStep, Math.abs(joined[i]! - joined[i - 1]!));
    expect(maxStep).toBeLessThan(1000);
  });

  it('ends an unanswered dial with 3 s of busy tone, or the voicemail greeting and its beep', () => {
    const frames = (audio: DialAudio | null) => {
      let n = 0;
      while (audio?.next()) n++;
      return n;
    };
    expect(frames(outcomeAudio('busy', 'zh-CN', null))).toBe(150);
    expect(outcomeAudio('no-answer', 'zh-CN', null)).toBeNull();
    // 300 ms pause + 1 s greeting + 300 ms pause + 400 ms beep.
    expect(frames(outcomeAudio('voicemail', 'en-US', new Int16Array(16000)))).toBe(100);
    expect(frames(outcomeAudio('wrong-person', 'zh-CN', new Int16Array(16000)))).toBe(65);
  });
});
