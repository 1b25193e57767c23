// Media framing constants shared by the softphone, the session and the recorder.
// Guarantees: FRAME_SAMPLES_16K = INTERNAL_SAMPLE_RATE_HZ × FRAME_MS / 1000 and FRAME_BYTES_16K = 2 × that (s16le mono).

/** Duration of one media frame, in milliseconds. */
export const FRAME_MS = 20;

/** Sample rate used inside callsim for agent and caller audio, in Hz. */
export const INTERNAL_SAMPLE_RATE_HZ = 16000;

/** Samples in one 20 ms mono frame at 16 kHz. */
export const FRAME_SAMPLES_16K = 320;

/** Bytes in one 20 ms mono 16-bit (s16le) frame at 16 kHz. */
export const FRAME_BYTES_16K = 640;
