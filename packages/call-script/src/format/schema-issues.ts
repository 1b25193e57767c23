// Turns zod issues into diagnostics a teacher can act on: each names the field
// (`agent.steps[1].match`) and points at the line of the offending key, or of the
// nearest enclosing key when the field is missing.
import type { z } from 'zod';
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.js';
import { type DataPath, type Locator, pathToString } from './yaml-source.js';

type Issue = z.core.$ZodIssue;

/** Converts every zod issue of one file into diagnostics (one per unknown key). */
export function issuesToDiagnostics(
  issues: readonly Issue[],
  data: unknown,
  file: string,
  locate: Locator,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const field = pathToString(path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push(
          diagnostic(
            file,
            locate([...path, key]),
            'unknown-field',
            `unknown field "${pathToString([...path, key])}"`,
          ),
        );
      }
      continue;
    }
    const value = valueAt(data, path);
    if (issue.code === 'invalid_type' && value.missing) {
      out.push(diagnostic(file, locate(path), 'missing-field', `missing required field "${field}"`));
      continue;
    }
    if (path.length === 1 && path[0] === 'formatVersion') {
      out.push(
        diagnostic(
          file,
          locate(path),
          'unsupported-format-version',
          `formatVersion must be 1 (found ${describe(value.value)})`,
        ),
      );
      continue;
    }
    out.push(describeIssue(issue, field, value.value, file, locate(path)));
  }
  return out;
}

function describeIssue(
  issue: Issue,
  field: string,
  value: unknown,
  file: string,
  position: { line: number; column: number },
): Diagnostic {
  switch (issue.code) {
    case 'invalid_type':
      return diagnostic(
        file,
        position,
        'invalid-type',
        `field "${field}" should be ${kindName(issue.expected)}, found ${describe(value)}`,
      );
    case 'invalid_union':
      return diagnostic(
        file,
        position,
        'invalid-type',
        `field "${field}" should be text, a number or true/false`,
      );
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v)).join(', ');
      const rule = issue.values.length === 1 ? `must be ${allowed}` : `must be one of: ${allowed}`;
      return diagnostic(
        file,
        position,
        'invalid-value',
        `field "${field}" ${rule} (found ${describe(value)})`,
      );
    }
    case 'too_small':
      return diagnostic(file, position, 'invalid-value', `field "${field}" ${tooSmall(issue)}`);
    case 'too_big':
      return diagnostic(file, position, 'invalid-value', `field "${field}" ${tooBig(issue)}`);
    case 'invalid_key': {
      const reason = issue.issues[0]?.message ?? 'is not a valid name';
      return diagnostic(file, position, 'invalid-value', `name "${field}" ${reason}`);
    }
    case 'custom':
      return diagnostic(file, position, 'invalid-value', `field "${field}": ${issue.message}`);
    default:
      return diagnostic(file, position, 'invalid-value', `field "${field}" ${issue.message}`);
  }
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const min = String(issue.minimum);
  if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${min} item(s)`;
  if (issue.origin === 'string')
    return min === '1' ? 'must not be empty' : `must have at least ${min} characters`;
  return `must be ${issue.inclusive === false ? '>' : '≥'} ${min}`;
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const max = String(issue.maximum);
  if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${max} item(s)`;
  if (issue.origin === 'string') return `must have at most ${max} characters`;
  return `must be ${issue.inclusive === false ? '<' : '≤'} ${max}`;
}

function kindName(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
    case 'int':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
    case 'tuple':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping (key: value lines)';
    default:
      return expected;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}

function valueAt(data: unknown, path: DataPath): { missing: boolean; value: unknown } {
  let node: unknown = data;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return { missing: true, value: undefined };
    const record = node as Record<string | number, unknown>;
    if (!(segment in record)) return { missing: true, value: undefined };
    node = record[segment];
  }
  return { missing: node === undefined, value: node };
}
