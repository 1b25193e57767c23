// Response latency: from the end of a customer turn to the agent's reply; ~200 ms is human,
// > 800 ms slow, > 3 s counted.
import { describe, expect, it } from 'vitest';
import { bareScript, contextOf } from '../__fixtures__/scenarios.js';
import type { ScoreSegment } from '../model/score-input.js';
import { responseGaps, scoreResponseLatency } from './response-latency.js';

function turns(gapsMs: readonly number[]): ScoreSegment[] {
  const segments: ScoreSegment[] = [];
  let t = 0;
  for (const gap of gapsMs) {
    segments.push({ speaker: 'caller', startMs: t, endMs: t + 2_000, text: '请问' });
    t += 2_000 + gap;
    segments.push({ speaker: 'agent', startMs: t, endMs: t + 3_000, text: '好的' });
    t += 3_500;
  }
  return segments;
}

const score = (segments: ScoreSegment[]) =>
  scoreResponseLatency(contextOf({ script: bareScript('zh-CN'), transcript: { locale: 'zh-CN', segments } }));

describe('response latency', () => {
  it('is good when the agent answers within 800 ms', () => {
    const item = score(turns([200, 300, 600]));
    expect(item.status).toBe('good');
    expect(item.value).toBe(300);
  });

  it('marks each slow reply and costs points for every reply over 3 s', () => {
    const item = score(turns([300, 1_200, 4_000]));
    expect(item.value).toBe(1_200);
    expect(item.status).toBe('warn');
    expect(item.evidence.filter((e) => e.atMs !== null).map((e) => [e.value, e.band])).toEqual([
      [1_200, 'amber'],
      [4_000, 'red'],
    ]);
    expect(item.score).toBeLessThan(80);
  });

  it('ignores overlaps (those are overtalk) and customers who speak twice in a row', () => {
    const segments: ScoreSegment[] = [
      { speaker: 'caller', startMs: 0, endMs: 3_000, text: '喂' },
      { speaker: 'agent', startMs: 2_000, endMs: 4_000, text: '您好' },
      { speaker: 'caller', startMs: 5_000, endMs: 6_000, text: '在吗' },
      { speaker: 'caller', startMs: 7_000, endMs: 8_000, text: '喂？' },
      { speaker: 'agent', startMs: 8_500, endMs: 9_000, text: '在的' },
    ];
    const gaps = responseGaps(
      contextOf({ script: bareScript('zh-CN'), transcript: { locale: 'zh-CN', segments } }),
    );
    expect(gaps.map((g) => g.gapMs)).toEqual([500]);
  });
});
