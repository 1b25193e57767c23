// Talk share: agent ~50 % in service calls, 35–40 % in sales (promotion) calls.
import { describe, expect, it } from 'vitest';
import { bareScript, contextOf } from '../__fixtures__/scenarios.js';
import type { ScoreScript, ScoreSegment } from '../model/score-input.js';
import { scoreTalkShare } from './talk-share.js';

function call(agentMs: number, callerMs: number): ScoreSegment[] {
  return [
    { speaker: 'caller', startMs: 0, endMs: callerMs, text: '嗯' },
    { speaker: 'agent', startMs: callerMs + 500, endMs: callerMs + 500 + agentMs, text: '好的' },
  ];
}
const share = (script: ScoreScript, segments: ScoreSegment[]) =>
  scoreTalkShare(contextOf({ script, transcript: { locale: 'zh-CN', segments } }));

describe('talk share', () => {
  it('is good at 50 % in a service call and too high at 75 %', () => {
    const service = bareScript('zh-CN', { category: 'complaint' });
    expect(share(service, call(30_000, 30_000))).toMatchObject({ value: 50, status: 'good' });
    const high = share(service, call(45_000, 15_000));
    expect(high).toMatchObject({ value: 75, band: 'red', status: 'bad' });
    expect(high.advice['en-US']).toMatch(/talk too much/);
    expect(high.evidence[0]?.note).toBe('agent-ms:45000,caller-ms:15000');
  });

  it('wants the agent nearer 35–40 % in a promotion call', () => {
    const sales = bareScript('zh-CN', { category: 'promotion' });
    expect(share(sales, call(38_000, 62_000)).status).toBe('good');
    expect(share(sales, call(50_000, 50_000)).status).toBe('warn');
  });

  it('is notAvailable with no speech at all', () => {
    expect(share(bareScript('zh-CN'), []).status).toBe('notAvailable');
  });
});
