// Every validator rule has a failing fixture in __fixtures__/rules/ whose offending line
// carries `# expect: <code>`; the test checks the code AND the line, and that no other
// error is reported, so a fixture fails if a rule stops firing or starts over-firing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CATALOGUE, type Diagnostic, validateLibrary } from '../index.js';

const RULES_DIR = path.join(import.meta.dirname, '__fixtures__', 'rules');
const read = (name: string) => ({ path: name, text: readFileSync(path.join(RULES_DIR, name), 'utf8') });
const TEMPLATE = read('_template.yaml');

function expectations(text: string): { line: number; code: string }[] {
  return text
    .split('\n')
    .flatMap((line, i) =>
      [...line.matchAll(/# expect: ([a-z-]+)/g)].map((m) => ({ line: i + 1, code: m[1] ?? '' })),
    );
}

// Fixtures that are not YAML at all end in .yaml.txt so the repo's formatter leaves them alone.
const ruleFiles = readdirSync(RULES_DIR).filter(
  (f) => (f.endsWith('.yaml') || f.endsWith('.yaml.txt')) && !f.startsWith('_') && f !== 'valid.yaml',
);

describe('validator rules (one failing fixture each)', () => {
  it.each(ruleFiles)('%s reports the expected codes at the expected lines', (name) => {
    const file = read(name);
    const expected = expectations(file.text);
    expect(expected.length).toBeGreaterThan(0);
    const { diagnostics } = validateLibrary([file, TEMPLATE]);
    const own = diagnostics.filter((d) => d.file === name);
    for (const { line, code } of expected) {
      expect(own, `${name}: ${code} at line ${line}`).toContainEqual(expect.objectContaining({ code, line }));
    }
    const unexpected = own.filter((d) => !expected.some((e) => e.code === d.code && e.line === d.line));
    expect(unexpected).toEqual([]);
    for (const d of own) expect(d.severity).toBe(DIAGNOSTIC_CATALOGUE[d.code].severity);
  });

  it('covers every diagnostic code that can come from file content', () => {
    const covered = new Set(ruleFiles.flatMap((f) => expectations(read(f).text).map((e) => e.code)));
    covered.add('duplicate-scenario-id').add('duplicate-template-id'); // multi-file tests below
    const fsOnly = new Set(['unreadable-file', 'yaml-warning']);
    const missing = Object.keys(DIAGNOSTIC_CATALOGUE).filter((c) => !covered.has(c) && !fsOnly.has(c));
    expect(missing).toEqual([]);
  });

  it('accepts a valid scenario with its template without any diagnostic', () => {
    const result = validateLibrary([read('valid.yaml'), TEMPLATE]);
    expect(result.diagnostics).toEqual([]);
    expect(result.scenarios.map((s) => s.id)).toEqual(['fx-valid']);
    expect(result.templates.map((t) => t.template.id)).toEqual(['fixture-inbound']);
  });
});

describe('messages name the field', () => {
  const diagnosticsOf = (name: string): Diagnostic[] =>
    validateLibrary([read(name), TEMPLATE]).diagnostics.filter((d) => d.file === name);

  it('names the missing field with its full path', () => {
    expect(diagnosticsOf('missing-field.yaml')[0]?.message).toContain('dialogue.turns.opening.say');
  });

  it('names the misspelt key', () => {
    expect(diagnosticsOf('unknown-field.yaml')[0]?.message).toContain('agent.steps[0].requried');
  });

  it('lists the allowed values of an enum', () => {
    const message = diagnosticsOf('invalid-value.yaml')[0]?.message ?? '';
    expect(message).toContain('customer.persona');
    expect(message).toContain('angry');
    expect(message).toContain('"furious"');
  });

  it('names the unknown goto target and the turn it is in', () => {
    expect(diagnosticsOf('unknown-goto.yaml')[0]?.message).toBe(
      'turn "opening" goes to "calmr", which is not a turn',
    );
  });

  it('gives the YAML parser line and column for syntax errors', () => {
    const d = diagnosticsOf('yaml-syntax.yaml.txt')[0];
    expect(d?.code).toBe('yaml-syntax');
    expect(d?.column).toBeGreaterThan(0);
  });
});

describe('library-wide checks', () => {
  const valid = read('valid.yaml');

  it("reports a scenario id used twice across files, at the second file's id line", () => {
    const copy = { path: 'elsewhere/copy.yaml', text: valid.text };
    const { diagnostics, scenarios } = validateLibrary([valid, copy, TEMPLATE]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'elsewhere/copy.yaml',
        line: 3,
        code: 'duplicate-scenario-id',
        severity: 'error',
      }),
    ]);
    expect(diagnostics[0]?.message).toContain('valid.yaml');
    expect(scenarios.map((s) => s.file)).toEqual(['valid.yaml']);
  });

  it('reports a template id used twice in one folder', () => {
    const { diagnostics } = validateLibrary([TEMPLATE, { path: 'copy.yaml', text: TEMPLATE.text }]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'copy.yaml', line: 3, code: 'duplicate-template-id' }),
    ]);
    expect(diagnostics[0]?.message).toBe('template id "fixture-inbound" is already used by _template.yaml');
  });

  it('lets a template in another folder shadow an id (templates are looked up per folder)', () => {
    const { diagnostics } = validateLibrary([
      TEMPLATE,
      { path: 'inbound/templates/t.yaml', text: TEMPLATE.text },
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('finds templates through the injected lookup and reports their problems once', () => {
    const brokenTemplate = {
      path: 'lib/templates/t.yaml',
      text: TEMPLATE.text.replace('phase: closing', 'phase: end'),
    };
    const lookups: string[] = [];
    const a = valid;
    const b = { path: 'b.yaml', text: valid.text.replace('fx-valid', 'fx-valid-b') };
    const result = validateLibrary([a, b], {
      findTemplate: (id, from) => {
        lookups.push(`${id}@${from}`);
        return id === 'fixture-inbound' ? brokenTemplate : undefined;
      },
    });
    expect(lookups).toEqual(['fixture-inbound@valid.yaml', 'fixture-inbound@b.yaml']);
    expect(result.files).toEqual(['valid.yaml', 'b.yaml', 'lib/templates/t.yaml']);
    const templateProblems = result.diagnostics.filter((d) => d.file === 'lib/templates/t.yaml');
    expect(templateProblems).toEqual([expect.objectContaining({ code: 'invalid-value', line: 13 })]);
    expect(result.diagnostics.filter((d) => d.code === 'unknown-template')).toHaveLength(2);
    expect(result.scenarios).toEqual([]);
  });

  it('accepts a follow-up scenario that exists outside the validated files', () => {
    const file = read('unknown-followup-scenario.yaml');
    const result = validateLibrary([file], { scenarioExists: (id) => id === 'no-such-followup' });
    expect(result.diagnostics).toEqual([]);
  });
});
