// Hold etiquette per domain.md: ask permission, say how long, check back within 60 s, thank on
// return — judged from the agent's words around hold-start / hold-end timeline events.
import { describe, expect, it } from 'vitest';
import { bareScript, contextOf } from '../__fixtures__/scenarios.js';
import type { ScoreSegment, ScoreTimelineEvent } from '../model/score-input.js';
import { checkHolds, scoreHoldEtiquette } from './hold-etiquette.js';

const agent = (startMs: number, endMs: number, text: string): ScoreSegment => ({
  speaker: 'agent',
  startMs,
  endMs,
  text,
});
const caller = (startMs: number, endMs: number, text: string): ScoreSegment => ({
  speaker: 'caller',
  startMs,
  endMs,
  text,
});
const hold = (startMs: number, endMs: number): ScoreTimelineEvent[] => [
  { type: 'hold-start', atMs: startMs },
  { type: 'hold-end', atMs: endMs, holdMs: endMs - startMs },
];

function score(locale: 'zh-CN' | 'en-US', segments: ScoreSegment[], events: ScoreTimelineEvent[]) {
  const ctx = contextOf({
    script: bareScript(locale),
    transcript: { locale, segments },
    timeline: { events },
  });
  return { item: scoreHoldEtiquette(ctx), holds: checkHolds(ctx) };
}

describe('hold etiquette (zh-CN)', () => {
  it('gives full marks when the agent asks, says how long, returns in time and thanks', () => {
    const { item, holds } = score(
      'zh-CN',
      [
        agent(10_000, 16_000, '我帮您查询一下物流信息，大概需要两分钟，请您稍等一下好吗？'),
        caller(16_300, 17_000, '好的。'),
        agent(62_500, 66_000, '感谢您的耐心等待，您的包裹已经到了配送站。'),
      ],
      hold(17_500, 62_000),
    );
    expect(holds[0]?.missed).toEqual([]);
    expect(item.status).toBe('good');
    expect(item.score).toBe(100);
    expect(item.evidence[0]).toMatchObject({ atMs: 17_500, endMs: 62_000, band: 'green' });
  });

  it('flags a silent hold: no permission, no duration, over 60 s without a return, no thanks', () => {
    const { item, holds } = score(
      'zh-CN',
      [
        agent(10_000, 12_000, '订单号发我。'),
        caller(12_300, 15_000, '20261108-3391'),
        agent(100_000, 102_000, '查到了。'),
      ],
      hold(15_500, 99_000),
    );
    expect(holds[0]?.missed).toEqual(['permission', 'duration', 'check-back', 'thanks']);
    expect(item.status).toBe('bad');
    expect(item.score).toBe(0);
    expect(item.evidence[0]?.note).toBe('hold-missing:permission,duration,check-back,thanks');
    expect(item.advice['zh-CN']).toContain('60秒');
  });

  it('averages several holds and flags only the one that ran too long', () => {
    const { item, holds } = score(
      'zh-CN',
      [
        agent(5_000, 9_000, '请您稍等，大约一分钟。'),
        agent(40_000, 43_000, '让您久等了，还需要再核实一下，请您稍等一分钟好吗？'),
        agent(120_000, 123_000, '感谢您的耐心等待。'),
      ],
      [...hold(9_500, 39_500), ...hold(43_500, 119_500)],
    );
    expect(holds.map((h) => h.missed)).toEqual([[], ['check-back']]);
    expect(item.score).toBe(87.5);
    expect(item.status).toBe('warn');
  });

  it('is notAvailable when the call had no hold', () => {
    const { item } = score('zh-CN', [agent(0, 3_000, '您好')], [{ type: 'answer', atMs: 0 }]);
    expect(item.status).toBe('notAvailable');
    expect(item.reason).toBe('no-hold');
  });

  it('treats a hold still open at hang-up as never returned', () => {
    const { holds } = score(
      'zh-CN',
      [agent(0, 4_000, '请您稍等两分钟可以吗？')],
      [
        { type: 'hold-start', atMs: 5_000 },
        { type: 'hangup', atMs: 50_000 },
      ],
    );
    expect(holds[0]?.hold).toMatchObject({ startMs: 5_000, endMs: 50_000, returned: false });
    expect(holds[0]?.missed).toEqual(['check-back', 'thanks']);
  });
});

describe('hold etiquette (en-US)', () => {
  it('recognizes English permission, duration and thanks', () => {
    const { holds } = score(
      'en-US',
      [
        agent(10_000, 14_000, 'Let me check that. May I put you on hold for about two minutes?'),
        caller(14_200, 15_000, 'Sure.'),
        agent(45_300, 48_000, 'Thanks so much for holding, I have your order here.'),
      ],
      hold(15_500, 45_000),
    );
    expect(holds[0]?.missed).toEqual([]);
  });

  it('does not take "please hold" as asking permission', () => {
    const { holds } = score(
      'en-US',
      [agent(10_000, 12_000, 'Please hold.'), agent(30_000, 32_000, 'Okay, I found it.')],
      hold(12_500, 29_500),
    );
    expect(holds[0]?.missed).toEqual(['permission', 'duration', 'thanks']);
  });
});
