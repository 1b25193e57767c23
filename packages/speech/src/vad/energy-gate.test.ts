// The energy gate decides which frames may skip the neural VAD: it must open on speech,
// stay shut on silence, and learn a steady noise floor so a noisy room still saves CPU.
import { describe, expect, it } from 'vitest';
import { espeakSpeech, frames, soxNoise } from '../__fixtures__/speech-audio.js';
import { createEnergyGate, frameLevelDbfs } from './energy-gate.js';

describe('frameLevelDbfs', () => {
  it('measures RMS in dBFS', () => {
    expect(frameLevelDbfs(new Int16Array(320).fill(32767))).toBeCloseTo(0, 1);
    expect(frameLevelDbfs(new Int16Array(320).fill(3277))).toBeCloseTo(-20, 1);
    expect(frameLevelDbfs(new Int16Array(320))).toBe(-120);
  });
});

describe('energy gate', () => {
  it('opens on espeak speech frames and stays shut on digital silence', () => {
    const gate = createEnergyGate();
    const silent = [...frames(new Int16Array(16000))].map(({ frame }) => gate.update(frame, 20, false).open);
    expect(silent.every((open) => !open)).toBe(true);
    const speech = [...frames(espeakSpeech('Good morning, how may I help you?', 'en-us'))].map(
      ({ frame }) => gate.update(frame, 20, false).open,
    );
    expect(speech.filter(Boolean).length / speech.length).toBeGreaterThan(0.6);
  });

  it('learns steady noise louder than the absolute threshold and then shuts on it', () => {
    const gate = createEnergyGate();
    const decisions = [...frames(soxNoise('pinknoise', 6, 0.05))].map(({ frame }) =>
      gate.update(frame, 20, false),
    );
    expect(decisions[0]!.levelDbfs).toBeGreaterThan(-50);
    const lastSecond = decisions.slice(-50);
    expect(lastSecond.filter((d) => d.open).length).toBeLessThan(5);
    expect(gate.noiseFloorDbfs).toBeGreaterThan(-50);
  });

  it('does not let speech raise the noise floor while the VAD says speaking', () => {
    const gate = createEnergyGate();
    for (const { frame } of frames(espeakSpeech('This is a long sentence spoken by the agent.', 'en-us'))) {
      gate.update(frame, 20, true);
    }
    expect(gate.noiseFloorDbfs).toBe(-56);
  });
});
