// Listen-and-type material from the scenario library: every customer line of a scenario
// (recorded clip when the turn has one, else server TTS in the persona's voice) and, for
// inbound scenarios with an order and a phone, a key-field dictation made from the facts.
// Ids are stable while the scenario keeps its id and turn names:
//   line:<scenarioId>:<turnId>    fields:<scenarioId>
import { type CustomerLine, type ResolvedScenario, renderText, scenarioVars } from '@callsim/call-script';
import type { Locale, TypingMaterialDto, TypingMode } from '@callsim/protocol';
import { normalizeTypingText } from '@callsim/scoring';
import type { ScenarioLibrary } from '../calls/scenario-library.js';
import { type KeyFieldReference, keyFieldMaterial } from './key-field-material.js';

/** Lines shorter than this (normalized characters) are too short to practise on ("好，拜拜。"). */
export const MIN_LINE_CHARS: Record<Locale, number> = { 'zh-CN': 8, 'en-US': 20 };

/** What an attempt must remember: what was said, and how to render it. */
export interface ResolvedMaterial {
  dto: TypingMaterialDto;
  scenario: ResolvedScenario;
  /** Full mode: the reference text; key-field mode: the fields. */
  reference: { text: string } | { fields: KeyFieldReference[] };
  /** Speak this: a customer line (clip or TTS) or a TTS text with the customer's voice. */
  speech: { line: CustomerLine } | { text: string; voice: CustomerLine['voice'] };
}

function lineMaterials(scenario: ResolvedScenario, library: ScenarioLibrary): ResolvedMaterial[] {
  const vars = scenarioVars(scenario);
  const out: ResolvedMaterial[] = [];
  for (const [turnId, turn] of Object.entries(scenario.dialogue.turns)) {
    const text = renderText(turn.say, vars).text;
    const chars = normalizeTypingText(text, { locale: scenario.locale }).length;
    if (chars < MIN_LINE_CHARS[scenario.locale]) continue;
    const clip = turn.audio ? library.clipPath(scenario, turn.audio) : null;
    out.push({
      dto: {
        id: `line:${scenario.id}:${turnId}`,
        mode: 'full',
        audio: clip ? 'clip' : 'tts',
        scenarioId: scenario.id,
        scenarioTitle: scenario.title,
        category: scenario.category,
        locale: scenario.locale,
        chars,
      },
      scenario,
      reference: { text },
      speech: {
        line: {
          turnId,
          text,
          audio: turn.audio ?? null,
          end: false,
          cause: 'start',
          voice: { ...scenario.customer.voice, ...turn.voice },
        },
      },
    });
  }
  return out;
}

function fieldMaterial(scenario: ResolvedScenario): ResolvedMaterial | null {
  const material = keyFieldMaterial(scenario);
  if (!material) return null;
  const chars = material.fields.reduce(
    (sum, f) => sum + normalizeTypingText(f.text, { locale: scenario.locale, compact: f.compact }).length,
    0,
  );
  return {
    dto: {
      id: `fields:${scenario.id}`,
      mode: 'key-fields',
      audio: 'tts',
      scenarioId: scenario.id,
      scenarioTitle: scenario.title,
      category: scenario.category,
      locale: scenario.locale,
      chars,
    },
    scenario,
    reference: { fields: material.fields },
    speech: { text: material.spokenText, voice: { ...scenario.customer.voice } },
  };
}

/** Every material of `locale` (optionally of one mode), scenario by scenario in library order. */
export function listTypingMaterials(
  library: ScenarioLibrary,
  locale: Locale,
  mode?: TypingMode,
): ResolvedMaterial[] {
  const out: ResolvedMaterial[] = [];
  for (const summary of library.list()) {
    if (summary.locale !== locale) continue;
    const scenario = library.get(summary.id);
    if (mode !== 'key-fields') out.push(...lineMaterials(scenario, library));
    if (mode !== 'full') {
      const fields = fieldMaterial(scenario);
      if (fields) out.push(fields);
    }
  }
  return out;
}

/** The material with this id, or null when the scenario or turn no longer exists. */
export function findTypingMaterial(library: ScenarioLibrary, materialId: string): ResolvedMaterial | null {
  const [kind, scenarioId, turnId] = materialId.split(':');
  if (!scenarioId || !library.has(scenarioId)) return null;
  const scenario = library.get(scenarioId);
  if (kind === 'fields' && turnId === undefined) return fieldMaterial(scenario);
  if (kind === 'line' && turnId !== undefined)
    return lineMaterials(scenario, library).find((m) => m.dto.id === materialId) ?? null;
  return null;
}
