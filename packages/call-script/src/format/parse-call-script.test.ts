// Parsing one file: which schema applies, shorthand forms the format accepts, and the
// line each schema problem points at.
import { describe, expect, it } from 'vitest';
import { parseCallScript } from '../index.js';

const SCENARIO = `formatVersion: 1
id: s
locale: zh-CN
direction: inbound
category: inquiry
title: t
customer: { name: n, persona: calm }
agent:
  forbidden:
    - 不知道
    - { pattern: "喂{2,}", severity: minor }
  steps:
    - id: a
      match: { all: [["您好", "你好"], 很高兴为您服务] }
dialogue:
  start: o
  turns:
    o:
      say: 你好
      next:
        - when: { step: a, says: 好的, persona: angry }
          goto: e
        - goto: e
    e: { say: 再见, end: true }
`;

describe('parseCallScript', () => {
  it('parses a scenario and normalizes shorthand forms', () => {
    const { document, diagnostics } = parseCallScript(SCENARIO, 's.yaml');
    expect(diagnostics).toEqual([]);
    if (document?.kind !== 'scenario') throw new Error('expected a scenario');
    expect(document.scenario.agent?.forbidden).toEqual([
      { phrase: '不知道', severity: 'major' },
      { pattern: '喂{2,}', severity: 'minor' },
    ]);
    expect(document.scenario.agent?.steps?.[0]?.match).toEqual({
      all: [['您好', '你好'], ['很高兴为您服务']],
    });
    expect(document.scenario.dialogue.turns.o?.next?.[0]?.when).toEqual({
      step: ['a'],
      says: ['好的'],
      persona: ['angry'],
    });
    expect(document.locate(['dialogue', 'turns', 'e'])).toEqual({ line: 24, column: 5 });
  });

  it('recognizes a template by its top-level steps', () => {
    const text = 'formatVersion: 1\nid: t\nlocale: en-US\ndirection: outbound\ntitle: T\nsteps: []\n';
    expect(parseCallScript(text, 'anywhere.yaml').document?.kind).toBe('template');
  });

  it('checks a file in a templates folder against the template schema', () => {
    const { diagnostics } = parseCallScript('formatVersion: 1\nid: t\n', 'call-scripts/templates/t.yaml');
    expect(diagnostics.map((d) => d.message)).toContain('missing required field "steps"');
  });

  it('points a missing nested field at its parent key', () => {
    const text = SCENARIO.replace('    e: { say: 再见, end: true }', '    e:\n      end: true');
    const { diagnostics } = parseCallScript(text, 's.yaml');
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'missing-field',
        line: 24,
        message: 'missing required field "dialogue.turns.e.say"',
      }),
    ]);
  });

  it('rejects a file that is a list or a single value', () => {
    expect(parseCallScript('- a\n- b\n', 'x.yaml').diagnostics[0]).toMatchObject({
      code: 'invalid-type',
      line: 1,
    });
    expect(parseCallScript('hello\n', 'x.yaml').diagnostics[0]).toMatchObject({ code: 'invalid-type' });
  });

  it('refuses runaway aliases instead of expanding them', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ].join('\n');
    const { document, diagnostics } = parseCallScript(bomb, 'bomb.yaml');
    expect(document).toBeNull();
    expect(diagnostics[0]?.code).toBe('yaml-syntax');
  });
});
