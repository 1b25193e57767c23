// Runs one external tool (sox, espeak-ng, pocketsphinx_batch) with stdin bytes and collects stdout.
// Guarantees: never uses a shell; a missing binary, a non-zero exit and a timeout each become a
// SpeechError with a stable code; the child is killed on timeout or abort.
import { spawn } from 'node:child_process';
import { SpeechError } from '../speech-error.js';

/** Options of runTool. */
export interface RunToolOptions {
  /** Bytes written to the tool's stdin, then stdin is closed. */
  stdin?: Uint8Array | string;
  /** Kill the tool after this long, in ms. Default 30 000. */
  timeoutMs?: number;
  /** Working directory. */
  cwd?: string;
  /** Name reported in errors (the engine using the tool). */
  engine?: string;
  /** Kills the tool when aborted; the run then rejects with SPEECH_CLOSED. */
  signal?: AbortSignal;
}

/** What a tool printed. */
export interface ToolOutput {
  stdout: Buffer;
  stderr: string;
}

const STDERR_LIMIT_CHARS = 64_000;

/** Runs `command args…`; resolves on exit code 0, rejects with a SpeechError otherwise. */
export function runTool(
  command: string,
  args: readonly string[],
  options: RunToolOptions = {},
): Promise<ToolOutput> {
  const engine = options.engine ?? command;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      signal: options.signal,
      killSignal: 'SIGKILL',
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);

    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_LIMIT_CHARS) stderr += chunk.toString('utf8');
    });
    // EPIPE when the tool exits before reading all stdin: the exit code tells the story.
    child.stdin.on('error', () => {});
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.name === 'AbortError') {
        reject(
          new SpeechError('SPEECH_CLOSED', `${command} was stopped`, { details: { engine, tool: command } }),
        );
      } else if (error.code === 'ENOENT') {
        reject(
          new SpeechError('SPEECH_ENGINE_UNAVAILABLE', `${command} is not installed (not found on PATH)`, {
            details: { engine, tool: command },
            cause: error,
          }),
        );
      } else {
        reject(
          new SpeechError('SPEECH_ENGINE_FAILED', `${command} could not start: ${error.message}`, {
            details: { engine, tool: command },
            cause: error,
          }),
        );
      }
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(
          new SpeechError('SPEECH_ENGINE_TIMEOUT', `${command} did not finish within ${timeoutMs} ms`, {
            details: { engine, tool: command, timeoutMs },
          }),
        );
        return;
      }
      if (exitCode !== 0) {
        reject(
          new SpeechError(
            'SPEECH_ENGINE_FAILED',
            `${command} exited with ${exitCode ?? signal}: ${lastLines(stderr)}`,
            {
              details: { engine, tool: command, exitCode: exitCode ?? -1, stderr: lastLines(stderr) },
            },
          ),
        );
        return;
      }
      resolve({ stdout: Buffer.concat(chunks), stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

function lastLines(text: string, count = 3): string {
  return text.trim().split('\n').slice(-count).join(' | ').slice(0, 500);
}
