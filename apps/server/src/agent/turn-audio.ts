// Reads the agent's turn WAVs for a headless agent: any rate and channel count in,
// 16 kHz mono 20 ms Int16 frames out, plus which frames are voiced (for latency).
import { readFile, stat } from 'node:fs/promises';
import { decodeWav, FRAME_SAMPLES_16K, float32ToInt16, mixToMono, resample } from '@callsim/audio';

export interface TurnAudio {
  frames: Int16Array[];
  /** Index of the last frame whose level is above the voicing threshold. */
  lastVoicedFrame: number;
}

const VOICED_RMS = 300;

const decodedTurns = new Map<string, Promise<TurnAudio>>();

/**
 * Decoded once per file version: an agent taking calls back to back (the load test) speaks
 * the same turns every call, and resampling them each time would load the generator, not
 * the server. Keyed by path, size and modification time so an edited file is read again.
 */
export async function loadTurnAudio(file: string): Promise<TurnAudio> {
  const info = await stat(file);
  const key = `${file}\0${info.size}\0${info.mtimeMs}`;
  let turn = decodedTurns.get(key);
  if (!turn) {
    turn = decodeTurnAudio(file);
    decodedTurns.set(key, turn);
    turn.catch(() => decodedTurns.delete(key));
  }
  return turn;
}

async function decodeTurnAudio(file: string): Promise<TurnAudio> {
  const decoded = decodeWav(new Uint8Array(await readFile(file)));
  const mono = decoded.channels.length === 1 ? decoded.channels[0]! : mixToMono(decoded.channels);
  const at16k = decoded.sampleRateHz === 16000 ? mono : resample(mono, decoded.sampleRateHz, 16000);
  const pcm = float32ToInt16(at16k);
  const frames: Int16Array[] = [];
  let lastVoicedFrame = -1;
  for (let offset = 0; offset < pcm.length; offset += FRAME_SAMPLES_16K) {
    const frame = new Int16Array(FRAME_SAMPLES_16K);
    frame.set(pcm.subarray(offset, offset + FRAME_SAMPLES_16K));
    let sum = 0;
    for (const v of frame) sum += v * v;
    if (Math.sqrt(sum / frame.length) > VOICED_RMS) lastVoicedFrame = frames.length;
    frames.push(frame);
  }
  return { frames, lastVoicedFrame };
}
