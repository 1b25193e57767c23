// What a CLI command gets: where to print and where it runs. Commands return an exit
// code (0 ok, 1 failure, 2 usage) instead of calling process.exit, so tests can run them.
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
}

export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** A usage mistake: printed with the command's help, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
