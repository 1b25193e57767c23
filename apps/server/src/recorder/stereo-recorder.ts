// Stereo call recorder: agent on the left channel, customer on the right, 16 kHz s16le,
// one frame pair per 20 ms tick so both channels share one clock. Audio and the event
// journal are appended once per second (append-only), so a crash (kill -9) loses at most
// the last second; `recoverRecording` rebuilds a playable WAV and the timeline from
// what is on disk. Writes are serialized; a write error is reported once, not thrown per frame.
import { type FileHandle, mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FRAME_SAMPLES_16K, INTERNAL_SAMPLE_RATE_HZ, WAV_HEADER_BYTES, wavHeader } from '@callsim/audio';
import type { CallTimeline, JournalLine, TimelineEvent, TimelineSegment } from './timeline.js';

const FRAMES_PER_FLUSH = 50;
const BYTES_PER_STEREO_FRAME = FRAME_SAMPLES_16K * 2 * 2;

export interface RecordingPaths {
  wavPath: string;
  journalPath: string;
  timelinePath: string;
}

/** Where a call's files live: <root>/<YYYY-MM-DD>/<callId>.{wav,journal.jsonl,json}. */
export function recordingPaths(rootDir: string, callId: string, atMs: number): RecordingPaths {
  const day = new Date(atMs).toISOString().slice(0, 10);
  const base = path.join(rootDir, day, callId);
  return { wavPath: `${base}.wav`, journalPath: `${base}.journal.jsonl`, timelinePath: `${base}.json` };
}

export class StereoRecorder {
  private wav!: FileHandle;
  private journal!: FileHandle;
  private pending: Int16Array<ArrayBuffer> = new Int16Array(FRAMES_PER_FLUSH * FRAME_SAMPLES_16K * 2);
  /** Flushed buffers whose write has finished, for reuse: a second of stereo audio each. */
  private readonly spare: Int16Array<ArrayBuffer>[] = [];
  private pendingFrames = 0;
  private pendingJournal: string[] = [];
  private dataBytes = 0;
  private writeChain: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly segments: TimelineSegment[] = [];
  private readonly events: TimelineEvent[] = [];
  /** First write error, if any; the call goes on and the error is reported at finalize. */
  writeError: Error | null = null;

  private constructor(
    readonly paths: RecordingPaths,
    private readonly meta: Extract<JournalLine, { kind: 'meta' }>['meta'],
  ) {}

  static async create(
    paths: RecordingPaths,
    meta: Extract<JournalLine, { kind: 'meta' }>['meta'],
  ): Promise<StereoRecorder> {
    await mkdir(path.dirname(paths.wavPath), { recursive: true });
    const recorder = new StereoRecorder(paths, meta);
    recorder.wav = await open(paths.wavPath, 'w');
    recorder.journal = await open(paths.journalPath, 'a');
    const header = wavHeader({
      sampleRateHz: INTERNAL_SAMPLE_RATE_HZ,
      channelCount: 2,
      bitsPerSample: 16,
      dataBytes: 0,
    });
    await recorder.wav.write(header, 0, header.length, 0);
    await recorder.journal.write(`${JSON.stringify({ kind: 'meta', meta } satisfies JournalLine)}\n`);
    return recorder;
  }

  /** Frames written so far (including those not yet flushed). */
  get frameCount(): number {
    return this.dataBytes / BYTES_PER_STEREO_FRAME + this.pendingFrames;
  }

  /** Appends one 20 ms frame per channel (320 samples each; shorter input is zero-padded). */
  writeFrame(agent: Int16Array | null, caller: Int16Array | null): void {
    if (this.closed) return;
    const offset = this.pendingFrames * FRAME_SAMPLES_16K * 2;
    for (let i = 0; i < FRAME_SAMPLES_16K; i++) {
      this.pending[offset + 2 * i] = agent?.[i] ?? 0;
      this.pending[offset + 2 * i + 1] = caller?.[i] ?? 0;
    }
    this.pendingFrames++;
    if (this.pendingFrames === FRAMES_PER_FLUSH) this.flush();
  }

  /**
   * Writes the agent channel of frame `index` (0 = the first frame written) again, when that
   * frame is still in memory (written less than a flush ago): a microphone frame that came
   * after its slot was recorded as silence. False when it is already on disk or not written yet.
   */
  patchAgentFrame(index: number, agent: Int16Array): boolean {
    if (this.closed) return false;
    const at = index - this.dataBytes / BYTES_PER_STEREO_FRAME;
    if (!Number.isInteger(at) || at < 0 || at >= this.pendingFrames) return false;
    const offset = at * FRAME_SAMPLES_16K * 2;
    for (let i = 0; i < FRAME_SAMPLES_16K; i++) this.pending[offset + 2 * i] = agent[i] ?? 0;
    return true;
  }

  event(event: TimelineEvent): void {
    this.events.push(event);
    this.pendingJournal.push(JSON.stringify({ kind: 'event', event } satisfies JournalLine));
  }

  segment(segment: TimelineSegment): void {
    this.segments.push(segment);
    this.pendingJournal.push(JSON.stringify({ kind: 'segment', segment } satisfies JournalLine));
  }

  /** Queues the buffered audio and journal lines for writing. */
  flush(): void {
    if (this.pendingFrames > 0) {
      // The filled buffer goes to the disk as it is and comes back for reuse once written.
      const filled = this.pending;
      const byteLength = this.pendingFrames * FRAME_SAMPLES_16K * 4;
      const position = WAV_HEADER_BYTES + this.dataBytes;
      this.dataBytes += byteLength;
      this.pendingFrames = 0;
      this.pending = this.spare.pop() ?? new Int16Array(filled.length);
      this.enqueue(async () => {
        try {
          await this.wav.write(new Uint8Array(filled.buffer, 0, byteLength), 0, byteLength, position);
        } finally {
          this.spare.push(filled);
        }
      });
    }
    if (this.pendingJournal.length > 0) {
      const text = `${this.pendingJournal.join('\n')}\n`;
      this.pendingJournal = [];
      this.enqueue(async () => {
        await this.journal.write(text);
      });
    }
  }

  /** Waits until everything queued so far is on disk (tests and shutdown). */
  async drain(): Promise<void> {
    this.flush();
    await this.writeChain;
  }

  /** Flushes, patches the WAV header with the final size and writes the timeline JSON. */
  async finalize(end: { durationMs: number; endedBy: CallTimeline['endedBy'] }): Promise<CallTimeline> {
    this.flush();
    this.closed = true;
    await this.writeChain;
    const header = wavHeader({
      sampleRateHz: INTERNAL_SAMPLE_RATE_HZ,
      channelCount: 2,
      bitsPerSample: 16,
      dataBytes: this.dataBytes,
    });
    await this.wav.write(header, 0, header.length, 0);
    await this.wav.close();
    await this.journal.close();
    const timeline: CallTimeline = {
      ...this.meta,
      durationMs: end.durationMs,
      endedBy: end.endedBy,
      recovered: false,
      segments: [...this.segments].sort((a, b) => a.startMs - b.startMs),
      events: [...this.events].sort((a, b) => a.atMs - b.atMs),
    };
    await writeFile(this.paths.timelinePath, JSON.stringify(timeline, null, 2));
    return timeline;
  }

  private enqueue(task: () => Promise<void>): void {
    this.writeChain = this.writeChain.then(task).catch((error: Error) => {
      this.writeError ??= error;
    });
  }
}

/**
 * Rebuilds a recording left by a crash: the WAV header gets the size of the audio that
 * reached the disk (whole stereo frames only) and the timeline is rebuilt from the
 * journal. Returns null when there is nothing to recover.
 */
export async function recoverRecording(paths: RecordingPaths): Promise<CallTimeline | null> {
  let size: number;
  try {
    size = (await stat(paths.wavPath)).size;
  } catch {
    return null;
  }
  const dataBytes = Math.max(0, Math.floor((size - WAV_HEADER_BYTES) / 4) * 4);
  const handle = await open(paths.wavPath, 'r+');
  try {
    const header = wavHeader({
      sampleRateHz: INTERNAL_SAMPLE_RATE_HZ,
      channelCount: 2,
      bitsPerSample: 16,
      dataBytes,
    });
    await handle.write(header, 0, header.length, 0);
    await handle.truncate(WAV_HEADER_BYTES + dataBytes);
  } finally {
    await handle.close();
  }
  let meta: Extract<JournalLine, { kind: 'meta' }>['meta'] | undefined;
  const segments: TimelineSegment[] = [];
  const events: TimelineEvent[] = [];
  const journal = await readFile(paths.journalPath, 'utf8').catch(() => '');
  for (const line of journal.split('\n')) {
    if (!line.trim()) continue;
    let parsed: JournalLine;
    try {
      parsed = JSON.parse(line) as JournalLine;
    } catch {
      continue; // a line cut by the crash
    }
    if (parsed.kind === 'meta') meta = parsed.meta;
    else if (parsed.kind === 'event') events.push(parsed.event);
    else if (parsed.kind === 'segment') segments.push(parsed.segment);
  }
  if (!meta) return null;
  const durationMs = Math.round((dataBytes / 4 / INTERNAL_SAMPLE_RATE_HZ) * 1000);
  events.push({ type: 'hangup', atMs: durationMs, endedBy: 'system', reason: 'recovered-after-crash' });
  const timeline: CallTimeline = {
    ...meta,
    durationMs,
    endedBy: 'system',
    recovered: true,
    segments: segments.sort((a, b) => a.startMs - b.startMs),
    events: events.sort((a, b) => a.atMs - b.atMs),
  };
  await writeFile(paths.timelinePath, JSON.stringify(timeline, null, 2));
  return timeline;
}
