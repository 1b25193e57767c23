// Converts between the phone line (G.711 μ-law, 8 kHz mono) and callsim's internal audio
// (16-bit PCM, 16 kHz mono, 20 ms = 320-sample frames), with the audio package's streaming
// resamplers. Guarantees: whole 20 ms frames out in both directions, whatever the input
// chunking; one codec per stream (the resamplers keep filter state between frames).
import {
  createResampler,
  FRAME_SAMPLES_16K,
  float32ToInt16,
  int16ToFloat32,
  muLawDecode,
  muLawEncode,
} from '@callsim/audio';

export const PHONE_SAMPLE_RATE_HZ = 8000;
/** μ-law bytes in one 20 ms frame at 8 kHz. */
export const PHONE_FRAME_BYTES = 160;

export class PhoneCodec {
  private readonly up = createResampler(PHONE_SAMPLE_RATE_HZ, 16000);
  private readonly down = createResampler(16000, PHONE_SAMPLE_RATE_HZ);
  private pending = new Float32Array(0);

  /** μ-law bytes from the phone → zero or more 320-sample 16 kHz frames. */
  decode(mulaw: Uint8Array): Int16Array[] {
    const wide = this.up.push(int16ToFloat32(muLawDecode(mulaw)));
    const all = new Float32Array(this.pending.length + wide.length);
    all.set(this.pending);
    all.set(wide, this.pending.length);
    const frames: Int16Array[] = [];
    let offset = 0;
    for (; offset + FRAME_SAMPLES_16K <= all.length; offset += FRAME_SAMPLES_16K)
      frames.push(float32ToInt16(all.subarray(offset, offset + FRAME_SAMPLES_16K)));
    this.pending = all.slice(offset);
    return frames;
  }

  /** One 320-sample 16 kHz frame → 160 μ-law bytes for the phone. */
  encode(frame: Int16Array): Uint8Array {
    return muLawEncode(float32ToInt16(this.down.push(int16ToFloat32(frame))));
  }

  /** Forgets the phone-bound filter history (a new line starts after silence). */
  resetEncoder(): void {
    this.down.reset();
  }
}
