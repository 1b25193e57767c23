// The recorder writes real stereo WAV files: agent left, customer right, one clock; a
// recording abandoned mid-call is recovered into a playable file and a timeline.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeWav, FRAME_SAMPLES_16K } from '@callsim/audio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingPaths, recoverRecording, StereoRecorder } from './stereo-recorder.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'callsim-rec-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const meta = {
  callId: 'C1',
  scenarioId: 'complaint-damaged-cup',
  locale: 'zh-CN',
  direction: 'inbound' as const,
  mode: 'practice' as const,
  agentUserId: 'U1',
  sampleRateHz: 16000,
  answeredAtMs: 1_700_000_000_000,
};

function tone(frequencyHz: number, frameIndex: number, amplitude = 8000): Int16Array {
  const out = new Int16Array(FRAME_SAMPLES_16K);
  for (let i = 0; i < out.length; i++) {
    const n = frameIndex * FRAME_SAMPLES_16K + i;
    out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * frequencyHz * n) / 16000));
  }
  return out;
}

function rms(samples: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += (samples[i] ?? 0) ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

describe('StereoRecorder', () => {
  it('patches a late agent frame into the second still in memory, not one already on disk', async () => {
    const paths = recordingPaths(dir, 'C1', meta.answeredAtMs);
    const recorder = await StereoRecorder.create(paths, meta);
    // 60 frames: the first 50 (one second) are flushed, 10 are still in memory.
    for (let f = 0; f < 60; f++) recorder.writeFrame(null, tone(500, f));
    expect(recorder.patchAgentFrame(55, tone(300, 55))).toBe(true);
    expect(recorder.patchAgentFrame(10, tone(300, 10))).toBe(false);
    expect(recorder.patchAgentFrame(60, tone(300, 60))).toBe(false);
    await recorder.finalize({ durationMs: 1200, endedBy: 'agent' });
    const wav = decodeWav(new Uint8Array(readFileSync(paths.wavPath)));
    const [agent, customer] = wav.channels as [Float32Array, Float32Array];
    const frame = (f: number) => [f * FRAME_SAMPLES_16K, (f + 1) * FRAME_SAMPLES_16K] as const;
    expect(rms(agent, ...frame(55))).toBeGreaterThan(0.15);
    expect(rms(agent, ...frame(54))).toBe(0);
    expect(rms(agent, ...frame(56))).toBe(0);
    expect(rms(agent, ...frame(10))).toBe(0);
    // The customer channel of the patched frame is untouched.
    expect(rms(customer, ...frame(55))).toBeGreaterThan(0.15);
  });

  it('writes agent on the left and customer on the right, frame-aligned, with the timeline', async () => {
    const paths = recordingPaths(dir, 'C1', meta.answeredAtMs);
    const recorder = await StereoRecorder.create(paths, meta);
    // 1 s agent only, then 1 s customer only, then 0.5 s both.
    for (let f = 0; f < 125; f++) {
      recorder.writeFrame(f < 50 || f >= 100 ? tone(300, f) : null, f >= 50 ? tone(500, f) : null);
    }
    recorder.event({ type: 'answer', atMs: 0 });
    recorder.segment({ speaker: 'agent', startMs: 0, endMs: 1000, text: '您好', engine: 'browser' });
    const timeline = await recorder.finalize({ durationMs: 2500, endedBy: 'agent' });

    const decoded = decodeWav(new Uint8Array(readFileSync(paths.wavPath)));
    expect(decoded.sampleRateHz).toBe(16000);
    expect(decoded.channels.length).toBe(2);
    const [left, right] = decoded.channels as [Float32Array, Float32Array];
    expect(left.length).toBe(125 * FRAME_SAMPLES_16K);
    expect(rms(left, 0, 16000)).toBeGreaterThan(0.1);
    expect(rms(right, 0, 16000)).toBe(0);
    expect(rms(left, 16000, 32000)).toBe(0);
    expect(rms(right, 16000, 32000)).toBeGreaterThan(0.1);
    expect(rms(left, 32000, 40000)).toBeGreaterThan(0.1);
    expect(rms(right, 32000, 40000)).toBeGreaterThan(0.1);

    const onDisk = JSON.parse(readFileSync(paths.timelinePath, 'utf8'));
    expect(onDisk).toEqual(timeline);
    expect(onDisk).toMatchObject({
      callId: 'C1',
      scenarioId: 'complaint-damaged-cup',
      locale: 'zh-CN',
      recovered: false,
    });
    expect(onDisk.segments).toEqual([
      { speaker: 'agent', startMs: 0, endMs: 1000, text: '您好', engine: 'browser' },
    ]);
  });

  it('recovers an abandoned recording: whole seconds on disk, header patched, timeline rebuilt', async () => {
    const paths = recordingPaths(dir, 'C2', meta.answeredAtMs);
    const recorder = await StereoRecorder.create(paths, { ...meta, callId: 'C2' });
    recorder.event({ type: 'answer', atMs: 0 });
    for (let f = 0; f < 170; f++) recorder.writeFrame(tone(300, f), tone(500, f));
    recorder.segment({ speaker: 'caller', startMs: 100, endMs: 2000, text: '喂？', engine: 'script' });
    await recorder.drain();
    // Everything reached the disk, but nothing was finalized: as after a kill -9.
    const timeline = await recoverRecording(paths);
    expect(timeline).not.toBeNull();
    expect(timeline!.recovered).toBe(true);
    expect(timeline!.durationMs).toBe(3400);
    expect(timeline!.segments).toHaveLength(1);
    expect(timeline!.events.map((e) => e.type)).toEqual(['answer', 'hangup']);
    const decoded = decodeWav(new Uint8Array(readFileSync(paths.wavPath)));
    expect(decoded.channels[0]!.length).toBe(170 * FRAME_SAMPLES_16K);
  });

  it('returns null when there is nothing to recover', async () => {
    expect(await recoverRecording(recordingPaths(dir, 'none', Date.now()))).toBeNull();
  });
});
