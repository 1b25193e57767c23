// Records a warm-up reading: microphone → AudioWorklet (/worklets/mic-capture.js, the
// softphone's capture) in an AudioContext running at 16 kHz, so the browser resamples and
// the worklet hands over 20 ms s16 frames with their level for the live meter. Browser
// processing (echo cancellation, noise suppression, gain control) is off: the server
// measures loudness and pitch, which those would change. The result is a 16 kHz mono WAV.
import { encodeMonoWav } from '../../scripts/wav-encode.js';

export const READING_SAMPLE_RATE_HZ = 16_000;

export type MicProblem = 'denied' | 'missing' | 'other';

export class MicError extends Error {
  constructor(
    readonly kind: MicProblem,
    message: string,
  ) {
    super(message);
    this.name = 'MicError';
  }
}

/** A reading in progress. */
export interface VoiceRecorder {
  /** Stops and answers the reading as a WAV file. */
  stop(): Promise<{ wav: Blob; durationMs: number }>;
  /** Stops and throws the audio away. */
  cancel(): void;
}

/** Opens the microphone and records; `onLevel` gets each 20 ms frame's level in dBFS. */
export async function startVoiceRecorder(onLevel: (levelDb: number) => void): Promise<VoiceRecorder> {
  if (!navigator.mediaDevices?.getUserMedia) throw new MicError('missing', 'no getUserMedia');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
  } catch (error) {
    const name = (error as DOMException).name;
    throw new MicError(
      name === 'NotAllowedError' || name === 'SecurityError'
        ? 'denied'
        : name === 'NotFoundError' || name === 'OverconstrainedError'
          ? 'missing'
          : 'other',
      (error as Error).message,
    );
  }
  const context = new AudioContext({ sampleRate: READING_SAMPLE_RATE_HZ, latencyHint: 'interactive' });
  const frames: Int16Array[] = [];
  let capture: AudioWorkletNode | null = null;
  const stopAll = () => {
    for (const track of stream.getTracks()) track.stop();
    capture?.port.close();
    capture?.disconnect();
    if (context.state !== 'closed') void context.close();
  };
  try {
    await context.audioWorklet.addModule('/worklets/mic-capture.js');
    const source = context.createMediaStreamSource(stream);
    capture = new AudioWorkletNode(context, 'mic-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
    capture.port.onmessage = (event: MessageEvent<{ pcm: ArrayBuffer; levelDb: number }>) => {
      frames.push(new Int16Array(event.data.pcm));
      onLevel(event.data.levelDb);
    };
    source.connect(capture);
    if (context.state === 'suspended') await context.resume();
  } catch (error) {
    stopAll();
    throw new MicError('other', (error as Error).message);
  }
  return {
    async stop() {
      stopAll();
      const samples = new Float32Array(frames.reduce((n, f) => n + f.length, 0));
      let offset = 0;
      for (const frame of frames) {
        for (let i = 0; i < frame.length; i++) samples[offset + i] = frame[i]! / 32768;
        offset += frame.length;
      }
      return {
        wav: new Blob([encodeMonoWav(samples, READING_SAMPLE_RATE_HZ)], { type: 'audio/wav' }),
        durationMs: Math.round((samples.length / READING_SAMPLE_RATE_HZ) * 1000),
      };
    },
    cancel: stopAll,
  };
}
