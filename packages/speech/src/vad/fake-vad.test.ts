// The energy-only fake VAD must honour the same event contract as Silero on clean speech.
import { describe, expect, it } from 'vitest';
import { espeakSpeech, frames, speechBoundsMs } from '../__fixtures__/speech-audio.js';
import { createFakeVad } from './fake-vad.js';
import type { VadEvent, VadSpeechEnd } from './vad.js';

describe('fake energy VAD', () => {
  it('emits one speech-start and one speech-end around clean speech', () => {
    const clean = espeakSpeech('Thank you for waiting.', 'en-us');
    const bounds = speechBoundsMs(clean);
    const padded = espeakSpeech('Thank you for waiting.', 'en-us', 1000, 1500);
    const vad = createFakeVad({ endSilenceMs: 600 });
    const events: VadEvent[] = [];
    for (const { frame, atMs } of frames(padded)) events.push(...vad.pushFrame(frame, atMs));
    expect(events.map((e) => e.type)).toEqual(['speech-start', 'speech-end']);
    const end = events[1] as VadSpeechEnd;
    expect(Math.abs(end.startMs - (bounds.startMs + 1000))).toBeLessThanOrEqual(100);
    expect(Math.abs(end.lastVoicedMs - (bounds.endMs + 1000))).toBeLessThanOrEqual(100);
    expect(end.atMs - end.lastVoicedMs).toBeGreaterThanOrEqual(600);
  });
});
