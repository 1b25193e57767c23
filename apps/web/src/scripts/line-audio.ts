// Browser audio for the call-script editor: play a customer line (a WAV from the server)
// and record one from the microphone as a 16 kHz mono WAV made here — raw samples from an
// AudioWorklet, resampled by an OfflineAudioContext — so no codec (webm/opus) is involved.
import { concatSamples, encodeMonoWav, levelDb } from './wav-encode.js';

export const CLIP_SAMPLE_RATE_HZ = 16_000;

export type MicProblem = 'denied' | 'missing' | 'unsupported' | 'other';

export class MicError extends Error {
  constructor(
    readonly kind: MicProblem,
    message: string,
  ) {
    super(message);
    this.name = 'MicError';
  }
}

/** A clip in progress. */
export interface LineRecorder {
  /** Stops and answers the clip as a WAV file (16 kHz mono 16-bit). */
  stop(): Promise<{ wav: Blob; durationMs: number }>;
  /** Stops and throws the audio away. */
  cancel(): void;
}

// Batches render quanta (128 samples) so the page gets ~20 messages a second, not ~375.
const CAPTURE_WORKLET = `
class ScriptsLineCapture extends AudioWorkletProcessor {
  constructor() { super(); this.buffer = new Float32Array(2048); this.filled = 0; }
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; i++) {
      this.buffer[this.filled++] = channel[i];
      if (this.filled === this.buffer.length) {
        this.port.postMessage(this.buffer, [this.buffer.buffer]);
        this.buffer = new Float32Array(2048);
        this.filled = 0;
      }
    }
    return true;
  }
}
registerProcessor('scripts-line-capture', ScriptsLineCapture);
`;

/** Opens the microphone and starts recording; `onLevel` gets the level in dBFS about 20 times a second. */
export async function startLineRecording(onLevel: (levelDb: number) => void): Promise<LineRecorder> {
  if (!navigator.mediaDevices?.getUserMedia) throw new MicError('unsupported', 'no getUserMedia');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: true, autoGainControl: true },
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
  // The device's own rate: some browsers refuse to connect a microphone to a 16 kHz context.
  const context = new AudioContext();
  const chunks: Float32Array[] = [];
  const stopAll = () => {
    for (const track of stream.getTracks()) track.stop();
    void context.close().catch(() => undefined);
  };
  try {
    const source = context.createMediaStreamSource(stream);
    const take = (samples: Float32Array) => {
      chunks.push(samples);
      onLevel(levelDb(samples));
    };
    if (context.audioWorklet) {
      const url = URL.createObjectURL(new Blob([CAPTURE_WORKLET], { type: 'text/javascript' }));
      try {
        await context.audioWorklet.addModule(url);
      } finally {
        URL.revokeObjectURL(url);
      }
      const node = new AudioWorkletNode(context, 'scripts-line-capture', {
        numberOfInputs: 1,
        numberOfOutputs: 0,
      });
      node.port.onmessage = (event: MessageEvent<Float32Array>) => take(event.data);
      source.connect(node);
    } else {
      // Older browsers: the deprecated ScriptProcessorNode does the same job.
      const node = context.createScriptProcessor(2048, 1, 1);
      node.onaudioprocess = (event) => take(event.inputBuffer.getChannelData(0).slice());
      source.connect(node);
      node.connect(context.destination);
    }
    if (context.state === 'suspended') await context.resume();
  } catch (error) {
    stopAll();
    throw new MicError('unsupported', (error as Error).message);
  }
  const sourceRateHz = context.sampleRate;
  return {
    async stop() {
      stopAll();
      const samples = await resampleTo16k(concatSamples(chunks), sourceRateHz);
      return {
        wav: new Blob([encodeMonoWav(samples, CLIP_SAMPLE_RATE_HZ)], { type: 'audio/wav' }),
        durationMs: Math.round((samples.length / CLIP_SAMPLE_RATE_HZ) * 1000),
      };
    },
    cancel: stopAll,
  };
}

/** Band-limited resampling by the browser's own renderer. */
async function resampleTo16k(samples: Float32Array<ArrayBuffer>, fromHz: number): Promise<Float32Array> {
  if (fromHz === CLIP_SAMPLE_RATE_HZ || samples.length === 0) return samples;
  const length = Math.max(1, Math.ceil((samples.length * CLIP_SAMPLE_RATE_HZ) / fromHz));
  const offline = new OfflineAudioContext(1, length, CLIP_SAMPLE_RATE_HZ);
  const buffer = offline.createBuffer(1, samples.length, fromHz);
  buffer.copyToChannel(samples, 0);
  const source = offline.createBufferSource();
  source.buffer = buffer;
  source.connect(offline.destination);
  source.start();
  return (await offline.startRendering()).getChannelData(0);
}

/** Something playing; `stop()` ends it early. */
export interface Playback {
  stop(): void;
  readonly ended: Promise<void>;
}

/** Plays an audio file (e.g. a WAV from the server). */
export function playBlob(blob: Blob): Playback {
  const url = URL.createObjectURL(blob);
  const audio = new Audio(url);
  let finish: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    finish = () => {
      URL.revokeObjectURL(url);
      resolve();
    };
  });
  audio.addEventListener('ended', finish);
  audio.addEventListener('error', finish);
  audio.play().catch(finish);
  return {
    stop() {
      audio.pause();
      finish();
    },
    ended,
  };
}
