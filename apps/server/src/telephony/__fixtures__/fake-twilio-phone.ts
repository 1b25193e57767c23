// A fake Twilio at the far end of a Media Stream, for offline protocol tests. It opens the
// WebSocket with a signed handshake and replays the recorded message shapes
// (twilio-media-stream.json): `connected`, `start`, a `media` message every 20 ms (the
// agent's speech or μ-law silence), `dtmf`, `stop`. It plays what callsim sends the way
// Twilio's buffer does — in real time, acknowledging each `mark` once the audio queued
// before it has played, dropping the queue on `clear` — and speaks the next turn when a
// customer line (or callsim's `connected` pip) has finished playing.
import { readFileSync } from 'node:fs';
import { decodeWav, float32ToInt16, mixToMono, muLawEncode, resample } from '@callsim/audio';
import WebSocket from 'ws';
import { FramePacer } from '../../agent/frame-pacer.js';
import recording from './twilio-media-stream.json' with { type: 'json' };

const FRAME_BYTES = 160;
const SILENCE: Uint8Array = new Uint8Array(FRAME_BYTES).fill(0xff);

/** A WAV file as the phone network carries it: 8 kHz μ-law, 160-byte (20 ms) frames. */
export function phoneFrames(wavPath: string): Uint8Array[] {
  const wav = decodeWav(new Uint8Array(readFileSync(wavPath)));
  const mono = wav.channels.length === 1 ? wav.channels[0]! : mixToMono(wav.channels);
  const mulaw = muLawEncode(float32ToInt16(resample(mono, wav.sampleRateHz, 8000)));
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset < mulaw.length; offset += FRAME_BYTES) {
    const frame = new Uint8Array(FRAME_BYTES).fill(0xff);
    frame.set(mulaw.subarray(offset, offset + FRAME_BYTES));
    frames.push(frame);
  }
  return frames;
}

export interface FakePhoneOptions {
  /** ws://host:port/twilio/media */
  url: string;
  signature: string;
  accountSid: string;
  callSid: string;
  ticket: string;
  /** The agent's turns, as phone frames. */
  turns: Uint8Array[][];
  /** Key a digit after this turn (0-based) has been spoken. */
  dtmf?: { afterTurn: number; digit: string };
  responseGapMs?: number;
  speakFirstAfterMs?: number;
  /** After the last turn, hang up once the customer's next line has played (or after `replyWaitMs`). */
  replyWaitMs?: number;
  timeoutMs?: number;
}

export interface FakePhoneResult {
  streamSid: string;
  /** callsim's messages in arrival order (media payloads replaced by their decoded size). */
  received: { event: string; bytes?: number; name?: string; audible?: boolean }[];
  /** Messages from callsim that are not shaped as Twilio accepts them. */
  malformed: string[];
  marksAcknowledged: string[];
  turnsSpoken: number;
  /** Who ended the stream: the phone (stop + close) or callsim (closed the socket). */
  endedBy: 'phone' | 'callsim';
  closeCode: number;
}

export async function runFakeTwilioPhone(options: FakePhoneOptions): Promise<FakePhoneResult> {
  const [connectedT, startT, mediaT, dtmfT, markT, stopT] = recording.inbound as unknown as [
    Record<string, unknown>,
    { start: Record<string, unknown> } & Record<string, unknown>,
    { media: Record<string, unknown> } & Record<string, unknown>,
    { dtmf: Record<string, unknown> } & Record<string, unknown>,
    Record<string, unknown>,
    Record<string, unknown>,
  ];
  const streamSid = `MZ${options.callSid.slice(2)}`;
  const responseGapMs = options.responseGapMs ?? 400;
  const replyWaitMs = options.replyWaitMs ?? 30_000;
  const ws = new WebSocket(options.url, { headers: { 'x-twilio-signature': options.signature } });
  const pacer = new FramePacer();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, run: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      run();
    }, ms);
    timers.add(t);
  };

  const result: FakePhoneResult = {
    streamSid,
    received: [],
    malformed: [],
    marksAcknowledged: [],
    turnsSpoken: 0,
    endedBy: 'callsim',
    closeCode: 0,
  };
  let sequence = 0;
  let chunk = 0;
  let speaking: { frames: Uint8Array[]; index: number; turn: number } | null = null;
  let playoutEndMs = 0;
  const pendingMarks = new Set<string>();
  let hungUp = false;
  let anyCustomerAudio = false;
  let replyWatchdog = 0;

  const send = (message: Record<string, unknown>) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };
  const nextSequence = () => String(++sequence);

  const hangUp = () => {
    if (hungUp) return;
    hungUp = true;
    result.endedBy = 'phone';
    send({
      ...stopT,
      sequenceNumber: nextSequence(),
      streamSid,
      stop: { accountSid: options.accountSid, callSid: options.callSid },
    });
    ws.close(1000);
  };
  const afterCustomerLine = () => {
    if (speaking || hungUp) return;
    const watchdog = ++replyWatchdog;
    if (result.turnsSpoken < options.turns.length) {
      later(responseGapMs, () => {
        if (!speaking && !hungUp && watchdog === replyWatchdog) speak(result.turnsSpoken);
      });
    } else later(500, hangUp);
  };
  const speak = (turn: number) => {
    const frames = options.turns[turn];
    if (!frames) return;
    speaking = { frames, index: 0, turn };
    result.turnsSpoken = Math.max(result.turnsSpoken, turn + 1);
  };
  const ackMark = (name: string) => {
    if (!pendingMarks.delete(name)) return;
    send({ ...markT, sequenceNumber: nextSequence(), streamSid, mark: { name } });
    result.marksAcknowledged.push(name);
    afterCustomerLine();
  };

  ws.on('message', (data) => {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(String(data)) as Record<string, unknown>;
    } catch {
      result.malformed.push(String(data).slice(0, 80));
      return;
    }
    const now = performance.now();
    if (message.streamSid !== streamSid) result.malformed.push(`streamSid ${String(message.streamSid)}`);
    if (message.event === 'media') {
      const payload = (message.media as { payload?: unknown } | undefined)?.payload;
      const bytes = typeof payload === 'string' ? Buffer.from(payload, 'base64') : Buffer.alloc(0);
      if (bytes.length !== FRAME_BYTES) result.malformed.push(`media of ${bytes.length} bytes`);
      const audible = bytes.some((b) => (b & 0x7f) < 0x70);
      anyCustomerAudio ||= audible;
      result.received.push({ event: 'media', bytes: bytes.length, audible });
      playoutEndMs = Math.max(now, playoutEndMs) + 20;
    } else if (message.event === 'mark') {
      const name = (message.mark as { name?: unknown } | undefined)?.name;
      if (typeof name !== 'string' || !name) {
        result.malformed.push('mark without name');
        return;
      }
      result.received.push({ event: 'mark', name });
      pendingMarks.add(name);
      later(Math.max(0, playoutEndMs - now), () => ackMark(name));
    } else if (message.event === 'clear') {
      result.received.push({ event: 'clear' });
      playoutEndMs = now;
      for (const name of [...pendingMarks]) ackMark(name);
    } else result.malformed.push(`event ${String(message.event)}`);
  });

  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
  const closed = new Promise<void>((resolve) =>
    ws.once('close', (code) => {
      result.closeCode = code;
      resolve();
    }),
  );
  await opened;

  send(connectedT);
  send({
    ...startT,
    sequenceNumber: nextSequence(),
    streamSid,
    start: {
      ...startT.start,
      accountSid: options.accountSid,
      callSid: options.callSid,
      streamSid,
      customParameters: { ticket: options.ticket },
    },
  });
  const stopPacing = pacer.add(() => {
    let payload = SILENCE;
    if (speaking) {
      payload = speaking.frames[speaking.index++] ?? SILENCE;
      if (speaking.index >= speaking.frames.length) {
        const done = speaking.turn;
        speaking = null;
        if (options.dtmf?.afterTurn === done)
          send({
            ...dtmfT,
            sequenceNumber: nextSequence(),
            streamSid,
            dtmf: { track: 'inbound_track', digit: options.dtmf.digit },
          });
        // No reply in time: go on as a trainee would (or hang up after the last turn).
        const watchdog = ++replyWatchdog;
        later(replyWaitMs, () => {
          if (watchdog !== replyWatchdog || speaking || hungUp) return;
          if (result.turnsSpoken < options.turns.length) speak(result.turnsSpoken);
          else hangUp();
        });
      }
    }
    chunk++;
    send({
      ...mediaT,
      sequenceNumber: nextSequence(),
      streamSid,
      media: {
        track: 'inbound',
        chunk: String(chunk),
        timestamp: String(chunk * 20),
        payload: Buffer.from(payload).toString('base64'),
      },
    });
  });
  // Normally the first turn follows the `connected` pip (or the customer's first line);
  // this only covers a stream on which nothing is ever heard.
  later(options.speakFirstAfterMs ?? 20_000, () => {
    if (!anyCustomerAudio && result.turnsSpoken === 0 && !speaking) speak(0);
  });
  const timeout = setTimeout(hangUp, options.timeoutMs ?? 120_000);
  await closed;
  clearTimeout(timeout);
  stopPacing();
  for (const t of timers) clearTimeout(t);
  return result;
}
