// The fs side of the library: reading folders recursively, the template lookup rule
// (nearest templates/ folder, then the project's), and real paths in diagnostics.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCallScriptLibrary, loadCallScripts } from './load-call-scripts.js';

const PROJECT = path.join(import.meta.dirname, '__fixtures__', 'project');
const LIBRARY = path.join(PROJECT, 'call-scripts');
const at = (...parts: string[]) => path.join(LIBRARY, ...parts);

describe('loadCallScriptLibrary', () => {
  it('reads every .yaml/.yml file under the folder (and nothing else)', async () => {
    const library = await loadCallScriptLibrary(LIBRARY, { projectDir: PROJECT });
    expect([...library.files].sort()).toEqual(
      [
        at('inbound', 'local', 'a.yml'),
        at('inbound', 'local', 'c.yaml'),
        at('inbound', 'local', 'templates', 'shared.yaml'),
        at('inbound', 'other', 'b.yaml'),
        at('inbound', 'other', 'broken.yaml'),
        at('templates', 'project-only.yaml'),
        at('templates', 'shared.yaml'),
      ].sort(),
    );
  });

  it('takes a template from the nearest templates/ folder first, then the project one', async () => {
    const library = await loadCallScriptLibrary(LIBRARY, { projectDir: PROJECT });
    const label = (id: string) => library.scenarios.find((s) => s.id === id)?.steps.map((s) => s.label);
    expect(label('local-a')).toEqual(['本地开头语']);
    expect(label('other-b')).toEqual(['项目开头语']);
    expect(label('local-c')).toEqual(['项目结束语']);
  });

  it('reports problems with the real absolute path and line', async () => {
    const library = await loadCallScriptLibrary(LIBRARY, { projectDir: PROJECT });
    expect(library.diagnostics).toEqual([
      expect.objectContaining({
        file: at('inbound', 'other', 'broken.yaml'),
        line: 12,
        code: 'unknown-goto',
        severity: 'error',
      }),
      expect.objectContaining({
        file: at('inbound', 'other', 'broken.yaml'),
        line: 12,
        code: 'no-path-to-end',
      }),
      expect.objectContaining({
        file: at('inbound', 'other', 'broken.yaml'),
        line: 13,
        code: 'unreachable-turn',
      }),
    ]);
    expect(library.scenarios.map((s) => s.id).sort()).toEqual(['local-a', 'local-c', 'other-b']);
  });

  it('finds templates for a single file given alone', async () => {
    const library = await loadCallScripts([at('inbound', 'local', 'a.yml')], { projectDir: PROJECT });
    expect(library.diagnostics).toEqual([]);
    expect(library.files).toEqual([
      at('inbound', 'local', 'a.yml'),
      at('inbound', 'local', 'templates', 'shared.yaml'),
    ]);
  });

  it('reports a missing path as a diagnostic instead of throwing', async () => {
    const missing = path.join(PROJECT, 'no-such-folder');
    const library = await loadCallScripts([missing], { projectDir: PROJECT });
    expect(library.diagnostics).toEqual([
      expect.objectContaining({ file: missing, line: 1, code: 'unreadable-file', severity: 'error' }),
    ]);
  });
});
