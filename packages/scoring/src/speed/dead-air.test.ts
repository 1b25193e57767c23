// Dead air: silences with nobody speaking (holds excluded, the time after the last words
// excluded); > 4 s counted, > 10 s flagged.
import { describe, expect, it } from 'vitest';
import { bareScript, contextOf } from '../__fixtures__/scenarios.js';
import type { ScoreSegment, ScoreTimelineEvent } from '../model/score-input.js';
import { findSilences, scoreDeadAir } from './dead-air.js';

const seg = (speaker: 'agent' | 'caller', startMs: number, endMs: number): ScoreSegment => ({
  speaker,
  startMs,
  endMs,
  text: speaker === 'agent' ? '好的' : '嗯',
});

function ctx(segments: ScoreSegment[], events?: ScoreTimelineEvent[]) {
  return contextOf({
    script: bareScript('zh-CN'),
    transcript: { locale: 'zh-CN', segments },
    ...(events === undefined ? {} : { timeline: { events, durationMs: 200_000 } }),
  });
}

describe('dead air', () => {
  it('is good when no silence passes 4 s', () => {
    const item = scoreDeadAir(
      ctx([seg('agent', 500, 5_000), seg('caller', 8_900, 12_000), seg('agent', 12_500, 15_000)]),
    );
    expect(item.status).toBe('good');
    expect(item.evidence).toEqual([{ atMs: null, value: 3_900, band: 'green' }]);
  });

  it('counts a 4.1 s pause (warn) and flags an 11 s one (bad), with where and after whom', () => {
    const item = scoreDeadAir(
      ctx([
        seg('agent', 0, 5_000),
        seg('caller', 9_100, 12_000),
        seg('agent', 23_000, 25_000),
        seg('caller', 25_200, 26_000),
      ]),
    );
    expect(item.status).toBe('bad');
    expect(item.value).toBe(11_000);
    expect(item.evidence).toEqual([
      { atMs: 5_000, endMs: 9_100, value: 4_100, band: 'amber', note: 'after:agent' },
      { atMs: 12_000, endMs: 23_000, value: 11_000, band: 'red', note: 'after:caller' },
    ]);
    expect(item.score).toBe(100 - 15 - 3);
  });

  it('counts the silence after answer before anyone speaks', () => {
    const silences = findSilences(ctx([seg('agent', 6_000, 8_000)]));
    expect(silences).toMatchObject([{ startMs: 0, endMs: 6_000, after: null, deadAir: false }]);
  });

  it('does not count time on hold as dead air', () => {
    const item = scoreDeadAir(
      ctx(
        [seg('agent', 0, 5_000), seg('agent', 65_000, 67_000)],
        [
          { type: 'hold-start', atMs: 6_000 },
          { type: 'hold-end', atMs: 64_000, holdMs: 58_000 },
        ],
      ),
    );
    expect(item.status).toBe('good');
  });
});
