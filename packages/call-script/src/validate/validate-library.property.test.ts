// Property tests: whatever a teacher (or a fuzzer) types, the validator answers with
// diagnostics or a document and never throws; the matcher and walker never throw either.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createDialogueWalker, matchTurn, parseCallScript, saysAny, validateLibrary } from '../index.js';

const RULES_DIR = path.join(import.meta.dirname, '__fixtures__', 'rules');
const VALID = readFileSync(path.join(RULES_DIR, 'valid.yaml'), 'utf8');
const TEMPLATE = {
  path: '_template.yaml',
  text: readFileSync(path.join(RULES_DIR, '_template.yaml'), 'utf8'),
};

function answersSomething(text: string): void {
  const parsed = parseCallScript(text, 'fuzz.yaml');
  expect(parsed.document !== null || parsed.diagnostics.length > 0).toBe(true);
  const result = validateLibrary([{ path: 'fuzz.yaml', text }, TEMPLATE]);
  for (const d of result.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(typeof d.message).toBe('string');
  }
  const usable = result.scenarios.length + result.templates.length;
  expect(usable > 0 || result.diagnostics.length > 0).toBe(true);
}

const yamlish = fc.stringMatching(/^[ \-:{}[\]"'#&*!|>%@`,?\n\ta-z0-9一-鿿]*$/);

describe('validator never crashes', () => {
  it('on random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), answersSomething), {
      numRuns: 300,
    });
  });

  it('on random YAML-looking text', () => {
    fc.assert(fc.property(yamlish, answersSomething), { numRuns: 300 });
  });

  it('on random objects serialized as YAML', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => answersSomething(stringify(value))),
      { numRuns: 300 },
    );
  });

  it('on random objects shaped like scenarios', () => {
    const scenarioish = fc.record(
      {
        formatVersion: fc.oneof(fc.constant(1), fc.integer()),
        id: fc.oneof(fc.constant('fx'), fc.string()),
        locale: fc.constantFrom('zh-CN', 'en-US', 'fr-FR'),
        direction: fc.constantFrom('inbound', 'outbound', 'sideways'),
        category: fc.constantFrom('inquiry', 'complaint', 'care', 'x'),
        title: fc.string(),
        customer: fc.record(
          { name: fc.string(), persona: fc.constantFrom('calm', 'angry', 'nope') },
          { requiredKeys: [] },
        ),
        agent: fc.record(
          {
            template: fc.constantFrom('fixture-inbound', 'missing'),
            steps: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }),
          },
          { requiredKeys: [] },
        ),
        dialogue: fc.record(
          {
            start: fc.constantFrom('a', 'b', 'c'),
            turns: fc.dictionary(
              fc.constantFrom('a', 'b', 'c', 'd'),
              fc.record(
                {
                  say: fc.string(),
                  end: fc.boolean(),
                  next: fc.array(
                    fc.record(
                      { goto: fc.constantFrom('a', 'b', 'c', 'x'), when: fc.jsonValue({ maxDepth: 2 }) },
                      { requiredKeys: ['goto'] },
                    ),
                    { maxLength: 3 },
                  ),
                },
                { requiredKeys: [] },
              ),
            ),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(scenarioish, (value) => answersSomething(stringify(value))),
      { numRuns: 300 },
    );
  });

  it('on a valid file with random lines deleted, duplicated or garbled', () => {
    const lines = VALID.split('\n');
    const edit = fc.array(
      fc.record({
        at: fc.nat(lines.length - 1),
        kind: fc.constantFrom('delete', 'duplicate', 'garble'),
        junk: fc.string({ maxLength: 6 }),
      }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(edit, (edits) => {
        const out = [...lines];
        for (const e of edits) {
          const at = Math.min(e.at, out.length - 1);
          if (e.kind === 'delete') out.splice(at, 1);
          else if (e.kind === 'duplicate') out.splice(at, 0, out[at] ?? '');
          else out[at] = `${(out[at] ?? '').slice(0, 3)}${e.junk}`;
        }
        answersSomething(out.join('\n'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('matcher and walker never crash', () => {
  const result = validateLibrary([{ path: 'valid.yaml', text: VALID }, TEMPLATE]);
  const scenario = result.scenarios[0];

  it('matches random text in both locales', () => {
    if (scenario === undefined) throw new Error('valid fixture did not resolve');
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
        (text, phrases) => {
          matchTurn(text, scenario.steps, 'zh-CN');
          matchTurn(text, scenario.steps, 'en-US');
          const hit = saysAny(text, phrases, 'zh-CN');
          if (hit !== null) expect(hit.similarity).toBeGreaterThanOrEqual(0.8);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('walks until the customer hangs up, whatever the agent says', () => {
    if (scenario === undefined) throw new Error('valid fixture did not resolve');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)), { maxLength: 12 }),
        (turns) => {
          const walker = createDialogueWalker(scenario);
          walker.start();
          for (const text of turns) {
            if (walker.ended) break;
            const line = text === null ? walker.silence() : walker.agentTurn({ text }).line;
            expect(line.text.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
