// `callsim validate` as a user runs it: one `file:line:` line per problem with paths
// relative to cwd, exit 0 when valid (warnings allowed), 1 on errors, 2 on bad usage.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runValidateCommand, type ValidateReport } from './validate-command.js';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const FIXTURES = path.resolve(import.meta.dirname, '..', 'call-scripts', '__fixtures__');
const PROJECT = path.join(FIXTURES, 'project');

async function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runValidateCommand(args, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out, err };
}

describe('callsim validate', () => {
  it('checks call-scripts/ under cwd by default and passes on the real library', async () => {
    const { code, out, err } = await run([], REPO);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/^checked \d+ file\(s\): 0 error\(s\), 0 warning\(s\)$/);
    expect(code).toBe(0);
  });

  it('prints file:line: message for each problem, relative to cwd, and exits 1', async () => {
    const { code, out } = await run([], PROJECT);
    const broken = path.join('call-scripts', 'inbound', 'other', 'broken.yaml');
    expect(out).toEqual([
      `${broken}:12: error: turn "opening" goes to "byee", which is not a turn [unknown-goto]`,
      `${broken}:12: error: turn "opening" can never end the call: no branch leads to a turn with end: true [no-path-to-end]`,
      `${broken}:13: error: turn "bye" can never be reached from the start turn "opening" [unreachable-turn]`,
    ]);
    expect(code).toBe(1);
  });

  it('accepts files and folders as paths', async () => {
    const good = path.join('call-scripts', 'inbound', 'local');
    expect((await run([good, path.join('call-scripts', 'inbound', 'other', 'b.yaml')], PROJECT)).code).toBe(
      0,
    );
    expect((await run([path.join('call-scripts', 'inbound', 'other', 'broken.yaml')], PROJECT)).code).toBe(1);
  });

  it('exits 0 when there are only warnings, and still prints them', async () => {
    const { code, out } = await run(['warnings-only'], FIXTURES);
    expect(out).toEqual([
      `${path.join('warnings-only', 'unknown-fact.yaml')}:17: warning: {customer.facts.tracking} in dialogue.turns.opening.say cannot be filled in and will be shown as written [unknown-variable]`,
    ]);
    expect(code).toBe(0);
  });

  it('prints a JSON report with --json', async () => {
    const { code, out } = await run(['--json'], PROJECT);
    expect(out).toHaveLength(1);
    const report = JSON.parse(out[0] ?? '') as ValidateReport;
    expect(report.ok).toBe(false);
    expect(report.files).toContain(path.join('call-scripts', 'templates', 'shared.yaml'));
    expect(report.files).toHaveLength(7);
    expect(report.problems[0]).toEqual({
      file: path.join('call-scripts', 'inbound', 'other', 'broken.yaml'),
      line: 12,
      column: 34,
      code: 'unknown-goto',
      severity: 'error',
      message: 'turn "opening" goes to "byee", which is not a turn',
    });
    expect(code).toBe(1);
  });

  it('reports a path that does not exist as a problem', async () => {
    const { code, out } = await run(['nope.yaml'], PROJECT);
    expect(out).toEqual([
      `nope.yaml:1: error: cannot read ${path.join(PROJECT, 'nope.yaml')}: no such file or folder [unreadable-file]`,
    ]);
    expect(code).toBe(1);
  });

  it('exits 2 on an unknown option', async () => {
    const { code, err } = await run(['--strict'], PROJECT);
    expect(err[0]).toContain('unknown option --strict');
    expect(code).toBe(2);
  });
});
