// Test helpers: real scenarios from the project's call-scripts/ (templates merged the same way
// the server does), and hand-made conversations whose timing follows a chosen speech rate.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Locale,
  parseCallScript,
  type ResolvedScenario,
  resolveScenario,
  type Template,
} from '@callsim/call-script';
import {
  type ChannelAnalysisInput,
  countSpeechUnits,
  type ScoreCallInput,
  type ScoreScript,
  type ScoreSegment,
} from '../index.js';
import { buildCallContext, type CallContext } from '../model/call-context.js';

/** The project root (holds call-scripts/). */
export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Loads `call-scripts/<relative>` and merges its template from call-scripts/templates/. */
export function loadScenario(relative: string): ResolvedScenario {
  const file = path.join(PROJECT_DIR, 'call-scripts', relative);
  const parsed = parseCallScript(readFileSync(file, 'utf8'), file).document;
  if (parsed?.kind !== 'scenario') throw new Error(`${relative} is not a valid scenario`);
  const templateId = parsed.scenario.agent?.template;
  let template: Template | null = null;
  if (templateId !== undefined) {
    const templateFile = path.join(PROJECT_DIR, 'call-scripts/templates', `${templateId}.yaml`);
    const doc = parseCallScript(readFileSync(templateFile, 'utf8'), templateFile).document;
    if (doc?.kind !== 'template') throw new Error(`template ${templateId} not found`);
    template = doc.template;
  }
  return resolveScenario(parsed.scenario, template, file);
}

/** One line of a hand-made conversation. */
export interface Line {
  readonly speaker: 'agent' | 'caller';
  readonly text: string;
  /** Silence before this line, ms (negative: starts that long before the previous line ends). */
  readonly gapMs?: number;
  /** Overrides the duration computed from the speech rate, ms. */
  readonly durationMs?: number;
}

/** Speech rates used to time lines: 字 (zh) or words (en) per minute. */
export interface Pace {
  readonly agentPerMin: number;
  readonly callerPerMin: number;
  /** Where the first line starts, ms from answer. */
  readonly startMs?: number;
  /** Default gap between lines, ms. */
  readonly gapMs?: number;
}

/** Times `lines` one after the other at `pace`. */
export function converse(locale: Locale, lines: readonly Line[], pace: Pace): ScoreSegment[] {
  const segments: ScoreSegment[] = [];
  let cursorMs = pace.startMs ?? 500;
  lines.forEach((line, k) => {
    const startMs = k === 0 ? cursorMs : cursorMs + (line.gapMs ?? pace.gapMs ?? 400);
    const perMin = line.speaker === 'agent' ? pace.agentPerMin : pace.callerPerMin;
    const durationMs = line.durationMs ?? Math.round((countSpeechUnits(line.text, locale) / perMin) * 60_000);
    segments.push({ speaker: line.speaker, startMs, endMs: startMs + durationMs, text: line.text });
    cursorMs = startMs + durationMs;
  });
  return segments;
}

/** A channel analysis as `callsim analyze` reports it, with overrides. */
export function channelAnalysis(overrides: Partial<ChannelAnalysisInput> = {}): ChannelAnalysisInput {
  return {
    voicedMs: 60_000,
    f0: { medianHz: 210, p10Hz: 170, p90Hz: 260, sdSemitones: 3 },
    intensity: { meanDb: 70, sdDb: 7 },
    syllableRatePerSec: 2.2,
    articulationRatePerSec: 3,
    pauses: { count: 10, longestMs: 1200 },
    ...overrides,
  };
}

/** A script with no steps or forbidden phrases, for items that do not need the 话术. */
export function bareScript(locale: Locale, extra: Partial<ScoreScript> = {}): ScoreScript {
  return { id: 'bare', locale, steps: [], forbidden: [], ...extra };
}

/** The shared call context for `input` (what each dimension's items read). */
export function contextOf(input: ScoreCallInput): CallContext {
  return buildCallContext(input);
}
