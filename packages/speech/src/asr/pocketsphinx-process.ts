// One long-lived `pocketsphinx_batch` process that decodes turns as they come: its control
// file is a FIFO we write one utterance id per line to, and its hypothesis file is a FIFO we
// read, so the ~0.6 s model load is paid once instead of per turn.
// Guarantees: every submitted turn settles (text, SPEECH_ENGINE_FAILED when the process dies,
// or SPEECH_ENGINE_TIMEOUT); audio files are deleted once decoded; close() kills the process.
//
//   idle ──submit──▶ starting/running ──exit──▶ dead ──submit──▶ starting (respawn)
//                          └────────────close()────────────▶ closed (submit throws)
import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { pcmToBytes } from '../pcm-format.js';
import { SpeechError } from '../speech-error.js';

/** How to start the decoder. */
export interface PocketsphinxProcessOptions {
  batchPath: string;
  /** Model arguments: -hmm, -lm, -dict and tuning flags. */
  modelArgs: readonly string[];
  /** Reject a turn not decoded within this long after submission, in ms. */
  timeoutMs: number;
}

interface Pending {
  resolve: (text: string) => void;
  reject: (error: SpeechError) => void;
  timer: NodeJS.Timeout;
}

const STDERR_TAIL_LINES = 8;
const execFileAsync = promisify(execFile);

/** A persistent decoder; turns are decoded one after another in submission order. */
export class PocketsphinxProcess {
  private child: ChildProcessWithoutNullStreams | undefined;
  /** The start in progress or done; concurrent decodes share it. */
  private started: Promise<{ child: ChildProcessWithoutNullStreams; dir: string }> | undefined;
  private generation = 0;
  /** Our descriptor on the control FIFO (opened read-write so opening never blocks). */
  private controlFd: number | undefined;
  private hypotheses: Socket | undefined;
  private workDir: Promise<string> | undefined;
  private readonly pending = new Map<string, Pending>();
  private stderrTail: string[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: PocketsphinxProcessOptions) {}

  /** Turns submitted and not yet settled. */
  get queueLength(): number {
    return this.pending.size;
  }

  /** Starts the process now (model load) so the first turn is not slower than the rest. */
  async warmUp(): Promise<void> {
    await this.ensureStarted();
  }

  /** Decodes 16 kHz mono s16 `samples`; resolves with the hypothesis text ('' for silence). */
  async decode(samples: Int16Array): Promise<string> {
    if (this.closed)
      throw new SpeechError('SPEECH_CLOSED', 'pocketsphinx used after close()', {
        details: { engine: 'pocketsphinx' },
      });
    const { dir } = await this.ensureStarted();
    const id = `turn${++this.nextId}`;
    const file = join(dir, `${id}.raw`);
    await writeFile(file, pcmToBytes(samples));
    const text = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new SpeechError(
            'SPEECH_ENGINE_TIMEOUT',
            `pocketsphinx did not decode a turn within ${this.options.timeoutMs} ms`,
            {
              details: { engine: 'pocketsphinx', timeoutMs: this.options.timeoutMs },
            },
          ),
        );
      }, this.options.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
    writeSync(this.controlFd!, `${id}\n`);
    try {
      return await text;
    } finally {
      await rm(file, { force: true });
    }
  }

  /** Kills the process and removes its work directory. */
  async close(): Promise<void> {
    this.closed = true;
    this.failAll('pocketsphinx was closed');
    this.child?.kill('SIGKILL');
    this.child = undefined;
    this.started = undefined;
    this.closeControl();
    const dir = await this.workDir?.catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  }

  private ensureStarted(): Promise<{ child: ChildProcessWithoutNullStreams; dir: string }> {
    this.started ??= this.start().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  private async start(): Promise<{ child: ChildProcessWithoutNullStreams; dir: string }> {
    this.workDir ??= mkdtemp(join(tmpdir(), 'callsim-pocketsphinx-'));
    const dir = await this.workDir;
    const generation = ++this.generation;
    // Node's stdio pipes are sockets, which pocketsphinx cannot fopen() as /dev/stdin or
    // /dev/stdout; named pipes opened read-write (never blocks) and non-blocking work.
    const control = join(dir, `control-${generation}.fifo`);
    const hyp = join(dir, `hyp-${generation}.fifo`);
    await execFileAsync('mkfifo', [control, hyp]);
    this.closeControl();
    this.controlFd = openSync(control, 'r+');
    const hypotheses = new Socket({
      fd: openSync(hyp, constants.O_RDWR | constants.O_NONBLOCK),
      readable: true,
      writable: false,
    });
    hypotheses.unref();
    this.hypotheses = hypotheses;
    createInterface({ input: hypotheses }).on('line', (line) => this.onHypothesis(line));
    const args = ['-adcin', 'yes', '-adchdr', '0', '-cepdir', dir, '-cepext', '.raw'];
    args.push('-ctl', control, '-hyp', hyp, ...this.options.modelArgs);
    const child = spawn(this.options.batchPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.stderrTail = [];
    // An idle decoder must not keep the server (or a test run) from exiting.
    child.unref();
    for (const stream of [child.stdout, child.stderr])
      (stream as unknown as { unref?: () => void }).unref?.();
    (child.stdin as unknown as { unref?: () => void }).unref?.();
    child.stdin.on('error', () => {});

    child.stdout.resume();
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (!line.startsWith('INFO:'))
        this.stderrTail = [...this.stderrTail.slice(1 - STDERR_TAIL_LINES), line];
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (this.child === child) {
        this.child = undefined;
        this.started = undefined;
      }
      const missing = error.code === 'ENOENT';
      this.failAll(missing ? `${this.options.batchPath} is not installed` : error.message, missing);
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) {
        this.child = undefined;
        this.started = undefined;
        this.closeControl();
      }
      this.failAll(`pocketsphinx exited (${code ?? signal}): ${this.stderrTail.join(' | ').slice(0, 500)}`);
    });
    return { child, dir };
  }

  private closeControl(): void {
    if (this.controlFd !== undefined) closeSync(this.controlFd);
    this.controlFd = undefined;
    this.hypotheses?.destroy();
    this.hypotheses = undefined;
  }

  /** A .hyp line: `words… (uttid score)`; the id says which turn it answers. */
  private onHypothesis(line: string): void {
    const match = /^(.*?)\s*\((\S+) -?\d+\)\s*$/.exec(line);
    if (!match) return;
    const pending = this.pending.get(match[2]!);
    if (!pending) return;
    this.pending.delete(match[2]!);
    clearTimeout(pending.timer);
    pending.resolve(match[1]!.trim());
  }

  private failAll(message: string, unavailable = false): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(
        new SpeechError(unavailable ? 'SPEECH_ENGINE_UNAVAILABLE' : 'SPEECH_ENGINE_FAILED', message, {
          details: { engine: 'pocketsphinx' },
        }),
      );
      this.pending.delete(id);
    }
  }
}
