// Per-file checks that need no other file: duplicate step ids, steps without a match
// rule, invalid regular expressions, unfillable `{variables}`, and category/direction
// consistency. Each diagnostic points at the offending key in that file.
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.js';
import type { ForbiddenRule, Scenario, StepSpec, Template } from '../format/types.js';
import { type DataPath, type Locator, pathToString as pathLabel } from '../format/yaml-source.js';
import { compilePattern } from '../matcher/match-step.js';
import { listVariables } from '../resolve/render-text.js';

/** Decides whether a `{variable}` can be filled in. */
export type VariableCheck = (name: string) => boolean;

const INBOUND_CATEGORIES = new Set(['inquiry', 'complaint']);

/** Checks of a template file. */
export function checkTemplateDocument(
  template: Template,
  file: string,
  locate: Locator,
  known: VariableCheck,
): Diagnostic[] {
  return [
    ...checkSteps(template.steps, ['steps'], new Set(), file, locate, known),
    ...checkForbidden(template.forbidden ?? [], ['forbidden'], file, locate),
  ];
}

/** Checks of a scenario file; `inheritedIds` are its template's step ids. */
export function checkScenarioDocument(
  scenario: Scenario,
  inheritedIds: ReadonlySet<string>,
  file: string,
  locate: Locator,
  known: VariableCheck,
): Diagnostic[] {
  const out = [
    ...checkSteps(scenario.agent?.steps ?? [], ['agent', 'steps'], inheritedIds, file, locate, known),
    ...checkForbidden(scenario.agent?.forbidden ?? [], ['agent', 'forbidden'], file, locate),
  ];
  const inbound = INBOUND_CATEGORIES.has(scenario.category);
  if (inbound !== (scenario.direction === 'inbound')) {
    out.push(
      diagnostic(
        file,
        locate(['category']),
        'category-direction-mismatch',
        `category "${scenario.category}" does not fit direction "${scenario.direction}"`,
      ),
    );
  }
  const texts: [DataPath, string | undefined][] = [
    [['title'], scenario.title],
    [['summary'], scenario.summary],
    [['dialogue', 'onSilence'], scenario.dialogue.onSilence],
    [['dialogue', 'silenceHangup', 'say'], scenario.dialogue.silenceHangup?.say],
  ];
  for (const [id, turn] of Object.entries(scenario.dialogue.turns)) {
    texts.push(
      [['dialogue', 'turns', id, 'say'], turn.say],
      [['dialogue', 'turns', id, 'onSilence'], turn.onSilence],
    );
    out.push(...checkForbidden(turn.forbidden ?? [], ['dialogue', 'turns', id, 'forbidden'], file, locate));
    turn.next?.forEach((branch, i) => {
      branch.when?.says?.forEach((phrase, k) => {
        texts.push([['dialogue', 'turns', id, 'next', i, 'when', 'says', k], phrase]);
      });
    });
  }
  for (const [path, text] of texts) out.push(...checkVariables(text, path, file, locate, known));
  return out;
}

function checkSteps(
  steps: readonly StepSpec[],
  base: DataPath,
  inheritedIds: ReadonlySet<string>,
  file: string,
  locate: Locator,
  known: VariableCheck,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    const path = [...base, i];
    if (seen.has(step.id)) {
      out.push(
        diagnostic(
          file,
          locate([...path, 'id']),
          'duplicate-step-id',
          `step id "${step.id}" is used twice in ${base.join('.')}`,
        ),
      );
    }
    seen.add(step.id);
    if (step.match === undefined && !inheritedIds.has(step.id)) {
      out.push(
        diagnostic(
          file,
          locate(path),
          'missing-match',
          `step "${step.id}" has no match rule, so it can never be found`,
        ),
      );
    }
    const match = step.match;
    if (match?.pattern !== undefined && compilePattern(match.pattern) === null) {
      out.push(
        badPattern(
          file,
          locate([...path, 'match', 'pattern']),
          `${pathLabel(path)}.match.pattern`,
          match.pattern,
        ),
      );
    }
    const phrases: [DataPath, string][] = [
      ...(step.examples ?? []).map((p, k): [DataPath, string] => [[...path, 'examples', k], p]),
      ...(match?.any ?? []).map((p, k): [DataPath, string] => [[...path, 'match', 'any', k], p]),
      ...(match?.all ?? []).flatMap((group, g) =>
        group.map((p, k): [DataPath, string] => [[...path, 'match', 'all', g, k], p]),
      ),
    ];
    for (const [p, text] of phrases) out.push(...checkVariables(text, p, file, locate, known));
  });
  return out;
}

function checkForbidden(
  rules: readonly ForbiddenRule[],
  base: DataPath,
  file: string,
  locate: Locator,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  rules.forEach((rule, i) => {
    if (rule.pattern !== undefined && compilePattern(rule.pattern) === null) {
      out.push(
        badPattern(file, locate([...base, i, 'pattern']), `${pathLabel([...base, i])}.pattern`, rule.pattern),
      );
    }
  });
  return out;
}

function checkVariables(
  text: string | undefined,
  path: DataPath,
  file: string,
  locate: Locator,
  known: VariableCheck,
): Diagnostic[] {
  if (text === undefined) return [];
  return listVariables(text)
    .filter((name) => !known(name))
    .map((name) =>
      diagnostic(
        file,
        locate(path),
        'unknown-variable',
        `{${name}} in ${pathLabel(path)} cannot be filled in and will be shown as written`,
      ),
    );
}

function badPattern(
  file: string,
  position: { line: number; column: number },
  field: string,
  pattern: string,
): Diagnostic {
  let reason = 'invalid regular expression';
  try {
    new RegExp(pattern, 'iu');
  } catch (error) {
    if (error instanceof Error) reason = error.message;
  }
  return diagnostic(file, position, 'bad-pattern', `${field}: ${reason}`);
}
