// AudioWorklet: plays the customer's 16 kHz frames through a jitter buffer. Playback
// starts once `targetMs` of audio is queued; when the queue runs dry the gap is filled
// with silence and counted (an underrun), and playback waits for the target again.
class CallerPlaybackProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const targetMs = options?.processorOptions?.targetMs || 80;
    this.targetSamples = Math.round((targetMs / 1000) * sampleRate);
    this.queue = [];
    this.queued = 0;
    this.offset = 0;
    this.playing = false;
    this.underruns = 0;
    this.port.onmessage = (event) => {
      const data = event.data;
      if (data.type === 'frame') {
        const samples = new Int16Array(data.pcm);
        this.queue.push(samples);
        this.queued += samples.length;
        // Bound the delay: drop the oldest audio beyond half a second.
        while (this.queued > sampleRate / 2 && this.queue.length > 1) {
          const dropped = this.queue.shift();
          this.queued -= dropped.length - this.offset;
          this.offset = 0;
        }
      } else if (data.type === 'reset') {
        this.queue = [];
        this.queued = 0;
        this.offset = 0;
        this.playing = false;
      } else if (data.type === 'stats') {
        this.port.postMessage({
          type: 'stats',
          underruns: this.underruns,
          queuedMs: (this.queued / sampleRate) * 1000,
        });
      }
    };
  }

  process(_inputs, outputs) {
    const out = outputs[0][0];
    if (!this.playing && this.queued >= this.targetSamples) this.playing = true;
    let i = 0;
    if (this.playing) {
      while (i < out.length && this.queue.length > 0) {
        const head = this.queue[0];
        const take = Math.min(out.length - i, head.length - this.offset);
        for (let k = 0; k < take; k++) out[i + k] = head[this.offset + k] / 32768;
        i += take;
        this.offset += take;
        this.queued -= take;
        if (this.offset >= head.length) {
          this.queue.shift();
          this.offset = 0;
        }
      }
      if (i < out.length) {
        this.underruns++;
        this.playing = false;
      }
    }
    for (; i < out.length; i++) out[i] = 0;
    for (let c = 1; c < outputs[0].length; c++) outputs[0][c].set(out);
    return true;
  }
}

registerProcessor('caller-playback', CallerPlaybackProcessor);
