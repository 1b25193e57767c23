// The project's real call-scripts/ library: every file validates, the catalogue has the
// scenarios the course needs, and the scripts behave as written when a trainee talks
// to them (branching on empathy, stopping after two refusals, scoring a good call).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  createDialogueWalker,
  matchTranscript,
  parseCallScript,
  type ResolvedScenario,
  type TranscriptSegment,
} from '@callsim/call-script';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LoadedLibrary, loadCallScriptLibrary } from './load-call-scripts.js';

const PROJECT = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const LIBRARY = path.join(PROJECT, 'call-scripts');
let library: LoadedLibrary;

beforeAll(async () => {
  library = await loadCallScriptLibrary(LIBRARY, { projectDir: PROJECT });
});

const scenario = (id: string): ResolvedScenario => {
  const found = library.scenarios.find((s) => s.id === id);
  if (found === undefined) throw new Error(`scenario ${id} missing`);
  return found;
};
const inLocale = (locale: string) => library.scenarios.filter((s) => s.locale === locale);
const count = (list: readonly ResolvedScenario[], category: string) =>
  list.filter((s) => s.category === category).length;
const decisionPoints = (s: ResolvedScenario) =>
  Object.values(s.dialogue.turns).filter((t) =>
    (t.next ?? []).some((b) => b.when?.step !== undefined || b.when?.says !== undefined),
  ).length;

describe('call-scripts/ library', () => {
  it('validates every file without a single problem', () => {
    expect(library.diagnostics).toEqual([]);
    expect(library.files.length).toBe(library.scenarios.length + library.templates.length);
  });

  it('keeps templates in templates/ and scenarios under inbound/ or outbound/ by direction', () => {
    for (const t of library.templates)
      expect(path.relative(LIBRARY, t.file).startsWith('templates')).toBe(true);
    for (const s of library.scenarios)
      expect(path.relative(LIBRARY, s.file).split(path.sep)[0]).toBe(s.direction);
  });

  it('has the zh-CN templates and scenarios the course needs', () => {
    const zhTemplates = library.templates
      .filter((t) => t.template.locale === 'zh-CN')
      .map((t) => t.template.id);
    expect(zhTemplates).toEqual(
      expect.arrayContaining([
        'inbound-standard',
        'outbound-followup',
        'outbound-promotion',
        'outbound-care',
      ]),
    );
    const zh = inLocale('zh-CN');
    expect(zh.length).toBeGreaterThanOrEqual(14);
    expect(count(zh, 'inquiry')).toBeGreaterThanOrEqual(3);
    expect(count(zh, 'complaint')).toBeGreaterThanOrEqual(3);
    expect(count(zh, 'followup')).toBeGreaterThanOrEqual(3);
    expect(count(zh, 'promotion')).toBeGreaterThanOrEqual(3);
    expect(count(zh, 'care')).toBeGreaterThanOrEqual(2);
  });

  it('has en-US templates and scenarios in all five categories', () => {
    expect(library.templates.filter((t) => t.template.locale === 'en-US').length).toBeGreaterThanOrEqual(2);
    const en = inLocale('en-US');
    expect(en.length).toBeGreaterThanOrEqual(6);
    for (const category of ['inquiry', 'complaint', 'followup', 'promotion', 'care'])
      expect(count(en, category)).toBeGreaterThanOrEqual(1);
  });

  it('gives every scenario a template, screen-pop facts, persona, voice, silence handling and a scoring block', () => {
    for (const s of library.scenarios) {
      const raw = parseCallScript(readFileSync(s.file, 'utf8'), s.file).document;
      expect(raw?.kind, s.id).toBe('scenario');
      if (raw?.kind !== 'scenario') continue;
      expect(s.templateId, s.id).not.toBeNull();
      expect(Object.keys(s.customer.facts ?? {}).length, s.id).toBeGreaterThanOrEqual(3);
      expect(s.customer.voice, s.id).toBeDefined();
      expect(raw.scenario.scoring, s.id).toBeDefined();
      expect(raw.scenario.dialogue.onSilence, s.id).toBeDefined();
      expect(s.dialogue.silenceHangup, s.id).toBeDefined();
      expect(decisionPoints(s), s.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('branches at least three times on what the agent said in complaints and promotions', () => {
    for (const s of library.scenarios.filter(
      (x) => x.category === 'complaint' || x.category === 'promotion',
    )) {
      expect(decisionPoints(s), s.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('schedules a follow-up scenario that exists, in the same locale, for every complaint', () => {
    for (const s of library.scenarios.filter((x) => x.category === 'complaint')) {
      const followUp = scenario(s.followUp?.scenario ?? '(none)');
      expect(followUp.category, s.id).toBe('followup');
      expect(followUp.locale, s.id).toBe(s.locale);
    }
  });

  it('makes pushing on after the second refusal a fatal error in every promotion', () => {
    for (const s of library.scenarios.filter((x) => x.category === 'promotion')) {
      const refusal = Object.entries(s.dialogue.turns).find(([, t]) =>
        (t.forbidden ?? []).some((f) => f.severity === 'fatal'),
      );
      expect(refusal, s.id).toBeDefined();
      const [, turn] = refusal ?? [];
      const targets = (turn?.next ?? []).map((b) => s.dialogue.turns[b.goto]);
      expect(targets.length, s.id).toBeGreaterThanOrEqual(2);
      for (const target of targets) expect(target?.end, s.id).toBe(true);
    }
  });

  it('covers the forbidden-phrase families in zh-CN and en-US templates', () => {
    const phrases = (id: string) =>
      library.templates
        .find((t) => t.template.id === id)
        ?.template.forbidden?.map((f) => f.phrase ?? f.pattern);
    expect(phrases('inbound-standard')).toEqual(
      expect.arrayContaining([
        '我不知道',
        '不归我管',
        '你去投诉吧',
        '这么简单都不懂',
        '没办法',
        '你搞错了',
        '听懂了吧',
        '喂{2,}',
      ]),
    );
    expect(phrases('en-inbound-standard')).toEqual(
      expect.arrayContaining(['calm down', "that's not my job", 'you should have', "I don't know"]),
    );
  });
});

describe('scripts behave as written', () => {
  const GREETING = '您好，现代生活网上超市，工号1024，很高兴为您服务，请问有什么可以帮您？';

  it('complaint-damaged-cup: empathy calms the customer, rudeness does not', () => {
    const s = scenario('complaint-damaged-cup');
    const kind = createDialogueWalker(s);
    kind.start();
    expect(kind.agentTurn({ text: GREETING }).line.turnId).toBe('opening');
    expect(kind.agentTurn({ text: '先生您好，非常抱歉给您带来不便，我非常理解您的心情。' }).line.turnId).toBe(
      'calmer',
    );

    const rude = createDialogueWalker(s);
    rude.start();
    rude.agentTurn({ text: GREETING });
    expect(rude.agentTurn({ text: '你是不是自己摔的？这个不归我管。' }).line.turnId).toBe('angrier');
    expect(rude.agentTurn({ text: '那你去投诉吧。' }).line).toMatchObject({ turnId: 'escalate', end: true });
  });

  it('complaint-damaged-cup: a good call ends politely and scores every required step', () => {
    const s = scenario('complaint-damaged-cup');
    const walker = createDialogueWalker(s, { agent: { id: '1024' } });
    walker.start();
    const agentTurns = [
      GREETING,
      '先生您好，非常抱歉给您带来不便，我非常理解您的心情。',
      '我跟您确认一下，您收到的保温杯杯盖有裂纹，是吗？我们马上给您免费补寄一个新的。',
      '破的那个不用寄回了，新的今天下午就发出，预计两天内送到。',
      '请问还有什么可以帮您的吗？',
      '感谢您的来电，祝您生活愉快，再见！',
    ];
    const segments: TranscriptSegment[] = [];
    let atMs = 2000;
    for (const text of agentTurns) {
      segments.push({ speaker: 'agent', startMs: atMs, endMs: atMs + 4000, text });
      const { line } = walker.agentTurn({ text });
      segments.push({ speaker: 'caller', startMs: atMs + 4500, endMs: atMs + 8000, text: line.text });
      atMs += 9000;
    }
    expect(walker.ended).toBe(true);
    expect(walker.currentTurnId).toBe('bye');
    const result = matchTranscript({ locale: 'zh-CN', segments }, s);
    expect(result.steps.filter((x) => x.required && !x.found).map((x) => x.id)).toEqual([]);
    expect(result.steps.filter((x) => x.outOfOrder || x.late)).toEqual([]);
    expect(result.forbidden).toEqual([]);
  });

  it('promotion-fresh-membership: the customer stops after two refusals and pushing on is fatal', () => {
    const s = scenario('promotion-fresh-membership');
    const walker = createDialogueWalker(s);
    const segments: TranscriptSegment[] = [];
    let atMs = 0;
    const say = (speaker: 'agent' | 'caller', text: string) => {
      segments.push({ speaker, startMs: atMs, endMs: atMs + 3000, text });
      atMs += 4000;
    };
    say('caller', walker.start()?.text ?? '');
    const turns = [
      '您好，我是现代生活网上超市的客服，想占用您一两分钟，您现在方便吗？',
      '我们现在有一个活动，给您介绍一下鲜享会员卡，一年一百九十九元。',
      '这个卡真的挺好的，很多人都办了。',
      '这个卡真的挺好的，您再了解一下吧。',
      '您再考虑一下嘛，真的很划算。',
    ];
    const heard: (string | null)[] = [];
    for (const text of turns) {
      say('agent', text);
      const { line } = walker.agentTurn({ text });
      heard.push(line.turnId);
      say('caller', line.text);
    }
    expect(heard).toEqual(['listening', 'objection-price', 'refusal-1', 'refusal-2', 'angry-hang-up']);
    expect(walker.ended).toBe(true);
    const fatal = matchTranscript({ locale: 'zh-CN', segments }, s).forbidden.filter(
      (f) => f.severity === 'fatal',
    );
    expect(fatal.map((f) => f.phrase).sort()).toEqual(['再考虑一下', '您再考虑', '真的很划算'].sort());
    for (const f of fatal) expect(f).toMatchObject({ turnId: 'refusal-2', atMs: segments.at(-2)?.startMs });
  });

  it('promotion-fresh-membership: respecting the second refusal ends the call without a fatal error', () => {
    const s = scenario('promotion-fresh-membership');
    const walker = createDialogueWalker(s);
    walker.start();
    for (const text of [
      '您好，我是现代生活网上超市的客服。',
      '我们现在有一个活动，给您介绍一下鲜享会员卡。',
      '很多人都办了。',
      '办一张吧。',
    ])
      walker.agentTurn({ text });
    expect(walker.currentTurnId).toBe('refusal-2');
    expect(walker.agentTurn({ text: '好的，那就不打扰您了，祝您生活愉快，再见。' }).line).toMatchObject({
      turnId: 'polite-end',
      end: true,
    });
  });

  it('complaint-damaged-blender-en: an apology takes the calming branch, blame does not', () => {
    const s = scenario('complaint-damaged-blender-en');
    const greeting = 'Thank you for calling Modern Living, my name is Sam, how can I help you today?';
    const kind = createDialogueWalker(s);
    kind.start();
    kind.agentTurn({ text: greeting });
    expect(
      kind.agentTurn({ text: "Oh no, I'm so sorry to hear that. I understand how frustrating that must be." })
        .line.turnId,
    ).toBe('calmer');
    const rude = createDialogueWalker(s);
    rude.start();
    rude.agentTurn({ text: greeting });
    expect(
      rude.agentTurn({ text: "Well, you must have dropped it. I won't apologize for that." }).line.turnId,
    ).toBe('angrier');
  });
});
