// Template inheritance as teachers rely on it: steps inherited in order, overridden by id
// field by field (scenario wins), new steps appended, forbidden lists merged.
import { describe, expect, it } from 'vitest';
import { parseCallScript, resolveScenario, type Scenario, type Template } from '../index.js';

const TEMPLATE = `
formatVersion: 1
id: inbound-standard
locale: zh-CN
direction: inbound
title: 标准呼入话术
company: { name: 现代生活网上超市 }
steps:
  - id: greeting
    label: 标准开头语
    phase: opening
    required: true
    weight: 10
    withinMs: 15000
    match: { any: ["您好"] }
  - id: farewell
    label: 标准结束语
    phase: closing
    match: { any: ["再见"] }
forbidden:
  - 不知道
  - { phrase: 没办法, severity: minor }
  - { pattern: "喂{2,}", severity: minor }
`;

const SCENARIO = `
formatVersion: 1
id: complaint-cup
locale: zh-CN
direction: inbound
category: complaint
title: 保温杯破损投诉
customer: { name: 王先生, persona: angry }
agent:
  template: inbound-standard
  steps:
    - id: empathy
      label: 共情致歉
      match: { any: ["抱歉"] }
    - id: greeting
      weight: 25
      withinMs: 10000
  forbidden:
    - { phrase: 没办法, severity: fatal }
    - 你自己摔的吧
dialogue:
  start: opening
  turns:
    opening: { say: 杯子坏了, end: true }
`;

function parse(text: string): Scenario | Template {
  const doc = parseCallScript(text, 'x.yaml').document;
  if (doc === null) throw new Error('fixture did not parse');
  return doc.kind === 'scenario' ? doc.scenario : doc.template;
}

describe('resolveScenario', () => {
  const resolved = resolveScenario(
    parse(SCENARIO) as Scenario,
    parse(TEMPLATE) as Template,
    'complaint-cup.yaml',
  );

  it('keeps template step order, overrides by id, appends new steps', () => {
    expect(resolved.steps.map((s) => [s.id, s.origin])).toEqual([
      ['greeting', 'override'],
      ['farewell', 'template'],
      ['empathy', 'scenario'],
    ]);
  });

  it('merges an overriding step field by field: scenario fields win, the rest is inherited', () => {
    expect(resolved.steps[0]).toMatchObject({
      id: 'greeting',
      label: '标准开头语',
      phase: 'opening',
      required: true,
      weight: 25,
      withinMs: 10000,
      match: { any: ['您好'] },
    });
  });

  it('fills defaults for steps that do not say', () => {
    expect(resolved.steps[2]).toMatchObject({
      id: 'empathy',
      phase: null,
      required: false,
      weight: 10,
      withinMs: null,
    });
  });

  it('merges forbidden lists; the scenario severity wins for the same phrase', () => {
    expect(resolved.forbidden).toEqual([
      { phrase: '不知道', severity: 'major' },
      { phrase: '没办法', severity: 'fatal' },
      { pattern: '喂{2,}', severity: 'minor' },
      { phrase: '你自己摔的吧', severity: 'major' },
    ]);
  });

  it("inherits the template's company when the scenario has none", () => {
    expect(resolved.company).toEqual({ name: '现代生活网上超市' });
    expect(resolved.templateId).toBe('inbound-standard');
    expect(resolved.file).toBe('complaint-cup.yaml');
  });

  it('fills dialogue and scoring defaults', () => {
    expect(resolved.dialogue).toMatchObject({
      firstSpeaker: 'agent',
      silenceTimeoutMs: 8000,
      onSilence: '喂？您还在吗？',
    });
    expect(resolved.scoring).toEqual({
      weights: { script: 50, speed: 20, tone: 20, courtesy: 10 },
      speechRatePerMin: [150, 210],
      answerWithinMs: 15000,
      targetHandleMs: 240000,
      passScore: 60,
    });
  });

  it('works without a template', () => {
    const alone = resolveScenario(parse(SCENARIO) as Scenario, null);
    expect(alone.steps.map((s) => s.id)).toEqual(['empathy', 'greeting']);
    expect(alone.steps[1]?.match).toBeNull();
    expect(alone.company).toBeNull();
  });
});
