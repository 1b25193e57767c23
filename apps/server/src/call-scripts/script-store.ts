// The call-script editor's side of the call-scripts folder: list, read, check and save
// files, keep versions, and attach recorded clips to dialogue turns. Guarantees: a save
// whose file has an error, or that would cause a new error in another file, changes
// nothing on disk; writes are atomic, serialized, and keep the replaced content as a version.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  DIAGNOSTIC_CATALOGUE,
  type Diagnostic,
  type LibraryValidation,
  parseCallScript,
  scenarioVars,
} from '@callsim/call-script';
import {
  AppError,
  type CallScriptCheckDto,
  type CallScriptFileDto,
  type CallScriptFileSummaryDto,
  type CallScriptKind,
  type CallScriptSavedDto,
  type LineAudioSavedDto,
  type ScriptDiagnosticDto,
  type ScriptVersionDto,
  type ScriptVersionTextDto,
} from '@callsim/protocol';
import { parseDocument } from 'yaml';
import { writeFileAtomic } from './atomic-file.js';
import { readDialogueGraph } from './dialogue-graph.js';
import {
  checkLibrary,
  type LibraryTexts,
  newErrorsElsewhere,
  readLibraryTexts,
  withFile,
} from './library-check.js';
import { normalizeClip } from './line-recording.js';
import { assertCreatable, isInside, resolveScriptPath, type ScriptPath, toRel } from './script-paths.js';
import { ScriptVersions } from './script-versions.js';
import { setTurnAudio } from './turn-audio-edit.js';

export interface ScriptStoreOptions {
  /** The call-scripts folder (inbound/, outbound/, templates/, audio/). */
  readonly rootDir: string;
  /** Where replaced contents are kept. Should lie outside `rootDir`. */
  readonly versionsDir: string;
  readonly nowMs?: () => number;
}

/** What a save did, for the audit log. */
export interface SaveOutcome<T> {
  readonly dto: T;
  /** False when the text equalled the file (nothing written). */
  readonly changed: boolean;
}

/** Content hash of a file text: the `version` the editor sends back as `baseVersion`. */
export function textVersion(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export class CallScriptStore {
  readonly rootDir: string;
  private readonly versions: ScriptVersions;
  private readonly nowMs: () => number;
  private queue: Promise<unknown> = Promise.resolve();
  /** The last whole-library check, keyed by the hash of every file's text. */
  private cached: { key: string; validation: LibraryValidation } | null = null;

  constructor(options: ScriptStoreOptions) {
    this.rootDir = path.resolve(options.rootDir);
    this.versions = new ScriptVersions(path.resolve(options.versionsDir));
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** Every call-script file with its kind, ids and problem counts. */
  async list(): Promise<CallScriptFileSummaryDto[]> {
    const texts = await readLibraryTexts(this.rootDir);
    const validation = this.validate(texts);
    return [...texts].map(([rel, text]) => {
      const own = validation.diagnostics.filter((d) => d.file === rel);
      const fields = topLevelFields(text);
      const direction = fields.direction;
      return {
        path: rel,
        kind: kindOf(rel, text, validation),
        id: fields.id ?? null,
        title: fields.title ?? null,
        locale: fields.locale ?? null,
        direction: direction === 'inbound' || direction === 'outbound' ? direction : null,
        category: fields.category ?? null,
        errorCount: own.filter((d) => d.severity === 'error').length,
        warningCount: own.filter((d) => d.severity === 'warning').length,
      };
    });
  }

  /** A file's text, version, diagnostics and (for scenarios) dialogue graph. */
  async read(rel: string): Promise<CallScriptFileDto> {
    const target = await resolveScriptPath(this.rootDir, rel);
    const text = await this.readExisting(target);
    const texts = await readLibraryTexts(this.rootDir);
    return { path: rel, text, version: textVersion(text), ...this.describe(target, text, texts, false) };
  }

  /** Diagnostics of `text` as `rel` within the library, without saving. */
  async check(rel: string, text: string): Promise<CallScriptCheckDto> {
    const target = await resolveScriptPath(this.rootDir, rel);
    return this.describe(target, text, await readLibraryTexts(this.rootDir), true);
  }

  /**
   * Saves `text` as `rel` (creating it under inbound/, outbound/ or templates/). Throws
   * SCRIPT_INVALID (with diagnostics) when it has errors or breaks another file, and
   * SCRIPT_CHANGED when `baseVersion` is not the file's current version.
   */
  async save(rel: string, text: string, baseVersion?: string): Promise<SaveOutcome<CallScriptSavedDto>> {
    const target = await resolveScriptPath(this.rootDir, rel);
    return this.exclusive(async () => {
      const current = await readIfExists(target.abs, target.rel);
      if (current === null) assertCreatable(rel);
      if (baseVersion !== undefined && (current === null || textVersion(current) !== baseVersion)) {
        throw new AppError('SCRIPT_CHANGED', 'file changed since it was opened', { details: { path: rel } });
      }
      const texts = await readLibraryTexts(this.rootDir);
      return this.commit(target, current, text, texts, this.verdict(rel, text, texts));
    });
  }

  /** Versions of `rel`, newest first. */
  async listVersions(rel: string): Promise<ScriptVersionDto[]> {
    const target = await resolveScriptPath(this.rootDir, rel);
    return this.versions.list(target.rel);
  }

  async readVersion(rel: string, id: string): Promise<ScriptVersionTextDto> {
    const target = await resolveScriptPath(this.rootDir, rel);
    return this.versions.read(target.rel, id);
  }

  /** Absolute path of the recorded clip of turn `turnId` in scenario `rel`; null when it has none on disk. */
  async clipOf(rel: string, turnId: string): Promise<string | null> {
    const target = await resolveScriptPath(this.rootDir, rel);
    const text = await this.readExisting(target);
    const turn = readDialogueGraph(text)?.turns.find((t) => t.id === turnId);
    if (turn === undefined)
      throw new AppError('SCRIPT_TURN_NOT_FOUND', 'no such turn', {
        details: { field: 'turn', turn: turnId },
      });
    return turn.audio === null ? null : this.findClip(target.abs, turn.audio);
  }

  /**
   * Stores a recorded line as `audio/<scenario id>/<turn>.wav` (converted to 16 kHz mono)
   * and writes `audio:` on the turn through the same checks and versions as a save.
   */
  async saveLineAudio(
    rel: string,
    turnId: string,
    upload: Uint8Array,
  ): Promise<SaveOutcome<LineAudioSavedDto>> {
    const target = await resolveScriptPath(this.rootDir, rel);
    const clip = await normalizeClip(upload);
    return this.exclusive(async () => {
      const current = await this.readExisting(target);
      const parsed = parseCallScript(current, rel);
      if (parsed.document?.kind !== 'scenario') {
        if (parsed.document?.kind === 'template')
          throw new AppError('SCRIPT_TURN_NOT_FOUND', 'a template has no turns', {
            details: { field: 'turn', turn: turnId },
          });
        throw invalid(parsed.diagnostics.map(toDto), []);
      }
      const { scenario } = parsed.document;
      if (!Object.hasOwn(scenario.dialogue.turns, turnId))
        throw new AppError('SCRIPT_TURN_NOT_FOUND', 'no such turn', {
          details: { field: 'turn', turn: turnId },
        });
      const audio = `audio/${scenario.id}/${turnId}.wav`;
      // Write where the engine will look first: beside the scenario if such a clip exists, else under the root.
      const clipAbs = this.findClip(target.abs, audio) ?? path.join(this.rootDir, ...audio.split('/'));
      const text = setTurnAudio(current, turnId, audio);
      const texts = await readLibraryTexts(this.rootDir);
      const after = this.verdict(target.rel, text, texts);
      if (existsSync(clipAbs)) {
        await this.versions.keep(toRel(this.rootDir, clipAbs), await readFile(clipAbs), this.nowMs(), 'wav');
      }
      await writeFileAtomic(clipAbs, clip.wav);
      const saved = await this.commit(target, current, text, texts, after);
      return { dto: { ...saved.dto, audio, durationMs: clip.durationMs }, changed: true };
    });
  }

  /** Checks `text` as `rel`; throws SCRIPT_INVALID when it may not be saved. */
  private verdict(rel: string, text: string, texts: LibraryTexts): LibraryValidation {
    const before = this.validate(texts);
    const after = checkLibrary(withFile(texts, rel, text));
    const own = after.diagnostics.filter((d) => d.file === rel);
    const elsewhere = newErrorsElsewhere(rel, before, after);
    if (own.some((d) => d.severity === 'error') || elsewhere.length > 0)
      throw invalid(own.map(toDto), elsewhere.map(toDto));
    return after;
  }

  private async commit(
    target: ScriptPath,
    current: string | null,
    text: string,
    texts: LibraryTexts,
    after: LibraryValidation,
  ): Promise<SaveOutcome<CallScriptSavedDto>> {
    const changed = current !== text;
    let previousVersionId: string | null = null;
    if (changed) {
      if (current !== null) previousVersionId = await this.versions.keep(target.rel, current, this.nowMs());
      await writeFileAtomic(target.abs, text);
      const nextTexts = withFile(texts, target.rel, text);
      this.cached = { key: textsKey(nextTexts), validation: after };
    }
    const dto: CallScriptSavedDto = {
      path: target.rel,
      text,
      version: textVersion(text),
      ...this.describe(target, text, withFile(texts, target.rel, text), false),
      created: current === null,
      previousVersionId,
    };
    return { dto, changed };
  }

  /** Diagnostics, kind and graph of `text` as `target` among `texts`. */
  private describe(
    target: ScriptPath,
    text: string,
    texts: LibraryTexts,
    overlay: boolean,
  ): CallScriptCheckDto {
    const after = overlay ? checkLibrary(withFile(texts, target.rel, text)) : this.validate(texts);
    const elsewhere = overlay ? newErrorsElsewhere(target.rel, this.validate(texts), after) : [];
    const kind = kindOf(target.rel, text, after);
    const resolved = after.scenarios.find((s) => s.file === target.rel);
    const graph =
      kind === 'scenario'
        ? readDialogueGraph(text, {
            ...(resolved ? { vars: scenarioVars(resolved) } : {}),
            clipExists: (clip) => this.findClip(target.abs, clip) !== null,
          })
        : null;
    return {
      diagnostics: after.diagnostics.filter((d) => d.file === target.rel).map(toDto),
      elsewhere: elsewhere.map(toDto),
      kind,
      graph,
    };
  }

  /** The library check of exactly `texts`, reusing the last one when nothing changed. */
  private validate(texts: LibraryTexts): LibraryValidation {
    const key = textsKey(texts);
    if (this.cached?.key === key) return this.cached.validation;
    const validation = checkLibrary(texts);
    this.cached = { key, validation };
    return validation;
  }

  /** A clip as the call engine resolves it: beside the scenario file first, then under the root. */
  private findClip(scenarioAbs: string, clip: string): string | null {
    if (path.isAbsolute(clip)) return null;
    for (const base of [path.dirname(scenarioAbs), this.rootDir]) {
      const candidate = path.resolve(base, clip);
      if (isInside(this.rootDir, candidate) && existsSync(candidate)) return candidate;
    }
    return null;
  }

  private async readExisting(target: ScriptPath): Promise<string> {
    const text = await readIfExists(target.abs, target.rel);
    if (text === null)
      throw new AppError('SCRIPT_NOT_FOUND', 'no such file', { details: { path: target.rel } });
    return text;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function invalid(diagnostics: ScriptDiagnosticDto[], elsewhere: ScriptDiagnosticDto[]): AppError {
  const count = [...diagnostics, ...elsewhere].filter((d) => d.severity === 'error').length;
  return new AppError('SCRIPT_INVALID', 'call script has errors', {
    details: { count, diagnostics, elsewhere },
  });
}

function toDto(d: Diagnostic): ScriptDiagnosticDto {
  return {
    path: d.file,
    line: d.line,
    ...(d.column === undefined ? {} : { column: d.column }),
    code: d.code,
    severity: d.severity,
    message: d.message,
    hint: DIAGNOSTIC_CATALOGUE[d.code]?.hint,
  };
}

function kindOf(rel: string, text: string, validation: LibraryValidation): CallScriptKind {
  if (validation.scenarios.some((s) => s.file === rel)) return 'scenario';
  if (validation.templates.some((t) => t.file === rel)) return 'template';
  const data = readData(text);
  if (data === null) return 'unknown';
  // The same rule as the parser: scenario keys first, then `steps`, then the folder.
  if (['dialogue', 'customer', 'agent', 'category'].some((k) => k in data)) return 'scenario';
  if ('steps' in data || /(^|\/)templates\//.test(rel)) return 'template';
  return 'scenario';
}

function topLevelFields(text: string): Partial<Record<string, string>> {
  const data = readData(text) ?? {};
  const out: Partial<Record<string, string>> = {};
  for (const key of ['id', 'title', 'locale', 'direction', 'category'])
    if (typeof data[key] === 'string') out[key] = data[key];
  return out;
}

function readData(text: string): Record<string, unknown> | null {
  try {
    const doc = parseDocument(text, { uniqueKeys: false });
    if (doc.errors.length > 0) return null;
    const data: unknown = doc.toJS({ maxAliasCount: 200 });
    return typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function textsKey(texts: LibraryTexts): string {
  const hash = createHash('sha256');
  for (const [rel, text] of texts) hash.update(rel).update('\u0000').update(text).update('\u0001');
  return hash.digest('hex');
}

async function readIfExists(file: string, rel: string): Promise<string | null> {
  try {
    if (!(await stat(file)).isFile())
      throw new AppError('SCRIPT_PATH_INVALID', 'not a file', {
        details: { field: 'path', path: rel, reason: 'is not a file' },
      });
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
