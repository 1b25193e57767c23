// Interruptions: the agent starts while the customer speaks with ≥ 0.5 s overlap, from the
// segments, the turn-taker's flags and `interruption` events — each barge-in counted once.
import { describe, expect, it } from 'vitest';
import { bareScript, contextOf } from '../__fixtures__/scenarios.js';
import type { ScoreSegment, ScoreTimelineEvent } from '../model/score-input.js';
import { findInterruptions, scoreInterruptions } from './interruptions.js';
import { scoreOvertalk } from './overtalk.js';

const caller = (startMs: number, endMs: number): ScoreSegment => ({
  speaker: 'caller',
  startMs,
  endMs,
  text: '我跟你说这个杯子',
});
const agent = (startMs: number, endMs: number, extra: Partial<ScoreSegment> = {}): ScoreSegment => ({
  speaker: 'agent',
  startMs,
  endMs,
  text: '你先听我说',
  ...extra,
});

const ctx = (segments: ScoreSegment[], events?: ScoreTimelineEvent[]) =>
  contextOf({
    script: bareScript('zh-CN'),
    transcript: { locale: 'zh-CN', segments },
    ...(events === undefined ? {} : { timeline: { events } }),
  });

describe('interruptions', () => {
  it('counts the agent starting 0.5 s or more before the customer stops', () => {
    const found = findInterruptions(ctx([caller(0, 5_000), agent(4_500, 7_000)]));
    expect(found).toEqual([{ atMs: 4_500, overlapMs: 500, text: '你先听我说', source: 'segments' }]);
  });

  it('does not count a 0.4 s overlap or the customer talking over the agent', () => {
    expect(findInterruptions(ctx([caller(0, 5_000), agent(4_600, 7_000)]))).toEqual([]);
    expect(findInterruptions(ctx([agent(0, 5_000), caller(2_000, 6_000)]))).toEqual([]);
  });

  it('merges the segment overlap, the agent-turn flag and the timeline event of one barge-in', () => {
    const found = findInterruptions(
      ctx(
        [
          caller(0, 5_000),
          agent(3_000, 6_000, { interruption: true }),
          caller(8_000, 9_000),
          agent(8_900, 9_500, { interruption: true }),
        ],
        [
          { type: 'interruption', atMs: 3_200 },
          { type: 'interruption', atMs: 20_000 },
        ],
      ),
    );
    expect(found.map((f) => [f.atMs, f.source])).toEqual([
      [3_000, 'segments'],
      [8_900, 'flag'],
      [20_000, 'event'],
    ]);
  });

  it('is good with none, a warning with one, bad with two, each with evidence', () => {
    expect(scoreInterruptions(ctx([caller(0, 5_000), agent(5_200, 7_000)])).status).toBe('good');
    const one = scoreInterruptions(ctx([caller(0, 5_000), agent(3_000, 7_000)]));
    expect(one.status).toBe('warn');
    expect(one.evidence).toEqual([
      { atMs: 3_000, endMs: 5_000, text: '你先听我说', value: 2_000, band: 'red', note: 'source:segments' },
    ]);
    const two = scoreInterruptions(
      ctx([caller(0, 5_000), agent(3_000, 7_000), caller(8_000, 12_000), agent(9_000, 13_000)]),
    );
    expect(two.status).toBe('bad');
    expect(two.value).toBe(2);
  });
});

describe('overtalk', () => {
  it('flags more than 10 % crosstalk', () => {
    // 10 s of speech in all, 1.5 s of it both at once.
    const item = scoreOvertalk(ctx([caller(0, 5_000), agent(3_500, 10_000)]));
    expect(item.value).toBe(15);
    expect(item.band).toBe('red');
    expect(item.evidence[1]).toMatchObject({ atMs: 3_500, endMs: 5_000, value: 1_500 });
  });

  it('keeps a little overlap green', () => {
    const item = scoreOvertalk(ctx([caller(0, 5_000), agent(4_800, 10_000)]));
    expect(item.value).toBe(2);
    expect(item.status).toBe('good');
  });
});
