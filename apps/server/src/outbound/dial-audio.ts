// What the agent hears between dialling and the customer: ringback, the busy tone, a
// voicemail greeting with its beep, or a stranger's "wrong number" line. Produced as
// 20 ms frames of 16 kHz s16le with continuous phase, so tones never click between frames.
// China uses 450 Hz (ringback 1 s on / 4 s off); the US uses 440+480 Hz (2 s on / 4 s off).
import { FRAME_SAMPLES_16K, INTERNAL_SAMPLE_RATE_HZ } from '@callsim/audio';
import type { DialOutcome } from '@callsim/protocol';

/** About −16 dBFS: audible without drowning the customer's voice that follows. */
const TONE_AMPLITUDE = 5200;

export interface TonePattern {
  frequenciesHz: readonly number[];
  onMs: number;
  offMs: number;
}

/** Ringback cadence for a locale, fitted into one ring period (one `call:ring` per period). */
export function ringbackPattern(locale: string, ringPeriodMs: number): TonePattern {
  const us = locale.startsWith('en');
  const onMs = Math.min(us ? 2000 : 1000, Math.round(ringPeriodMs * 0.4));
  return { frequenciesHz: us ? [440, 480] : [450], onMs, offMs: ringPeriodMs - onMs };
}

export function busyPattern(locale: string): TonePattern {
  return locale.startsWith('en')
    ? { frequenciesHz: [480, 620], onMs: 500, offMs: 500 }
    : { frequenciesHz: [450], onMs: 350, offMs: 350 };
}

export const BEEP: TonePattern = { frequenciesHz: [1000], onMs: 400, offMs: 0 };

type Segment =
  | { kind: 'tone'; pattern: TonePattern; remainingSamples: number; positionSamples: number }
  | { kind: 'pcm'; samples: Int16Array; offset: number };

/** A queue of tones and recorded lines played out frame by frame. */
export class DialAudio {
  private readonly segments: Segment[] = [];
  private phase = 0;

  /** Plays `pattern` for `durationMs` (Infinity: until replaced). */
  tone(pattern: TonePattern, durationMs: number): this {
    this.segments.push({
      kind: 'tone',
      pattern,
      remainingSamples: Number.isFinite(durationMs)
        ? Math.round((durationMs / 1000) * INTERNAL_SAMPLE_RATE_HZ)
        : Number.POSITIVE_INFINITY,
      positionSamples: 0,
    });
    return this;
  }

  pcm(samples: Int16Array): this {
    if (samples.length > 0) this.segments.push({ kind: 'pcm', samples, offset: 0 });
    return this;
  }

  silence(durationMs: number): this {
    return this.pcm(new Int16Array(Math.round((durationMs / 1000) * INTERNAL_SAMPLE_RATE_HZ)));
  }

  get done(): boolean {
    return this.segments.length === 0;
  }

  /** The next 20 ms frame, or null once everything was played. */
  next(): Int16Array | null {
    if (this.segments.length === 0) return null;
    const frame = new Int16Array(FRAME_SAMPLES_16K);
    let filled = 0;
    while (filled < frame.length && this.segments.length > 0) {
      const segment = this.segments[0]!;
      if (segment.kind === 'pcm') {
        const take = Math.min(frame.length - filled, segment.samples.length - segment.offset);
        frame.set(segment.samples.subarray(segment.offset, segment.offset + take), filled);
        segment.offset += take;
        filled += take;
        if (segment.offset >= segment.samples.length) this.segments.shift();
        continue;
      }
      const { pattern } = segment;
      const cycle = Math.max(
        1,
        Math.round(((pattern.onMs + pattern.offMs) / 1000) * INTERNAL_SAMPLE_RATE_HZ),
      );
      const onSamples = Math.round((pattern.onMs / 1000) * INTERNAL_SAMPLE_RATE_HZ);
      while (filled < frame.length && segment.remainingSamples > 0) {
        const inCycle = segment.positionSamples % cycle;
        let value = 0;
        if (inCycle < onSamples) {
          let sum = 0;
          for (const hz of pattern.frequenciesHz)
            sum += Math.sin((2 * Math.PI * hz * this.phase) / INTERNAL_SAMPLE_RATE_HZ);
          value = Math.round((sum / pattern.frequenciesHz.length) * TONE_AMPLITUDE);
        }
        this.phase++;
        frame[filled++] = value;
        segment.positionSamples++;
        segment.remainingSamples--;
      }
      if (segment.remainingSamples <= 0) this.segments.shift();
    }
    return frame;
  }
}

/** Lines a voicemail box or a stranger says (TTS); the scenario's customer never says them. */
const DIAL_LINES: Record<'voicemail' | 'wrong-person', Record<'zh-CN' | 'en-US', string>> = {
  voicemail: {
    'zh-CN': '您好，我现在不方便接听电话，请在提示音后留言。',
    'en-US': "Hi, I can't take your call right now. Please leave a message after the tone.",
  },
  'wrong-person': {
    'zh-CN': '喂？你找谁？这里没有这个人，你打错了。',
    'en-US': "Hello? Who? There's nobody here by that name. You have the wrong number.",
  },
};

/** How long the busy tone plays before an unanswered dial ends. */
const BUSY_TONE_MS = 3000;

export function dialLineText(outcome: 'voicemail' | 'wrong-person', locale: string): string {
  return DIAL_LINES[outcome][locale === 'en-US' ? 'en-US' : 'zh-CN'];
}

/**
 * What the agent hears after an unanswered dial's outcome: the busy tone, the voicemail
 * greeting (`line`) and its beep, or the stranger's line; null when nothing (no answer).
 */
export function outcomeAudio(
  outcome: DialOutcome | 'cancelled',
  locale: string,
  line: Int16Array | null,
): DialAudio | null {
  if (outcome === 'busy') return new DialAudio().tone(busyPattern(locale), BUSY_TONE_MS);
  if (outcome !== 'voicemail' && outcome !== 'wrong-person') return null;
  const audio = new DialAudio().silence(300);
  if (line) audio.pcm(line);
  if (outcome === 'voicemail') audio.silence(300).tone(BEEP, BEEP.onMs);
  return audio;
}
