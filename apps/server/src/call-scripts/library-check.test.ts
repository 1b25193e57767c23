// The editor's in-memory check must agree with the loader the call engine uses: same
// template lookup (nearest templates/ folder, then the root one), same diagnostics; and an
// edited text is checked in place of the file on disk.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLibrary, newErrorsElsewhere, readLibraryTexts, withFile } from './library-check.js';
import { loadCallScriptLibrary } from './load-call-scripts.js';

const PROJECT = path.join(import.meta.dirname, '__fixtures__', 'project');
const LIBRARY = path.join(PROJECT, 'call-scripts');

describe('checkLibrary', () => {
  it('reports what the loader reports, by relative path', async () => {
    const loaded = await loadCallScriptLibrary(LIBRARY, { projectDir: PROJECT });
    const checked = checkLibrary(await readLibraryTexts(LIBRARY));
    const rel = (file: string) => path.relative(LIBRARY, file).split(path.sep).join('/');
    expect(checked.diagnostics.map((d) => [d.file, d.line, d.code])).toEqual(
      loaded.diagnostics.map((d) => [rel(d.file), d.line, d.code]),
    );
    const labels = (lib: typeof checked | typeof loaded) =>
      Object.fromEntries(lib.scenarios.map((s) => [s.id, s.steps.map((step) => step.label)]));
    expect(labels(checked)).toEqual(labels(loaded));
    expect(labels(checked)['local-a']).toEqual(['本地开头语']);
  });

  it('checks an edited text instead of the file, and names errors it causes elsewhere', async () => {
    const texts = await readLibraryTexts(LIBRARY);
    const before = checkLibrary(texts);
    const renameId = (rel: string) =>
      checkLibrary(withFile(texts, rel, (texts.get(rel) ?? '').replace(/^id: .*$/m, 'id: renamed')));

    // The nearer shared-tpl is gone: a.yml falls back to the root one, as the loader would.
    const local = renameId('inbound/local/templates/shared.yaml');
    expect(newErrorsElsewhere('inbound/local/templates/shared.yaml', before, local)).toEqual([]);
    expect(local.scenarios.find((s) => s.id === 'local-a')?.steps.map((s) => s.label)).toEqual([
      '项目开头语',
    ]);

    // project-only has no other copy: c.yaml breaks; the already broken file is not blamed on the edit.
    const broken = newErrorsElsewhere(
      'templates/project-only.yaml',
      before,
      renameId('templates/project-only.yaml'),
    );
    expect(broken).toEqual([
      expect.objectContaining({ file: 'inbound/local/c.yaml', code: 'unknown-template', severity: 'error' }),
    ]);
  });

  it('adds a new file in the loader order', async () => {
    const texts = await readLibraryTexts(LIBRARY);
    const next = withFile(texts, 'inbound/local/b.yaml', 'x: 1');
    expect([...next.keys()].slice(0, 4)).toEqual([
      'inbound/local/a.yml',
      'inbound/local/b.yaml',
      'inbound/local/c.yaml',
      'inbound/local/templates/shared.yaml',
    ]);
  });
});
