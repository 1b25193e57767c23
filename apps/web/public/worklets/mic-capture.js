// AudioWorklet: microphone → 20 ms frames of 16 kHz mono s16le (640 bytes) posted to the
// page, plus the frame's RMS level in dBFS for the meter. The AudioContext runs at
// 16 kHz, so the browser resamples the microphone; this only frames and converts.
class MicCaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.frame = new Int16Array(320);
    this.filled = 0;
    this.sumSquares = 0;
  }

  process(inputs) {
    const channel = inputs[0]?.[0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; i++) {
      const s = Math.max(-1, Math.min(1, channel[i]));
      this.sumSquares += s * s;
      this.frame[this.filled++] = s < 0 ? s * 0x8000 : s * 0x7fff;
      if (this.filled === 320) {
        const rms = Math.sqrt(this.sumSquares / 320);
        const levelDb = rms > 0 ? Math.max(-90, 20 * Math.log10(rms)) : -90;
        const out = this.frame;
        this.port.postMessage({ pcm: out.buffer, levelDb }, [out.buffer]);
        this.frame = new Int16Array(320);
        this.filled = 0;
        this.sumSquares = 0;
      }
    }
    return true;
  }
}

registerProcessor('mic-capture', MicCaptureProcessor);
