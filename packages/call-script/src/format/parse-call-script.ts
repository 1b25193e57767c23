// Entry point from text to a typed document: YAML with line numbers, then the zod schema
// of a scenario or a template. Never throws, whatever the input; semantic checks that
// need other files (templates, gotos, ids) live in validate/.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { scenarioSchema } from './scenario-schema.js';
import { issuesToDiagnostics } from './schema-issues.js';
import { templateSchema } from './template-schema.js';
import type { Scenario, Template } from './types.js';
import { type Locator, readYaml } from './yaml-source.js';

/** A scenario file that passed the schema. `locate` maps data paths back to lines. */
export interface ScenarioDocument {
  readonly kind: 'scenario';
  readonly file: string;
  readonly scenario: Scenario;
  readonly locate: Locator;
}

/** A template file that passed the schema. */
export interface TemplateDocument {
  readonly kind: 'template';
  readonly file: string;
  readonly template: Template;
  readonly locate: Locator;
}

export type CallScriptDocument = ScenarioDocument | TemplateDocument;

/** Result of {@link parseCallScript}: a document when the file is usable, plus its diagnostics. */
export interface ParseResult {
  /** `null` when the file has errors (see diagnostics). */
  readonly document: CallScriptDocument | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Which schema a file is checked against: `kind` decides it when the file says nothing. */
export type DocumentKind = 'scenario' | 'template';

const SCENARIO_KEYS = ['dialogue', 'customer', 'agent', 'category'];

/**
 * Parses one call-script file. Templates are recognized by a top-level `steps` list
 * (and no scenario-only keys) or by living in a `templates/` folder; anything else is
 * checked as a scenario. Diagnostics name `file` exactly as given.
 */
export function parseCallScript(text: string, file: string): ParseResult {
  const source = readYaml(text, file);
  if (source.data === undefined) return { document: null, diagnostics: source.diagnostics };
  const data = source.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const found = Array.isArray(data) ? 'a list' : 'a single value';
    return {
      document: null,
      diagnostics: [
        ...source.diagnostics,
        diagnostic(
          file,
          source.locate([]),
          'invalid-type',
          `the file should be a mapping of fields (formatVersion, id, …), found ${found}`,
        ),
      ],
    };
  }
  const kind = detectKind(data as Record<string, unknown>, file);
  if (kind === 'template') {
    const parsed = templateSchema.safeParse(data);
    if (!parsed.success) {
      return {
        document: null,
        diagnostics: [
          ...source.diagnostics,
          ...issuesToDiagnostics(parsed.error.issues, data, file, source.locate),
        ],
      };
    }
    return {
      document: { kind, file, template: parsed.data, locate: source.locate },
      diagnostics: source.diagnostics,
    };
  }
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) {
    return {
      document: null,
      diagnostics: [
        ...source.diagnostics,
        ...issuesToDiagnostics(parsed.error.issues, data, file, source.locate),
      ],
    };
  }
  return {
    document: { kind, file, scenario: parsed.data, locate: source.locate },
    diagnostics: source.diagnostics,
  };
}

function detectKind(data: Record<string, unknown>, file: string): DocumentKind {
  if (SCENARIO_KEYS.some((key) => key in data)) return 'scenario';
  if ('steps' in data) return 'template';
  return /(^|[\\/])templates[\\/]/.test(file) ? 'template' : 'scenario';
}
