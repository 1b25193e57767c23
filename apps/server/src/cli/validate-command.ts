// `callsim validate [paths…] [--json]`: checks call-script YAML files and folders and
// prints one `file:line: severity: message [code]` per problem (paths relative to cwd).
// Exit codes: 0 all valid (warnings allowed), 1 any error, 2 bad command line.
import path from 'node:path';
import type { Diagnostic } from '@callsim/call-script';
import { loadCallScripts } from '../call-scripts/load-call-scripts.js';

export interface CommandIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly cwd: string;
}

/** One problem as printed by `--json`. */
export interface ValidateProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number | null;
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** The `--json` document. */
export interface ValidateReport {
  readonly ok: boolean;
  /** Every file checked, relative to cwd. */
  readonly files: readonly string[];
  readonly problems: readonly ValidateProblem[];
}

const USAGE =
  'usage: callsim validate [paths…] [--json]\n  paths: call-script files or folders (default: call-scripts/)';

/** Runs `callsim validate` with `args` (the words after `validate`); resolves to the exit code. */
export async function runValidateCommand(args: string[], io: CommandIo): Promise<number> {
  let json = false;
  const paths: string[] = [];
  for (const arg of args) {
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') {
      io.out(USAGE);
      return 0;
    } else if (arg.startsWith('-')) {
      io.err(`unknown option ${arg}\n${USAGE}`);
      return 2;
    } else paths.push(arg);
  }
  const targets = paths.length > 0 ? paths : ['call-scripts'];
  const library = await loadCallScripts(
    targets.map((p) => path.resolve(io.cwd, p)),
    { projectDir: io.cwd },
  );
  const relative = (file: string) => path.relative(io.cwd, file) || file;
  const problems = library.diagnostics.map((d) => toProblem(d, relative));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const ok = errors === 0;
  if (json) {
    const report: ValidateReport = { ok, files: library.files.map(relative), problems };
    io.out(JSON.stringify(report, null, 2));
  } else {
    for (const p of problems) io.out(`${p.file}:${p.line}: ${p.severity}: ${p.message} [${p.code}]`);
    const warnings = problems.length - errors;
    io.err(`checked ${library.files.length} file(s): ${errors} error(s), ${warnings} warning(s)`);
  }
  return ok ? 0 : 1;
}

function toProblem(d: Diagnostic, relative: (file: string) => string): ValidateProblem {
  return {
    file: relative(d.file),
    line: d.line,
    column: d.column ?? null,
    code: d.code,
    severity: d.severity,
    message: d.message,
  };
}
