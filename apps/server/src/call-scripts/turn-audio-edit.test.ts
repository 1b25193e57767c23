// setTurnAudio keeps the teacher's file exactly as written apart from the one `audio:`
// value: block and flow turns, multi-line lines, comments, an existing clip, a missing turn.
import { parseCallScript } from '@callsim/call-script';
import { describe, expect, it } from 'vitest';
import { setTurnAudio } from './turn-audio-edit.js';

const CLIP = 'audio/demo/calmer.wav';

const scenario = (turns: string) => `# 演示场景
formatVersion: 1
id: demo
locale: zh-CN
direction: inbound
category: complaint
title: 演示
customer: { name: 王先生, persona: angry }
dialogue:
  start: opening
  turns:
${turns}`;

const audioOf = (text: string, turn: string) => {
  const doc = parseCallScript(text, 'inbound/demo.yaml').document;
  if (doc?.kind !== 'scenario') throw new Error('not a valid scenario');
  return doc.scenario.dialogue.turns[turn]?.audio;
};

describe('setTurnAudio', () => {
  it('adds one line after `say` in a block turn, trailing comment included', () => {
    const text = scenario(`    opening:
      say: 喂？  # 生气
      # 接下来
      next: [{ goto: calmer }]
    calmer: # 缓和
      say: 嗯。
      end: true
`);
    const out = setTurnAudio(text, 'calmer', CLIP);
    expect(out).toBe(text.replace('      say: 嗯。\n', `      say: 嗯。\n      audio: ${CLIP}\n`));
    expect(audioOf(out, 'calmer')).toBe(CLIP);
    expect(audioOf(out, 'opening')).toBeUndefined();
  });

  it('handles a multi-line block scalar and a turn at the end of the file without a newline', () => {
    const text = scenario(`    opening:
      say: |
        第一行
        第二行
      next: [{ goto: calmer }]
    calmer:
      end: true
      say: 好的`);
    const opening = setTurnAudio(text, 'opening', 'audio/demo/opening.wav');
    expect(opening).toContain('        第二行\n      audio: audio/demo/opening.wav\n      next:');
    expect(audioOf(opening, 'opening')).toBe('audio/demo/opening.wav');
    const calmer = setTurnAudio(text, 'calmer', CLIP);
    expect(calmer.endsWith(`      say: 好的\n      audio: ${CLIP}\n`)).toBe(true);
    expect(audioOf(calmer, 'calmer')).toBe(CLIP);
  });

  it('adds to a flow turn and replaces an existing clip in place', () => {
    const text = scenario(`    opening: { say: "喂？", next: [{ goto: calmer }] }
    calmer:
      say: 嗯。
      audio: "audio/old.wav"   # 旧录音
      end: true
`);
    const flow = setTurnAudio(text, 'opening', 'audio/demo/opening.wav');
    expect(flow).toContain(
      'opening: { say: "喂？", audio: audio/demo/opening.wav, next: [{ goto: calmer }] }',
    );
    expect(audioOf(flow, 'opening')).toBe('audio/demo/opening.wav');
    const replaced = setTurnAudio(text, 'calmer', CLIP);
    expect(replaced).toBe(text.replace('"audio/old.wav"', CLIP));
    expect(audioOf(replaced, 'calmer')).toBe(CLIP);
  });

  it('refuses a turn that does not exist', () => {
    const text = scenario(`    opening:
      say: 喂？
      end: true
`);
    expect(() => setTurnAudio(text, 'nope', CLIP)).toThrow(
      expect.objectContaining({ code: 'SCRIPT_TURN_NOT_FOUND' }),
    );
    expect(() => setTurnAudio('a: [', 'opening', CLIP)).toThrow(
      expect.objectContaining({ code: 'SCRIPT_TURN_NOT_FOUND' }),
    );
  });
});
