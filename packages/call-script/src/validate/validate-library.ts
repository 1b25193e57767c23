// Validates a set of call-script files as one library: parses each, finds each scenario's
// template through an injected lookup, merges, and runs every check (graph, steps,
// patterns, variables, duplicate ids, follow-ups). Pure: text in, diagnostics out.
import { type Diagnostic, diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import {
  parseCallScript,
  type ScenarioDocument,
  type TemplateDocument,
} from '../format/parse-call-script.js';
import type { Template } from '../format/types.js';
import { isKnownVariable } from '../resolve/render-text.js';
import { type ResolvedScenario, resolveScenario, scenarioVars } from '../resolve/resolve-scenario.js';
import { checkDialogue } from './check-dialogue.js';
import { checkScenarioDocument, checkTemplateDocument } from './check-document.js';

/** A file handed to the validator. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface LibraryOptions {
  /**
   * Finds the file of template `templateId` for the scenario at `fromPath`. Default:
   * the template with that id among the given files.
   */
  readonly findTemplate?: (templateId: string, fromPath: string) => SourceFile | undefined;
  /** Whether a scenario id that is not among the files exists elsewhere (follow-ups). */
  readonly scenarioExists?: (scenarioId: string) => boolean;
}

/** A template that passed every check, with the file it came from. */
export interface LibraryTemplate {
  readonly file: string;
  readonly template: Template;
}

export interface LibraryValidation {
  /** Scenarios whose files (and templates) have no errors, resolved. */
  readonly scenarios: readonly ResolvedScenario[];
  /** Templates without errors (including ones pulled in by `findTemplate`). */
  readonly templates: readonly LibraryTemplate[];
  /** Every problem, sorted by file (in input order) then line. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every file checked: the given ones, then templates found through `findTemplate`. */
  readonly files: readonly string[];
}

/** Validates `files` together (duplicate ids and follow-ups are checked across them). */
export function validateLibrary(
  files: readonly SourceFile[],
  options: LibraryOptions = {},
): LibraryValidation {
  const diagnostics: Diagnostic[] = [];
  const fileOrder: string[] = [];
  const parsedByPath = new Map<string, TemplateDocument | null>();
  const scenarioDocs: ScenarioDocument[] = [];
  const templateDocs: TemplateDocument[] = [];

  const parseOnce = (source: SourceFile): TemplateDocument | ScenarioDocument | null => {
    fileOrder.push(source.path);
    const parsed = parseCallScript(source.text, source.path);
    diagnostics.push(...parsed.diagnostics);
    return parsed.document;
  };

  for (const source of files) {
    if (parsedByPath.has(source.path) || fileOrder.includes(source.path)) continue;
    const doc = parseOnce(source);
    if (doc?.kind === 'scenario') scenarioDocs.push(doc);
    if (doc?.kind === 'template') templateDocs.push(doc);
    parsedByPath.set(source.path, doc?.kind === 'template' ? doc : null);
  }
  // Templates are looked up folder by folder, so a nearer folder may reuse (shadow) an id;
  // only two templates with one id in the same folder are ambiguous.
  reportDuplicateIds(
    templateDocs.map((d) => ({ id: `${folderOf(d.file)}\u0000${d.template.id}`, doc: d })),
    'duplicate-template-id',
    'template',
    diagnostics,
  );
  reportDuplicateIds(
    scenarioDocs.map((d) => ({ id: d.scenario.id, doc: d })),
    'duplicate-scenario-id',
    'scenario',
    diagnostics,
  );

  const findTemplate = (id: string, fromPath: string): TemplateDocument | 'unreadable' | undefined => {
    if (options.findTemplate === undefined) return templateDocs.find((d) => d.template.id === id);
    const source = options.findTemplate(id, fromPath);
    if (source === undefined) return undefined;
    if (!parsedByPath.has(source.path)) {
      const doc = parseOnce(source);
      const template = doc?.kind === 'template' ? doc : null;
      parsedByPath.set(source.path, template);
      if (template !== null) templateDocs.push(template);
    }
    const found = parsedByPath.get(source.path);
    return found === null || found === undefined
      ? 'unreadable'
      : found.template.id === id
        ? found
        : undefined;
  };

  const scenarioIds = new Set(scenarioDocs.map((d) => d.scenario.id));
  const scenarioDiagnostics = new Map<ScenarioDocument, Diagnostic[]>();
  const resolved = new Map<ScenarioDocument, ResolvedScenario>();
  const usedTemplate = new Map<ScenarioDocument, TemplateDocument | null>();
  for (const doc of scenarioDocs) {
    const { scenario, file, locate } = doc;
    const own: Diagnostic[] = [];
    let template: TemplateDocument | null = null;
    const templateId = scenario.agent?.template;
    if (templateId !== undefined) {
      const found = findTemplate(templateId, file);
      const at = locate(['agent', 'template']);
      if (found === undefined) {
        own.push(diagnostic(file, at, 'unknown-template', `template "${templateId}" was not found`));
      } else if (found === 'unreadable') {
        own.push(
          diagnostic(
            file,
            at,
            'unknown-template',
            `template "${templateId}" has errors and cannot be used (see its file)`,
          ),
        );
      } else {
        template = found;
        if (found.template.locale !== scenario.locale) {
          own.push(
            diagnostic(
              file,
              at,
              'template-locale-mismatch',
              `template "${templateId}" is ${found.template.locale} but this scenario is ${scenario.locale}`,
            ),
          );
        }
        if (found.template.direction !== scenario.direction) {
          own.push(
            diagnostic(
              file,
              at,
              'template-direction-mismatch',
              `template "${templateId}" is ${found.template.direction} but this scenario is ${scenario.direction}`,
            ),
          );
        }
      }
    }
    const merged = resolveScenario(scenario, template?.template ?? null, file);
    const vars = scenarioVars(merged);
    const inheritedIds = new Set(template?.template.steps.map((s) => s.id) ?? []);
    own.push(
      ...checkScenarioDocument(scenario, inheritedIds, file, locate, (name) => isKnownVariable(name, vars)),
    );
    const stepIds = new Set(merged.steps.map((s) => s.id));
    own.push(...checkDialogue(scenario.dialogue, stepIds, file, locate));
    const followUp = scenario.outcomes?.followUp;
    followUp?.when?.step.forEach((stepId, k) => {
      if (!stepIds.has(stepId)) {
        own.push(
          diagnostic(
            file,
            locate(['outcomes', 'followUp', 'when', 'step', k]),
            'unknown-step',
            `outcomes.followUp waits for step "${stepId}", which is not a step of this script`,
          ),
        );
      }
    });
    if (
      followUp !== undefined &&
      !scenarioIds.has(followUp.scenario) &&
      !(options.scenarioExists?.(followUp.scenario) ?? false)
    ) {
      own.push(
        diagnostic(
          file,
          locate(['outcomes', 'followUp', 'scenario']),
          'unknown-followup-scenario',
          `follow-up scenario "${followUp.scenario}" is not in the library`,
        ),
      );
    }
    diagnostics.push(...own);
    scenarioDiagnostics.set(doc, own);
    resolved.set(doc, merged);
    usedTemplate.set(doc, template);
  }

  for (const doc of templateDocs) {
    const vars = { company: doc.template.company ?? null };
    const known = (name: string) => name.startsWith('customer.') || isKnownVariable(name, vars);
    diagnostics.push(...checkTemplateDocument(doc.template, doc.file, doc.locate, known));
  }

  const fileHasErrors = (file: string) => hasErrors(diagnostics.filter((d) => d.file === file));
  const scenarios = scenarioDocs
    .filter((doc) => {
      const template = usedTemplate.get(doc);
      return (
        !fileHasErrors(doc.file) &&
        (template === null || template === undefined || !fileHasErrors(template.file))
      );
    })
    .map((doc) => resolved.get(doc) as ResolvedScenario);
  const templates = templateDocs
    .filter((d) => !fileHasErrors(d.file))
    .map((d) => ({ file: d.file, template: d.template }));
  return { scenarios, templates, diagnostics: sortDiagnostics(diagnostics, fileOrder), files: fileOrder };
}

function reportDuplicateIds(
  entries: readonly { id: string; doc: ScenarioDocument | TemplateDocument }[],
  code: 'duplicate-template-id' | 'duplicate-scenario-id',
  noun: string,
  out: Diagnostic[],
): void {
  const first = new Map<string, string>();
  for (const { id, doc } of entries) {
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, doc.file);
      continue;
    }
    const shownId = id.slice(id.indexOf('\u0000') + 1);
    out.push(
      diagnostic(doc.file, doc.locate(['id']), code, `${noun} id "${shownId}" is already used by ${earlier}`),
    );
  }
}

function sortDiagnostics(diagnostics: readonly Diagnostic[], fileOrder: readonly string[]): Diagnostic[] {
  const rank = new Map(fileOrder.map((f, i) => [f, i]));
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (rank.get(a.d.file) ?? 0) - (rank.get(b.d.file) ?? 0) || a.d.line - b.d.line || a.i - b.i)
    .map(({ d }) => d);
}

function folderOf(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut < 0 ? '' : file.slice(0, cut);
}
