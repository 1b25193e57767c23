// One live call on the server: the agent's frames in, the customer's frames out, both
// on the node's 20 ms clock, recorded in stereo. VAD endpointing ends each agent turn,
// ASR (or the browser's transcript) gives its words, the dialogue walker picks the
// customer's reply, and pre-rendered audio plays it from the next tick. The VAD hears each
// agent frame when it arrives (ahead of its playout slot) and decides asynchronously, so
// neither the playout delay nor the batched inference holds up a tick.
//
//   ringing ──answer──► connected ──hold(on)──► held ──hold(off)──► connected
//      │                    │                     │
//      └─withdraw─► ended   └──hangup / customer end line / drop──► ended ◄──┘
//
// Illegal moves throw CALL_STATE_ILLEGAL. All times are ms since answer (call clock).
import { FRAME_MS, FRAME_SAMPLES_16K } from '@callsim/audio';
import type { Checklist, CustomerLine, DialogueWalker, Persona } from '@callsim/call-script';
import { AppError, type CallEndedBy, type CallMode } from '@callsim/protocol';
import type { Logger } from '../logging/logger.js';
import { AgentJitterBuffer } from '../media/agent-jitter-buffer.js';
import { CallerPlayer, type PlayerTick } from '../media/caller-player.js';
import type { StereoRecorder } from '../recorder/stereo-recorder.js';
import type { SessionEnd, SessionOutput } from './session-events.js';
import type { AsrPort, LineRenderer, VadEvent, VadFactory, VadPort } from './speech-ports.js';

export type CallSessionState = 'ringing' | 'connected' | 'held' | 'ended';

/** Personas that keep talking when the agent interrupts them; the others stop. */
const TALKS_OVER: ReadonlySet<Persona> = new Set(['angry', 'chatty']);
/** How long to wait for the browser's transcript after an endpoint before using server ASR. */
const BROWSER_TRANSCRIPT_WAIT_MS = 1200;
/** Pause between the customer's goodbye and the hang-up. */
const HANGUP_AFTER_END_LINE_MS = 400;

export interface CallSessionOptions {
  callId: string;
  locale: string;
  mode: CallMode;
  walker: DialogueWalker;
  checklist: Checklist;
  renderLine: LineRenderer;
  asr: AsrPort | null;
  /** Creates the call's VAD at answer; its events come back through the listener. */
  vad: VadFactory;
  logger: Logger;
}

interface PendingTurn {
  startMs: number;
  endMs: number;
  interrupted: boolean;
  samples: Int16Array;
}

export interface TurnLatency {
  /** End of the agent's last voiced frame, call clock. */
  lastVoicedMs: number;
  /** First frame of the customer's reply, call clock. */
  replyStartMs: number;
}

export class CallSession {
  state: CallSessionState = 'ringing';
  readonly jitter = new AgentJitterBuffer();
  readonly latencies: TurnLatency[] = [];
  private readonly player = new CallerPlayer();
  private output: SessionOutput | null = null;
  private recorder: StereoRecorder | null = null;
  private answerTick = 0;
  private lastTick = 0;
  private muted = false;
  private holdStartedMs: number | null = null;
  private vad: VadPort | null = null;
  private agentSpeaking = false;
  private turnInterrupted = false;
  private awaitingReply = false;
  /** The output has been told the customer is silent (no frames until it speaks). */
  private callerSilent = false;
  /** Customer frames below this sequence number went out ahead, in an earlier packet. */
  private callerSentThrough = 0;
  private browserTexts: string[] = [];
  private browserTranscriptWaiter: (() => void) | null = null;
  private lineCounter = 0;
  private lineStartedMs = new Map<number, { line: CustomerLine; startMs: number }>();
  private lastVoicedMsBeforeReply: number | null = null;
  private hangupAtMs: number | null = null;
  private endReason: { endedBy: CallEndedBy; reason: string } | null = null;
  private endPromise: Promise<SessionEnd> | null = null;
  /** Set by the client: it sends browser speech-recognition transcripts for its turns. */
  browserAsr = false;

  constructor(private readonly o: CallSessionOptions) {}

  /** ms since answer at the last tick. */
  get nowMs(): number {
    return (this.lastTick - this.answerTick) * FRAME_MS;
  }

  attach(output: SessionOutput | null): void {
    this.output = output;
    this.callerSilent = false;
    // Frames sent ahead went to the previous output.
    this.callerSentThrough = 0;
  }

  /** Answers at `tick`: recording starts, the customer may speak first. */
  answer(tick: number, recorder: StereoRecorder): void {
    if (this.state !== 'ringing') throw new AppError('CALL_STATE_ILLEGAL', `answer in ${this.state}`);
    this.state = 'connected';
    this.answerTick = tick;
    this.lastTick = tick;
    this.recorder = recorder;
    this.vad = this.o.vad((event) => this.onVad(event));
    recorder.event({ type: 'answer', atMs: 0 });
    const first = this.o.walker.start();
    if (first) void this.say(first);
    else this.o.walker.listenFrom(0);
  }

  /** Agent microphone frame (sequence numbered by the client). */
  pushAgentFrame(seq: number, pcm: Int16Array, tick: number): void {
    if (this.state !== 'connected' && this.state !== 'held') return;
    if (this.jitter.push(seq, pcm, tick) === 'late') {
      // Its slot went out as silence; the recording may still hold that second in memory.
      const slot = this.jitter.slotTick(seq);
      if (slot !== null && !this.muted && this.recorder?.patchAgentFrame(slot - this.answerTick, pcm))
        this.jitter.stats.recovered++;
    }
    // Heard at the next tick with every other call's frames: the VAD then decides one batch
    // per tick instead of one per arriving packet (300 softphones' packets arrive spread over
    // the 20 ms), for at most 20 ms more before the endpoint is seen.
  }

  /** The agent's softphone announced a quiet microphone from `seq` on (silence suppression). */
  pushAgentSilence(seq: number, tick: number): void {
    if (this.state !== 'connected' && this.state !== 'held') return;
    this.jitter.silence(seq, tick);
  }

  /** A browser speech-recognition result for the agent's current (or last) turn. */
  pushBrowserTranscript(text: string): void {
    if (text.trim()) this.browserTexts.push(text.trim());
    this.browserTranscriptWaiter?.();
  }

  setMuted(on: boolean): void {
    this.assertLive();
    if (this.muted === on) return;
    this.muted = on;
    this.recorder?.event({ type: on ? 'mute-start' : 'mute-end', atMs: this.nowMs });
  }

  setHold(on: boolean): void {
    this.assertLive();
    if (on === (this.state === 'held')) return;
    const atMs = this.nowMs;
    if (on) {
      this.state = 'held';
      this.player.onHold = true;
      this.holdStartedMs = atMs;
      this.recorder?.event({ type: 'hold-start', atMs });
    } else {
      this.state = 'connected';
      this.player.onHold = false;
      this.recorder?.event({ type: 'hold-end', atMs, holdMs: atMs - (this.holdStartedMs ?? atMs) });
      this.holdStartedMs = null;
      if (!this.player.playing && !this.awaitingReply) this.o.walker.listenFrom(atMs);
    }
    this.output?.held(on, atMs);
  }

  dtmf(digit: string): void {
    this.assertLive();
    this.recorder?.event({ type: 'dtmf', atMs: this.nowMs, digit });
  }

  /** Ends the call now. Resolves once the recording is finalized. */
  hangup(endedBy: CallEndedBy, reason: string): Promise<SessionEnd> {
    if (this.endPromise) return this.endPromise;
    this.endReason = { endedBy, reason };
    this.endPromise = this.finish();
    return this.endPromise;
  }

  /** Runs one 20 ms step. Called by the media clock for every live session. */
  tick(tick: number): void {
    if (this.state !== 'connected' && this.state !== 'held') return;
    this.lastTick = tick;
    const atMs = this.nowMs;
    const incoming = this.jitter.take(tick);
    const agentFrame = this.muted ? null : incoming;

    const played = this.player.next();
    const callerFrame = played.frame;
    if (played.kind === 'line') {
      const info = this.lineStartedMs.get(played.line.lineId);
      if (played.started && info) {
        info.startMs = atMs;
        if (this.lastVoicedMsBeforeReply !== null) {
          this.latencies.push({ lastVoicedMs: this.lastVoicedMsBeforeReply, replyStartMs: atMs });
          this.lastVoicedMsBeforeReply = null;
        }
        this.output?.customerLine({
          callId: this.o.callId,
          lineId: played.line.lineId,
          phase: 'start',
          atMs,
          ...(this.o.mode === 'practice' ? { text: info.line.text } : {}),
        });
      }
      if (played.ended && info) this.lineFinished(played.line.lineId, atMs + FRAME_MS, false);
    }

    this.recorder?.writeFrame(agentFrame, callerFrame);
    this.sendCaller(tick - this.answerTick, played);

    this.hearArrived(tick);

    if (this.hangupAtMs !== null && atMs >= this.hangupAtMs) {
      void this.hangup('customer', 'customer-hung-up');
      return;
    }
    if (
      this.state === 'connected' &&
      !this.agentSpeaking &&
      !this.player.playing &&
      !this.awaitingReply &&
      this.hangupAtMs === null
    ) {
      const line = this.o.walker.ended ? null : this.o.walker.poll(atMs);
      if (line) {
        this.recorder?.event({ type: 'silence-prompt', atMs, cause: line.cause });
        void this.say(line);
      }
    }
  }

  /**
   * Streams the customer's frame; pauses are announced once and not streamed when the output
   * can; a line frame may go out with the next one in one packet (SessionOutput.callerPacketFrames).
   */
  private sendCaller(seq: number, played: PlayerTick): void {
    const output = this.output;
    if (!output) return;
    if (played.frame) {
      this.callerSilent = false;
      // Already sent, ahead of its tick, in the previous packet.
      if (seq < this.callerSentThrough) return;
      const pcm =
        played.kind === 'line' ? this.player.packet(played, output.callerPacketFrames ?? 1) : played.frame;
      output.callerFrame(seq, pcm);
      this.callerSentThrough = seq + pcm.length / FRAME_SAMPLES_16K;
    } else if (!output.callerSilence) output.callerFrame(seq, SILENCE);
    else if (!this.callerSilent) {
      this.callerSilent = true;
      output.callerSilence(seq);
    }
  }

  /** Feeds the VAD every agent frame it has not heard, at the frame's place on the call clock. */
  private hearArrived(tick: number): void {
    const vad = this.vad;
    if (!vad) return;
    this.jitter.hear(tick, (seq, pcm) => {
      const slotTick = this.jitter.slotTick(seq) ?? tick;
      vad.pushFrame(pcm && !this.muted ? pcm : SILENCE, (slotTick - this.answerTick) * FRAME_MS);
    });
  }

  private onVad(event: VadEvent): void {
    if (this.state !== 'connected' && this.state !== 'held') return;
    if (event.type === 'speech-start') {
      this.agentSpeaking = true;
      this.turnInterrupted = false;
      const playing = this.player.playing;
      if (playing && this.state === 'connected') {
        this.turnInterrupted = true;
        this.recorder?.event({ type: 'interruption', atMs: event.atMs, lineId: playing.lineId });
        if (!TALKS_OVER.has(this.o.walker.persona)) {
          this.player.cut();
          this.lineFinished(playing.lineId, event.atMs, true);
        }
      }
      return;
    }
    this.agentSpeaking = false;
    void this.completeTurn({
      startMs: event.startMs,
      endMs: event.lastVoicedMs,
      interrupted: this.turnInterrupted,
      samples: event.samples,
    });
  }

  private async completeTurn(turn: PendingTurn): Promise<void> {
    if (this.o.walker.ended || this.hangupAtMs !== null) return;
    this.awaitingReply = true;
    this.lastVoicedMsBeforeReply = turn.endMs;
    try {
      const { text, engine } = await this.transcribe(turn);
      if (this.state === 'ended') return;
      const segment = {
        speaker: 'agent' as const,
        startMs: turn.startMs,
        endMs: turn.endMs,
        text,
        engine,
        interruption: turn.interrupted,
      };
      this.recorder?.segment(segment);
      this.output?.agentTurn({
        callId: this.o.callId,
        startMs: turn.startMs,
        endMs: turn.endMs,
        text,
        engine,
        interruption: turn.interrupted,
      });
      // The reply first: it is what the trainee is waiting for; the checklist ticks follow.
      if (!this.o.walker.ended)
        await this.say(this.o.walker.agentTurn({ text, interrupted: turn.interrupted }).line);
      const update = this.o.checklist.add(segment);
      if (this.o.mode === 'practice') {
        for (const step of update.found) {
          this.output?.checklist({
            callId: this.o.callId,
            stepId: step.id,
            atMs: turn.startMs,
            fuzzy: step.fuzzy,
          });
        }
      }
    } catch (error) {
      this.o.logger.error({ err: error, callId: this.o.callId }, 'agent turn failed');
    } finally {
      this.awaitingReply = false;
    }
  }

  private async transcribe(turn: PendingTurn): Promise<{ text: string; engine: string }> {
    if (this.browserTexts.length === 0 && this.browserAsr) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, BROWSER_TRANSCRIPT_WAIT_MS);
        this.browserTranscriptWaiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.browserTranscriptWaiter = null;
    }
    if (this.browserTexts.length > 0) {
      const text = this.browserTexts.join(' ');
      this.browserTexts = [];
      return { text, engine: 'browser' };
    }
    if (this.o.asr) {
      try {
        return await this.o.asr.transcribe(turn.samples);
      } catch (error) {
        this.o.logger.warn({ err: error, callId: this.o.callId, engine: this.o.asr.name }, 'asr failed');
      }
    }
    return { text: '', engine: 'none' };
  }

  private async say(line: CustomerLine): Promise<void> {
    const pcm = await this.o.renderLine(line);
    if (this.state === 'ended') return;
    const lineId = ++this.lineCounter;
    this.lineStartedMs.set(lineId, { line, startMs: this.nowMs });
    this.player.play(lineId, pcm);
  }

  private lineFinished(lineId: number, atMs: number, cut: boolean): void {
    const info = this.lineStartedMs.get(lineId);
    if (!info) return;
    this.lineStartedMs.delete(lineId);
    const segment = {
      speaker: 'caller' as const,
      startMs: info.startMs,
      endMs: atMs,
      text: info.line.text,
      engine: 'script',
      turnId: info.line.turnId,
    };
    this.recorder?.segment(segment);
    this.o.checklist.add(segment);
    if (cut) this.recorder?.event({ type: 'customer-line-cut', atMs, lineId });
    this.output?.customerLine({ callId: this.o.callId, lineId, phase: cut ? 'cut' : 'end', atMs });
    if (info.line.end && !cut) this.hangupAtMs = atMs + HANGUP_AFTER_END_LINE_MS;
    else if (!this.o.walker.ended) this.o.walker.listenFrom(atMs);
  }

  private async finish(): Promise<SessionEnd> {
    const wasLive = this.state === 'connected' || this.state === 'held';
    const durationMs = wasLive ? this.nowMs : 0;
    const playing = this.player.cut();
    if (playing && wasLive) this.lineFinished(playing.lineId, durationMs, true);
    this.state = 'ended';
    this.vad?.close();
    this.browserTranscriptWaiter?.();
    const { endedBy, reason } = this.endReason ?? { endedBy: 'system' as const, reason: 'ended' };
    let recordingPath: string | null = null;
    let timelinePath: string | null = null;
    if (this.recorder) {
      this.recorder.event({
        type: 'hangup',
        atMs: durationMs,
        endedBy,
        reason,
        media: { ...this.jitter.stats },
      });
      await this.recorder.finalize({ durationMs, endedBy });
      recordingPath = this.recorder.paths.wavPath;
      timelinePath = this.recorder.paths.timelinePath;
      if (this.recorder.writeError)
        this.o.logger.error(
          { err: this.recorder.writeError, callId: this.o.callId },
          'recording write failed',
        );
    }
    const end: SessionEnd = {
      callId: this.o.callId,
      endedBy,
      reason,
      durationMs,
      recordingPath,
      timelinePath,
    };
    this.output?.ended(end);
    return end;
  }

  private assertLive(): void {
    if (this.state !== 'connected' && this.state !== 'held')
      throw new AppError('CALL_STATE_ILLEGAL', `call is ${this.state}`);
  }
}

const SILENCE = new Int16Array(FRAME_SAMPLES_16K);
