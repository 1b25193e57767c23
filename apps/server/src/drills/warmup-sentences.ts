// The warm-up sentences: a class template's opening examples joined into the standard
// greeting and its closing examples joined into the standard closing, rendered for the
// trainee (`{company.name}`, `{agent.id}` = username, `{agent.name}` = display name).
// Guarantees: an example already contained in the sentence is not repeated; a missing
// template falls back to the locale's standard one; templates are re-read at most every 5 s.
import path from 'node:path';
import { type RenderVars, renderText, type Template } from '@callsim/call-script';
import { AppError, type Locale, type WarmupSentenceDto, type WarmupSentenceId } from '@callsim/protocol';
import { countSpeechUnits } from '@callsim/scoring';
import { loadCallScriptLibrary } from '../call-scripts/load-call-scripts.js';
import { DEFAULT_WARMUP_TEMPLATE } from './drill-settings.js';

const CACHE_MS = 5_000;
const TERMINAL = /[。！？!?.…，,；;：:]$/u;

/** Joins example lines into one sentence to read aloud, skipping ones already said. */
export function joinExamples(examples: readonly string[], locale: Locale): string {
  let out = '';
  for (const raw of examples) {
    const example = raw.trim();
    if (example === '') continue;
    if (out.toLowerCase().includes(example.toLowerCase().replace(/[。！？!?.]+$/u, ''))) continue;
    if (out === '') out = example;
    else if (locale === 'zh-CN') out += TERMINAL.test(out) ? example : `，${example}`;
    else out += TERMINAL.test(out) ? ` ${example}` : `, ${example}`;
  }
  return out;
}

/** The greeting and closing of `template` rendered with `vars`. */
export function warmupSentencesOf(template: Template, vars: RenderVars): WarmupSentenceDto[] {
  const locale = template.locale;
  const examplesOf = (phase: 'opening' | 'closing') =>
    template.steps
      .filter((step) => step.phase === phase)
      .map((step) => step.examples?.[0])
      .filter((example): example is string => typeof example === 'string')
      .map((example) => renderText(example, vars).text);
  const sentences: { id: WarmupSentenceId; text: string }[] = [
    { id: 'greeting', text: joinExamples(examplesOf('opening'), locale) },
    { id: 'closing', text: joinExamples(examplesOf('closing'), locale) },
  ];
  return sentences
    .filter((s) => s.text !== '')
    .map((s) => ({ ...s, units: countSpeechUnits(s.text, locale) }));
}

/** Reads the call-script templates (cached briefly) and renders warm-up sentences from them. */
export class WarmupTemplates {
  private cache: { atMs: number; templates: Map<string, Template> } | null = null;

  constructor(private readonly callScriptsDir: string) {}

  private async templates(): Promise<Map<string, Template>> {
    const nowMs = Date.now();
    if (this.cache && nowMs - this.cache.atMs < CACHE_MS) return this.cache.templates;
    const library = await loadCallScriptLibrary(this.callScriptsDir, {
      projectDir: path.dirname(this.callScriptsDir),
    });
    const templates = new Map(library.templates.map((t) => [t.template.id, t.template]));
    this.cache = { atMs: nowMs, templates };
    return templates;
  }

  /** The template to read from: the class's, else the locale's standard inbound template. */
  async resolve(templateId: string, locale: Locale): Promise<Template> {
    const templates = await this.templates();
    const template = templates.get(templateId) ?? templates.get(DEFAULT_WARMUP_TEMPLATE[locale]);
    if (!template)
      throw new AppError('NOT_FOUND', 'no warm-up template', { details: { templateId, locale } });
    return template;
  }

  async sentences(
    templateId: string,
    locale: Locale,
    agent: { id: string; name: string },
  ): Promise<{ template: Template; sentences: WarmupSentenceDto[] }> {
    const template = await this.resolve(templateId, locale);
    return {
      template,
      sentences: warmupSentencesOf(template, { company: template.company ?? null, agent }),
    };
  }
}
