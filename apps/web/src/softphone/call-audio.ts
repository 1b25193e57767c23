// The softphone's audio path: microphone → AudioWorklet → 20 ms 16 kHz s16le frames;
// customer frames → jitter-buffer worklet → speakers. One AudioContext at 16 kHz so the
// browser does the resampling. Failures are classified so the page can explain them.
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

export interface CallAudioHandlers {
  onFrame(pcm: ArrayBuffer, levelDb: number): void;
  /** The microphone went away (unplugged, revoked) during the call. */
  onDeviceLost(): void;
}

export class CallAudio {
  private context: AudioContext | null = null;
  private stream: MediaStream | null = null;
  private playback: AudioWorkletNode | null = null;

  async start(handlers: CallAudioHandlers): Promise<void> {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      });
    } catch (error) {
      const name = (error as DOMException).name;
      const kind: MicProblem =
        name === 'NotAllowedError' || name === 'SecurityError'
          ? 'denied'
          : name === 'NotFoundError' || name === 'OverconstrainedError'
            ? 'missing'
            : 'other';
      throw new MicError(kind, (error as Error).message);
    }
    this.stream = stream;
    const context = new AudioContext({ sampleRate: 16000, latencyHint: 'interactive' });
    this.context = context;
    await context.audioWorklet.addModule('/worklets/mic-capture.js');
    await context.audioWorklet.addModule('/worklets/caller-playback.js');
    const source = context.createMediaStreamSource(stream);
    const capture = new AudioWorkletNode(context, 'mic-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
    capture.port.onmessage = (event: MessageEvent<{ pcm: ArrayBuffer; levelDb: number }>) => {
      handlers.onFrame(event.data.pcm, event.data.levelDb);
    };
    source.connect(capture);
    const playback = new AudioWorkletNode(context, 'caller-playback', {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      processorOptions: { targetMs: 80 },
    });
    playback.connect(context.destination);
    this.playback = playback;
    for (const track of stream.getAudioTracks())
      track.addEventListener('ended', () => handlers.onDeviceLost());
    if (context.state === 'suspended') await context.resume();
  }

  play(pcm: ArrayBuffer | Uint8Array): void {
    const bytes = pcm instanceof Uint8Array ? pcm.slice().buffer : pcm.slice(0);
    this.playback?.port.postMessage({ type: 'frame', pcm: bytes }, [bytes]);
  }

  resetPlayback(): void {
    this.playback?.port.postMessage({ type: 'reset' });
  }

  async stop(): Promise<void> {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    this.playback = null;
    const context = this.context;
    this.context = null;
    if (context && context.state !== 'closed') await context.close();
  }
}
