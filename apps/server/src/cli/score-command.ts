// `callsim score --script <yaml> --transcript <json> [--audio <wav>] [--timeline <json>] [--json]`:
// scores one call against its scenario. Guarantees: --json prints the CallScore of @callsim/scoring
// (contract: adherence.steps[] {id, found, atMs, evidence}, adherence.forbidden[] {phrase, atMs, severity});
// exit 0 scored (even a failed call), 1 unreadable or invalid input (the message names the field), 2 usage.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzeRecording, type DetailedChannelAnalysis } from '@callsim/analysis';
import { AudioError, decodeWav } from '@callsim/audio';
import { LOCALES, type ResolvedScenario } from '@callsim/call-script';
import { type CallScore, type ScoreCallInput, type ScoreItem, scoreCall } from '@callsim/scoring';
import { z } from 'zod';
import { loadCallScripts } from '../call-scripts/load-call-scripts.js';

/** Where the command prints and which folder relative paths (and call-scripts/templates) are found from. */
export interface ScoreCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

const USAGE = `Usage: callsim score --script <yaml> --transcript <json> [--audio <wav>] [--timeline <json>]
                     [--baseline <json>] [--json]

Scores one call on script adherence, speed, tone and courtesy, with evidence and advice.
  --script      the scenario YAML (its template is found like \`callsim validate\` does)
  --transcript  { "locale": "zh-CN", "segments": [ { "speaker": "agent"|"caller", "startMs", "endMs", "text" } ] }
                (a call timeline JSON works too; its events are then used as with --timeline)
  --audio       the call recording (WAV; channel 0 = agent, 1 = caller; a mono file is the agent)
  --timeline    a call timeline JSON: rings, holds, interruptions, hang-up
  --baseline    the trainee's voice baseline { "neutral": { "f0MedianHz", … }, "smiling": { … } } for warmth
  --json        print the score as JSON
  -h, --help    show this help

Exit codes: 0 scored, 1 unreadable or invalid input, 2 usage error.`;

const OPTIONS_WITH_VALUE = ['--script', '--transcript', '--audio', '--timeline', '--baseline'] as const;
type OptionName = (typeof OPTIONS_WITH_VALUE)[number];

/** Input problem to report with exit code 1. */
class InputError extends Error {}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const nonNegative = finite.refine((n) => n >= 0, 'must be ≥ 0 (ms from answer)');

const segmentSchema = z
  .object({
    speaker: z.enum(['agent', 'caller']),
    startMs: nonNegative,
    endMs: nonNegative,
    text: z.string(),
    interruption: z.boolean().nullish(),
  })
  .refine((s) => s.endMs >= s.startMs, { path: ['endMs'], message: 'must not be before startMs' });

const transcriptSchema = z.object({
  locale: z.enum(LOCALES),
  segments: z.array(segmentSchema),
});

const eventSchema = z.looseObject({ type: z.string().min(1), atMs: finite });

const timelineSchema = z.object({
  events: z.array(eventSchema).optional(),
  durationMs: nonNegative.optional(),
});

const profileSchema = z.object({
  f0MedianHz: finite.refine((n) => n > 0, 'must be > 0'),
  f2MedianHz: finite.optional(),
  f3MedianHz: finite.optional(),
  energy2to3kHzRatio: finite.optional(),
});
const baselineSchema = z.object({ neutral: profileSchema, smiling: profileSchema });

/** Runs `callsim score`; returns the exit code. */
export async function runScoreCommand(args: string[], io: ScoreCommandIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.err(`callsim score: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  try {
    const score = await scoreFromFiles(parsed.options, io.cwd);
    io.out(parsed.json ? JSON.stringify(score, null, 2) : renderSummary(score));
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      io.err(`callsim score: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function parseArgs(args: string[]): { options: Partial<Record<OptionName, string>>; json: boolean } | string {
  const options: Partial<Record<OptionName, string>> = {};
  let json = false;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (arg === '--json') {
      json = true;
      continue;
    }
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (!(OPTIONS_WITH_VALUE as readonly string[]).includes(name ?? '')) {
      return arg.startsWith('-') ? `unknown option ${arg}` : `unexpected argument ${arg}`;
    }
    const value = inline ?? args[++k];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      return `${name} needs a file`;
    }
    options[name as OptionName] = value;
  }
  if (options['--script'] === undefined) return 'missing --script <yaml>';
  if (options['--transcript'] === undefined) return 'missing --transcript <json>';
  return { options, json };
}

async function scoreFromFiles(options: Partial<Record<OptionName, string>>, cwd: string): Promise<CallScore> {
  const scenario = await loadScenario(options['--script']!, cwd);
  const transcriptName = options['--transcript']!;
  const transcriptJson = await readJson(transcriptName, cwd);
  const transcript = validate(transcriptSchema, transcriptJson, transcriptName);
  const timelineName = options['--timeline'];
  const timeline =
    timelineName !== undefined
      ? validate(timelineSchema, await readJson(timelineName, cwd), timelineName)
      : hasEvents(transcriptJson)
        ? validate(timelineSchema, transcriptJson, transcriptName)
        : undefined;
  const baselineName = options['--baseline'];
  const baseline =
    baselineName === undefined
      ? undefined
      : validate(baselineSchema, await readJson(baselineName, cwd), baselineName);
  const audioName = options['--audio'];
  const analysis = audioName === undefined ? undefined : await analyzeAudio(audioName, cwd);

  const input: ScoreCallInput = {
    script: scenario,
    transcript: {
      locale: transcript.locale,
      segments: transcript.segments.map((s) => ({
        speaker: s.speaker,
        startMs: s.startMs,
        endMs: s.endMs,
        text: s.text,
        ...(s.interruption === true ? { interruption: true } : {}),
      })),
    },
    ...(timeline === undefined ? {} : { timeline: stripUndefined(timeline) }),
    ...(analysis === undefined ? {} : { analysis }),
    ...(baseline === undefined ? {} : { voiceBaseline: baseline }),
  };
  return scoreCall(input);
}

function stripUndefined(timeline: z.infer<typeof timelineSchema>): NonNullable<ScoreCallInput['timeline']> {
  return {
    ...(timeline.events === undefined ? {} : { events: timeline.events }),
    ...(timeline.durationMs === undefined ? {} : { durationMs: timeline.durationMs }),
  };
}

const hasEvents = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && Array.isArray((value as { events?: unknown }).events);

/** Loads one scenario with its template, through the same loader as `callsim validate`. */
async function loadScenario(given: string, cwd: string): Promise<ResolvedScenario> {
  const file = path.resolve(cwd, given);
  const library = await loadCallScripts([file], { projectDir: cwd });
  const errors = library.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const lines = errors.map((d) => `${path.relative(cwd, d.file) || d.file}:${d.line}: ${d.message}`);
    throw new InputError(`${given} cannot be scored against:\n${lines.join('\n')}`);
  }
  const scenario = library.scenarios.find((s) => path.resolve(s.file) === file) ?? library.scenarios[0];
  if (scenario === undefined) {
    throw new InputError(
      `${given} is not a scenario (a template cannot be scored against; give the scenario file)`,
    );
  }
  return scenario;
}

async function readText(given: string, cwd: string): Promise<Buffer> {
  try {
    return await readFile(path.resolve(cwd, given));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new InputError(`cannot read ${given}: ${reason}`);
  }
}

async function readJson(given: string, cwd: string): Promise<unknown> {
  const text = (await readText(given, cwd)).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${given} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Parses `value` with `schema`; the error names the first bad field, e.g. `segments[2].endMs`. */
function validate<T extends z.ZodType>(schema: T, value: unknown, file: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues
    .slice(0, 5)
    .map((issue) => `${file}: ${fieldPath(issue.path)}: ${issue.message}`);
  throw new InputError(lines.join('\n'));
}

function fieldPath(parts: readonly PropertyKey[]): string {
  if (parts.length === 0) return '(the whole document)';
  return parts
    .map((p, k) => (typeof p === 'number' ? `[${p}]` : k === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

async function analyzeAudio(given: string, cwd: string): Promise<NonNullable<ScoreCallInput['analysis']>> {
  const bytes = await readText(given, cwd);
  let decoded: ReturnType<typeof decodeWav>;
  try {
    decoded = decodeWav(bytes);
  } catch (error) {
    if (error instanceof AudioError) {
      throw new InputError(`${given} is not a readable WAV file (${error.code}: ${error.message})`);
    }
    throw error;
  }
  // Agent = left (channel 0), caller = right (channel 1); a mono file is the agent alone.
  const channels = decoded.channels.slice(0, 2);
  const analysis = analyzeRecording(
    { sampleRateHz: decoded.sampleRateHz, channels },
    { includeContours: true },
  );
  const pick = (index: number): DetailedChannelAnalysis | undefined => {
    const channel = analysis.channels[index];
    if (channel === undefined) return undefined;
    const { index: _index, ...rest } = channel;
    return rest;
  };
  const agent = pick(0);
  const caller = pick(1);
  return { ...(agent === undefined ? {} : { agent }), ...(caller === undefined ? {} : { caller }) };
}

// ---- readable summary -------------------------------------------------------------------------

const MARK: Record<ScoreItem['status'], string> = { good: '✓', warn: '!', bad: '✗', notAvailable: '·' };

function clock(ms: number | null): string {
  if (ms === null) return '—';
  const sign = ms < 0 ? '-' : '';
  const total = Math.abs(ms) / 1000;
  const minutes = Math.floor(total / 60);
  return `${sign}${minutes}:${(total - minutes * 60).toFixed(1).padStart(4, '0')}`;
}

function valueText(item: ScoreItem): string {
  if (item.value === null) return item.reason ?? '';
  if (item.unit === 'ms')
    return item.value >= 10_000 ? `${(item.value / 1000).toFixed(0)} s` : `${item.value} ms`;
  if (item.unit === 'percent') return `${item.value}%`;
  return `${item.value} ${item.unit}`;
}

/** A human-readable report of `score` (advice in the scenario's language). */
export function renderSummary(score: CallScore): string {
  const lang = score.locale === 'zh-CN' ? 'zh-CN' : 'en-US';
  const verdict = score.failed ? 'FAILED (fatal error)' : score.passed ? 'passed' : 'not passed';
  const lines = [
    `${score.scenarioId ?? 'call'}: ${score.total} / 100 — ${verdict} (pass ${score.passScore}; weighted ${score.weightedTotal}, deductions −${score.deductedPoints})`,
  ];
  for (const dimension of Object.values(score.dimensions)) {
    const head = dimension.score === null ? 'not measured' : `${dimension.score}`;
    lines.push('', `${dimension.id.padEnd(9)} ${head}  (weight ${dimension.weight})`);
    for (const item of dimension.items) {
      lines.push(
        `  ${MARK[item.status]} ${item.id.padEnd(19)} ${valueText(item).padEnd(16)} ${item.advice[lang]}`,
      );
    }
  }
  lines.push('', 'steps:');
  for (const step of score.adherence.steps) {
    const flags = [
      step.required ? 'required' : '',
      step.late ? 'late' : '',
      step.outOfOrder ? 'out of order' : '',
    ]
      .filter(Boolean)
      .join(', ');
    const heard = step.evidence === null ? '' : ` “${step.evidence.text}”`;
    lines.push(
      `  ${step.found ? '✓' : '✗'} ${step.id.padEnd(22)} ${clock(step.atMs).padStart(7)}${heard}${flags ? ` (${flags})` : ''}`,
    );
  }
  if (score.adherence.forbidden.length > 0) {
    lines.push('', 'forbidden phrases:');
    for (const hit of score.adherence.forbidden) {
      lines.push(`  ${clock(hit.atMs).padStart(7)}  ${hit.severity.padEnd(5)}  ${hit.phrase}`);
    }
  }
  if (score.deductions.length > 0) {
    lines.push('', 'deductions:');
    for (const d of score.deductions)
      lines.push(`  ${clock(d.atMs).padStart(7)}  −${d.points}  ${d.code}${d.text ? `  ${d.text}` : ''}`);
  }
  return lines.join('\n');
}
