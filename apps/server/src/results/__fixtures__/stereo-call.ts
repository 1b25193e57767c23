// A real stereo call on disk for scoring tests: espeak-ng speech (via the shared speech
// fixtures) placed with sox — customer on the right channel first, then the agent on the
// left — plus the timeline JSON the recorder would have written next to it.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { speechWav } from '../../agent/speech-wav.js';
import type { CallTimeline } from '../../recorder/timeline.js';

const seconds = (file: string): number => Number(execFileSync('soxi', ['-D', file], { encoding: 'utf8' }));

export const CALLER_TEXT = '你好，我买的保温杯收到就是破的，怎么回事？';
export const AGENT_TEXTS = [
  '您好，现代生活网上超市，很高兴为您服务。',
  '非常抱歉给您带来不便，我马上为您补寄一个新的。',
];

/** Writes `<callId>.wav` and `<callId>.json` into `dir`; times in the timeline match the audio. */
export function writeStereoCall(
  dir: string,
  callId: string,
  agentUserId: string,
): { wavPath: string; timelinePath: string; timeline: CallTimeline } {
  const caller = speechWav(CALLER_TEXT, 'zh-CN', { padBeforeMs: 0, padAfterMs: 0 });
  const agent = AGENT_TEXTS.map((text) => speechWav(text, 'zh-CN', { padBeforeMs: 0, padAfterMs: 0 }));
  const callerStartMs = 500;
  const callerEndMs = callerStartMs + Math.round(seconds(caller) * 1000);
  const agentTurns: { startMs: number; endMs: number; text: string; file: string }[] = [];
  let atMs = callerEndMs + 600;
  for (const [k, file] of agent.entries()) {
    const endMs = atMs + Math.round(seconds(file) * 1000);
    agentTurns.push({ startMs: atMs, endMs, text: AGENT_TEXTS[k]!, file });
    atMs = endMs + 700;
  }
  const durationMs = atMs + 500;
  const left = path.join(dir, `${callId}.left.wav`);
  const right = path.join(dir, `${callId}.right.wav`);
  const wavPath = path.join(dir, `${callId}.wav`);
  // Left: silence, agent turn 1, gap, agent turn 2, silence to the end.
  const gapAfter = (k: number) => ((agentTurns[k + 1]?.startMs ?? durationMs) - agentTurns[k]!.endMs) / 1000;
  execFileSync('sox', [
    agentTurns[0]!.file,
    path.join(dir, 'a1.wav'),
    'pad',
    String(agentTurns[0]!.startMs / 1000),
    String(gapAfter(0)),
  ]);
  execFileSync('sox', [agentTurns[1]!.file, path.join(dir, 'a2.wav'), 'pad', '0', String(gapAfter(1))]);
  execFileSync('sox', [path.join(dir, 'a1.wav'), path.join(dir, 'a2.wav'), left]);
  execFileSync('sox', [
    caller,
    right,
    'pad',
    String(callerStartMs / 1000),
    String((durationMs - callerEndMs) / 1000),
  ]);
  execFileSync('sox', ['-M', left, right, '-b', '16', wavPath]);

  const timeline: CallTimeline = {
    callId,
    scenarioId: 'complaint-damaged-cup',
    locale: 'zh-CN',
    direction: 'inbound',
    mode: 'practice',
    agentUserId,
    sampleRateHz: 16000,
    answeredAtMs: Date.now(),
    durationMs,
    endedBy: 'agent',
    recovered: false,
    segments: [
      { speaker: 'caller', startMs: callerStartMs, endMs: callerEndMs, text: CALLER_TEXT, engine: 'script' },
      ...agentTurns.map((t) => ({
        speaker: 'agent' as const,
        startMs: t.startMs,
        endMs: t.endMs,
        text: t.text,
        engine: 'browser',
      })),
    ],
    events: [
      { type: 'ring', atMs: -9000, ringCount: 1 },
      { type: 'ring', atMs: -4000, ringCount: 2 },
      { type: 'answer', atMs: 0 },
      { type: 'hangup', atMs: durationMs, endedBy: 'agent' },
    ],
  };
  const timelinePath = path.join(dir, `${callId}.json`);
  writeFileSync(timelinePath, JSON.stringify(timeline, null, 2));
  return { wavPath, timelinePath, timeline };
}
