// The checklist and transcript matcher: what a trainee sees live and what the scorer
// reports — only agent speech counts, phase order, withinMs, evidence, forbidden hits.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createChecklist,
  matchTranscript,
  type ResolvedScenario,
  type TranscriptSegment,
  validateLibrary,
} from '../index.js';

function loadFixture(): ResolvedScenario {
  const file = path.join(import.meta.dirname, '__fixtures__', 'promotion.yaml');
  const result = validateLibrary([{ path: file, text: readFileSync(file, 'utf8') }]);
  expect(result.diagnostics).toEqual([]);
  const scenario = result.scenarios[0];
  if (scenario === undefined) throw new Error('fixture did not resolve');
  return scenario;
}

const scenario = loadFixture();
const agent = (startMs: number, text: string): TranscriptSegment => ({
  speaker: 'agent',
  startMs,
  endMs: startMs + 2000,
  text,
});
const caller = (startMs: number, text: string): TranscriptSegment => ({
  speaker: 'caller',
  startMs,
  endMs: startMs + 2000,
  text,
});
const step = (result: ReturnType<typeof matchTranscript>, id: string) =>
  result.steps.find((s) => s.id === id);

describe('matchTranscript', () => {
  it('reports each step with evidence: segment index, start time, matched text', () => {
    const result = matchTranscript(
      {
        locale: 'zh-CN',
        segments: [
          caller(0, '喂，你好，哪位？'),
          agent(3000, '您好，我是现代生活的客服。'),
          agent(9000, '我们有一张会员卡。'),
        ],
      },
      scenario,
    );
    expect(step(result, 'identify-self')).toEqual({
      id: 'identify-self',
      label: 'identify-self',
      phase: 'opening',
      found: true,
      atMs: 3000,
      evidence: {
        segmentIndex: 1,
        startMs: 3000,
        text: '您好 … 现代生活',
        kind: 'exact',
        similarity: 1,
        phrases: ['您好', '现代生活'],
      },
      fuzzy: false,
      outOfOrder: false,
      late: false,
      required: true,
      weight: 10,
      withinMs: 15000,
    });
    expect(step(result, 'present')).toMatchObject({ found: true, atMs: 9000, evidence: { segmentIndex: 2 } });
    expect(step(result, 'farewell')).toMatchObject({
      found: false,
      atMs: null,
      evidence: null,
      required: true,
      weight: 10,
    });
  });

  it('counts only agent speech, for steps and for forbidden phrases', () => {
    const result = matchTranscript(
      { locale: 'zh-CN', segments: [caller(0, '您好，现代生活吗？会员卡我不知道，再见。')] },
      scenario,
    );
    expect(result.steps.filter((s) => s.found)).toEqual([]);
    expect(result.forbidden).toEqual([]);
  });

  it('marks an opening step found after a closing step as out of order', () => {
    const result = matchTranscript(
      {
        locale: 'zh-CN',
        segments: [agent(1000, '那就先这样，再见。'), agent(4000, '您好，这里是现代生活。')],
      },
      scenario,
    );
    expect(step(result, 'farewell')).toMatchObject({ found: true, outOfOrder: false });
    expect(step(result, 'identify-self')).toMatchObject({ found: true, outOfOrder: true });
  });

  it('does not flag steps said in the same turn, or steps without a phase', () => {
    const result = matchTranscript(
      { locale: 'zh-CN', segments: [agent(1000, '谢谢，再见'), agent(2000, '您好，现代生活，会员卡，谢谢')] },
      scenario,
    );
    expect(step(result, 'unphased')).toMatchObject({ found: true, atMs: 1000, outOfOrder: false });
    expect(step(result, 'identify-self')?.outOfOrder).toBe(true);
    expect(step(result, 'present')?.outOfOrder).toBe(true);
  });

  it('marks a step said after its withinMs (from answer) as late', () => {
    const onTime = matchTranscript({ locale: 'zh-CN', segments: [agent(15000, '您好，现代生活')] }, scenario);
    const late = matchTranscript({ locale: 'zh-CN', segments: [agent(15001, '您好，现代生活')] }, scenario);
    expect(step(onTime, 'identify-self')?.late).toBe(false);
    expect(step(late, 'identify-self')).toMatchObject({ found: true, late: true, atMs: 15001 });
  });

  it('reports fuzzy hits as fuzzy', () => {
    const result = matchTranscript({ locale: 'zh-CN', segments: [agent(500, '好的，在见')] }, scenario);
    expect(step(result, 'farewell')).toMatchObject({
      found: true,
      fuzzy: true,
      evidence: { kind: 'fuzzy', text: '在见' },
    });
  });

  it('reports forbidden phrases and patterns with time, severity and evidence', () => {
    const result = matchTranscript(
      { locale: 'zh-CN', segments: [agent(1000, '喂喂，听得到吗'), agent(5000, '这个我也不知道。')] },
      scenario,
    );
    expect(result.forbidden).toEqual([
      {
        phrase: '喂{2,}',
        rule: 'pattern',
        atMs: 1000,
        severity: 'minor',
        turnId: null,
        evidence: { segmentIndex: 0, startMs: 1000, text: '喂喂', kind: 'exact', similarity: 1 },
      },
      {
        phrase: '不知道',
        rule: 'phrase',
        atMs: 5000,
        severity: 'major',
        turnId: null,
        evidence: { segmentIndex: 1, startMs: 5000, text: '不知道', kind: 'exact', similarity: 1 },
      },
    ]);
  });

  it('applies a turn-scoped forbidden phrase only after that customer line', () => {
    const before = agent(1000, '您再考虑一下吧');
    const refusal = caller(4000, '我说了两遍不需要了。');
    const after = agent(7000, '您再考虑一下吧');
    const result = matchTranscript({ locale: 'zh-CN', segments: [before, refusal, after] }, scenario);
    expect(result.forbidden).toEqual([
      expect.objectContaining({ phrase: '再考虑一下', severity: 'fatal', atMs: 7000, turnId: 'refusal-2' }),
    ]);
  });

  it('orders segments by time but keeps evidence indices into the given array', () => {
    const result = matchTranscript(
      { locale: 'zh-CN', segments: [agent(9000, '再见'), agent(1000, '您好，现代生活')] },
      scenario,
    );
    expect(step(result, 'identify-self')).toMatchObject({
      atMs: 1000,
      outOfOrder: false,
      evidence: { segmentIndex: 1 },
    });
    expect(step(result, 'farewell')).toMatchObject({ atMs: 9000, evidence: { segmentIndex: 0 } });
  });
});

describe('createChecklist (live)', () => {
  it('takes agent segments one by one and reports what each one changed', () => {
    const checklist = createChecklist(scenario);
    expect(checklist.add(caller(0, '喂，你好，哪位？'))).toEqual({
      found: [],
      forbidden: [],
      turnId: 'answer',
    });
    const first = checklist.add(agent(2000, '您好，现代生活网上超市'));
    expect(first.found.map((s) => s.id)).toEqual(['identify-self']);
    expect(checklist.add(agent(5000, '您好，现代生活')).found).toEqual([]);
    const third = checklist.add(agent(8000, '这个不知道'));
    expect(third.forbidden.map((f) => f.phrase)).toEqual(['不知道']);
    expect(
      checklist
        .result()
        .steps.filter((s) => s.found)
        .map((s) => s.id),
    ).toEqual(['identify-self']);
    expect(checklist.result().forbidden).toHaveLength(1);
  });

  it('previews a partial utterance without recording it', () => {
    const checklist = createChecklist(scenario);
    expect(checklist.preview('您好，现代生活会员卡')).toEqual(['identify-self', 'present']);
    expect(checklist.result().steps.some((s) => s.found)).toBe(false);
  });
});
