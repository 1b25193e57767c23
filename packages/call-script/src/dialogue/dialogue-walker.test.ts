// The dialogue walker drives the simulated customer: branch choice from what the agent
// said (steps, phrases), interruptions, persona, silence prompts and branches, hang-up.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createDialogueWalker,
  DialogueStateError,
  type ResolvedScenario,
  validateLibrary,
} from '../index.js';

function load(name: string, edit: (text: string) => string = (t) => t): ResolvedScenario {
  const file = path.join(import.meta.dirname, '__fixtures__', name);
  const result = validateLibrary([{ path: file, text: edit(readFileSync(file, 'utf8')) }]);
  expect(result.diagnostics).toEqual([]);
  const scenario = result.scenarios[0];
  if (scenario === undefined) throw new Error(`${name} did not resolve`);
  return scenario;
}

const complaint = load('complaint.yaml');
const GREETING = '您好，现代生活网上超市，工号1024，很高兴为您服务';

function afterGreeting(options = {}) {
  const walker = createDialogueWalker(complaint, options);
  expect(walker.start()).toBeNull(); // inbound: the agent speaks first
  const first = walker.agentTurn({ text: GREETING });
  return { walker, first };
}

describe('dialogue walker: branch choice', () => {
  it('answers the greeting with the start line, variables filled in', () => {
    const { first } = afterGreeting();
    expect(first.line).toEqual({
      turnId: 'opening',
      text: '喂？现代生活网上超市吗？我的保温杯收到就是坏的！',
      audio: null,
      end: false,
      cause: 'start',
      voice: { gender: 'male', rate: 1.1 },
    });
    expect(first.satisfiedStepIds).toEqual(['greeting']);
  });

  it('an empathetic turn takes the calming branch', () => {
    const { walker } = afterGreeting();
    const reply = walker.agentTurn({ text: '先生您好，非常抱歉给您带来不便，我非常理解您的心情。' });
    expect(reply.satisfiedStepIds).toEqual(['empathy']);
    expect(reply.branchIndex).toBe(1);
    expect(reply.line).toMatchObject({
      turnId: 'calmer',
      text: '订单号20261108-3391，你说怎么办？',
      audio: 'audio/walker/calmer.wav',
      cause: 'branch',
    });
    expect(reply.line.voice).toEqual({ gender: 'male', rate: 0.9 });
  });

  it('a rude turn does not: it takes the default branch to an angrier customer', () => {
    const { walker } = afterGreeting();
    const reply = walker.agentTurn({ text: '你自己摔坏的吧，这不归我管。' });
    expect(reply.satisfiedStepIds).toEqual([]);
    expect(reply.line).toMatchObject({ turnId: 'angrier', cause: 'default' });
  });

  it('a refused apology (我不会道歉) is not empathy', () => {
    const { walker } = afterGreeting();
    expect(walker.agentTurn({ text: '我不会跟你抱歉的' }).line.turnId).toBe('angrier');
  });

  it('takes a `says` branch when the agent asks what happened', () => {
    const { walker } = afterGreeting();
    expect(walker.agentTurn({ text: '先生，请问怎么了？' }).line.turnId).toBe('explain');
  });

  it('takes the interruption branch when the agent talked over the customer', () => {
    const { walker } = afterGreeting();
    expect(walker.agentTurn({ text: '非常抱歉', interrupted: true }).line.turnId).toBe('interrupted');
  });

  it('uses step ids given by the caller instead of matching the text', () => {
    const { walker } = afterGreeting();
    expect(walker.agentTurn({ text: '', stepIds: ['empathy'] }).line.turnId).toBe('calmer');
  });

  it('checks the persona condition (an overridden persona changes the branch)', () => {
    const angry = afterGreeting().walker;
    angry.agentTurn({ text: '你说什么？' });
    expect(angry.agentTurn({ text: '抱歉抱歉' }).line.turnId).toBe('calmer');

    const calm = afterGreeting({ persona: 'calm' }).walker;
    expect(calm.persona).toBe('calm');
    calm.agentTurn({ text: '你说什么？' });
    expect(calm.agentTurn({ text: '抱歉抱歉' }).line.turnId).toBe('escalate');
  });

  it('reports end after an end turn and refuses further turns', () => {
    const { walker } = afterGreeting();
    walker.agentTurn({ text: '非常抱歉' });
    const last = walker.agentTurn({ text: '马上给您补寄一个新的' });
    expect(last.line).toMatchObject({ turnId: 'accept', end: true });
    expect(walker.ended).toBe(true);
    expect(() => walker.agentTurn({ text: '再见' })).toThrow(DialogueStateError);
    expect(() => walker.silence()).toThrowError(expect.objectContaining({ code: 'dialogue-ended' }));
  });

  it('refuses an agent turn before start()', () => {
    const walker = createDialogueWalker(complaint);
    expect(() => walker.agentTurn({ text: '您好' })).toThrowError(
      expect.objectContaining({ code: 'dialogue-not-started' }),
    );
  });
});

describe('dialogue walker: silence', () => {
  it('takes a silence branch when the turn has one', () => {
    const { walker } = afterGreeting();
    walker.agentTurn({ text: '抱歉' });
    expect(walker.silence()).toMatchObject({ turnId: 'impatient', cause: 'silence-branch', end: false });
  });

  it('prompts with the turn line or the dialogue line, then hangs up after the allowed prompts', () => {
    const { walker } = afterGreeting();
    walker.agentTurn({ text: '嗯' }); // → angrier, which has its own onSilence
    expect(walker.silence()).toMatchObject({
      turnId: 'angrier',
      text: '你倒是说话啊！',
      cause: 'silence-prompt',
      end: false,
    });
    expect(walker.silence()).toMatchObject({ cause: 'silence-prompt', end: false });
    expect(walker.silence()).toMatchObject({
      text: '没人说话是吧？我去投诉！',
      cause: 'silence-hangup',
      end: true,
    });
    expect(walker.ended).toBe(true);
  });

  it('an agent turn resets the silence count', () => {
    const walker = createDialogueWalker(complaint);
    walker.start();
    expect(walker.silence().cause).toBe('silence-prompt');
    expect(walker.silence().cause).toBe('silence-prompt');
    walker.agentTurn({ text: GREETING }); // → opening; without it the next silence would hang up
    expect(walker.silence()).toMatchObject({ turnId: 'opening', cause: 'silence-prompt', end: false });
    expect(walker.silence().cause).toBe('silence-prompt');
    expect(walker.silence().cause).toBe('silence-hangup');
  });

  it('uses the times passed in: poll fires once silenceTimeoutMs after the floor opened', () => {
    const walker = createDialogueWalker(complaint);
    walker.start();
    walker.listenFrom(1000);
    expect(walker.silenceDueAtMs).toBe(9000);
    expect(walker.poll(8999)).toBeNull();
    expect(walker.poll(9000)).toMatchObject({
      turnId: null,
      text: '喂？你还在听吗？',
      cause: 'silence-prompt',
    });
    expect(walker.poll(20_000)).toBeNull(); // disarmed until the next listenFrom
    walker.agentTurn({ text: GREETING });
    expect(walker.silenceDueAtMs).toBeNull();
  });

  it('a customer-first (outbound) call opens with the start line', () => {
    const outbound = load('complaint.yaml', (t) =>
      t.replace('silenceTimeoutMs: 8000', 'firstSpeaker: customer\n  silenceTimeoutMs: 8000'),
    );
    const walker = createDialogueWalker(outbound, { agent: { id: '1024' } });
    expect(walker.start()).toMatchObject({ turnId: 'opening', cause: 'start' });
    expect(walker.agentTurn({ text: '抱歉' }).line.turnId).toBe('calmer');
  });
});
