// Diagnostics reported while parsing and validating call-script YAML files.
// Every problem has a stable string `code` from DIAGNOSTIC_CATALOGUE, a 1-based line
// pointing at the offending key, and a message that names the field involved.

/** How bad a problem is: an error makes the file unusable, a warning does not. */
export type DiagnosticSeverity = 'error' | 'warning';

/** One problem in one file. */
export interface Diagnostic {
  /** The file the problem is in, exactly as the caller named it. */
  readonly file: string;
  /** 1-based line of the offending key (or of the nearest enclosing key that exists). */
  readonly line: number;
  /** 1-based column, when known. */
  readonly column?: number;
  readonly code: DiagnosticCode;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
}

interface CatalogueEntry {
  readonly severity: DiagnosticSeverity;
  readonly description: string;
  readonly hint: string;
}

/** Every diagnostic code, its default severity, what it means and how to fix it. */
export const DIAGNOSTIC_CATALOGUE = {
  'yaml-syntax': {
    severity: 'error',
    description: 'The file is not valid YAML.',
    hint: 'Check indentation (spaces, never tabs), quotes and brackets around the reported line.',
  },
  'yaml-warning': {
    severity: 'warning',
    description: 'The YAML parser accepted the file but found something suspicious.',
    hint: 'Read the message; it usually points at an unusual tag or directive.',
  },
  'empty-file': {
    severity: 'error',
    description: 'The file holds no YAML document.',
    hint: 'Write a scenario or a template, starting with `formatVersion: 1`.',
  },
  'unreadable-file': {
    severity: 'error',
    description: 'The file or folder could not be read.',
    hint: 'Check the path and its permissions.',
  },
  'unsupported-format-version': {
    severity: 'error',
    description: 'Only formatVersion 1 is understood by this version of callsim.',
    hint: 'Write `formatVersion: 1` at the top of the file.',
  },
  'missing-field': {
    severity: 'error',
    description: 'A required field is missing.',
    hint: 'Add the named field; see call-script-format.md for its shape.',
  },
  'unknown-field': {
    severity: 'error',
    description: 'A field that the format does not define (often a typo).',
    hint: 'Check the spelling against call-script-format.md, or remove the field.',
  },
  'invalid-type': {
    severity: 'error',
    description: 'A field holds the wrong kind of value (text, number, list, mapping).',
    hint: 'Write the kind of value the message asks for.',
  },
  'invalid-value': {
    severity: 'error',
    description: 'A field holds a value outside the allowed set or range.',
    hint: 'Use one of the values listed in the message.',
  },
  'duplicate-key': {
    severity: 'error',
    description: 'The same key appears twice in one mapping; only the last would count.',
    hint: 'Remove or rename one of them.',
  },
  'duplicate-turn-id': {
    severity: 'error',
    description: 'Two dialogue turns share an id.',
    hint: 'Give each turn under `dialogue.turns` its own name.',
  },
  'duplicate-step-id': {
    severity: 'error',
    description: 'Two script steps in one file share an id.',
    hint: 'Give each step its own id; to override a template step, write it once with the same id.',
  },
  'duplicate-scenario-id': {
    severity: 'error',
    description: 'Two scenario files in the library share an id.',
    hint: 'Scenario ids must be unique across the library; rename one.',
  },
  'duplicate-template-id': {
    severity: 'error',
    description: 'Two template files in the library share an id.',
    hint: 'Template ids must be unique; rename one.',
  },
  'unknown-template': {
    severity: 'error',
    description: '`agent.template` names a template that was not found.',
    hint: 'Templates are looked up by id in the nearest `templates/` folder, then in call-scripts/templates/.',
  },
  'template-locale-mismatch': {
    severity: 'error',
    description: 'The scenario and its template are written for different locales.',
    hint: 'Use a template with the same `locale` as the scenario.',
  },
  'template-direction-mismatch': {
    severity: 'warning',
    description: 'An inbound scenario uses an outbound template, or the other way round.',
    hint: 'Check that the template fits the call direction.',
  },
  'category-direction-mismatch': {
    severity: 'warning',
    description: 'inquiry/complaint calls are inbound; followup/promotion/care calls are outbound.',
    hint: 'Check `direction` and `category`.',
  },
  'unknown-start': {
    severity: 'error',
    description: '`dialogue.start` names a turn that does not exist.',
    hint: 'Name one of the turns under `dialogue.turns`.',
  },
  'unknown-goto': {
    severity: 'error',
    description: 'A branch jumps to a turn that does not exist.',
    hint: 'Fix the turn name in `goto`.',
  },
  'unreachable-turn': {
    severity: 'error',
    description: 'No path from the start turn leads to this turn.',
    hint: 'Add a branch that reaches it, or delete it.',
  },
  'no-path-to-end': {
    severity: 'error',
    description: 'From this turn the call can never reach a turn with `end: true`.',
    hint: 'Add `end: true` to a final turn and a branch that leads there.',
  },
  'no-default-branch': {
    severity: 'error',
    description: 'A `next` list has no branch without `when`, so the customer may have nothing to say.',
    hint: 'Add a last branch with only `goto:` as the default.',
  },
  'unreachable-branch': {
    severity: 'warning',
    description: 'A branch placed after the default branch is never taken.',
    hint: 'Move the default branch (the one without `when`) to the end of the list.',
  },
  'end-turn-has-next': {
    severity: 'warning',
    description: 'A turn with `end: true` also has `next`; the customer hangs up, so `next` is ignored.',
    hint: 'Remove `next` or `end: true`.',
  },
  'unknown-step': {
    severity: 'error',
    description:
      'A condition names a script step that is defined neither in the scenario nor in its template.',
    hint: 'Use the id of a step under `agent.steps` or in the template.',
  },
  'missing-match': {
    severity: 'error',
    description: 'A script step has no `match` rule, so it can never be found.',
    hint: 'Add `match: { any: [...] }`, `match: { all: [[...], [...]] }` or `match: { pattern: ... }`.',
  },
  'bad-pattern': {
    severity: 'error',
    description: 'A `pattern` is not a valid regular expression.',
    hint: 'Fix the regular expression; it runs over normalized text (no spaces or punctuation, lower case).',
  },
  'unknown-variable': {
    severity: 'warning',
    description: 'A `{variable}` in a line cannot be filled in and will be shown as written.',
    hint: 'Use {company.name}, {agent.id}, {agent.name}, {customer.name} or {customer.facts.<key>} for a defined fact.',
  },
  'unknown-followup-scenario': {
    severity: 'error',
    description: '`outcomes.followUp.scenario` names a scenario that is not in the library.',
    hint: 'Write the follow-up scenario or fix its id.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Stable string code of a diagnostic. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CATALOGUE;

/** Builds a diagnostic with the code's default severity (or an explicit one). */
export function diagnostic(
  file: string,
  position: { readonly line: number; readonly column?: number },
  code: DiagnosticCode,
  message: string,
  severity: DiagnosticSeverity = DIAGNOSTIC_CATALOGUE[code].severity,
): Diagnostic {
  const base = { file, line: position.line, code, severity, message };
  return position.column === undefined ? base : { ...base, column: position.column };
}

/** True when any diagnostic in the list is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
