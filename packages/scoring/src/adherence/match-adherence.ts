// Runs the call-script matcher (the same checklist as the live call) over the transcript and
// turns its result into the CLI contract: `steps[]` = { id, found, atMs, evidence, … } and
// `forbidden[]` = { phrase, atMs, severity, … }. Guarantees: the step matcher is never re-implemented here.
import { type AdherenceResult, matchTranscript, type RenderVars } from '@callsim/call-script';
import type { CallContext } from '../model/call-context.js';
import type { AdherenceJson } from '../model/call-score.js';

/** The matcher's adherence result for this call. */
export function matchAdherence(ctx: CallContext): AdherenceResult {
  const { script, input } = ctx;
  const vars: RenderVars = {
    company: script.company ?? null,
    customer: script.customer ?? null,
    agent: input.agent ?? null,
  };
  const matcherScript = {
    locale: script.locale,
    steps: script.steps,
    forbidden: script.forbidden,
    ...(script.dialogue === undefined ? {} : { dialogue: script.dialogue }),
  };
  return matchTranscript({ locale: script.locale, segments: input.transcript.segments }, matcherScript, {
    vars,
  });
}

/** Plain-data copy of the matcher result, in the contract shape. */
export function adherenceJson(result: AdherenceResult): AdherenceJson {
  return {
    steps: result.steps.map((s) => ({
      id: s.id,
      found: s.found,
      atMs: s.atMs,
      evidence:
        s.evidence === null
          ? null
          : {
              segmentIndex: s.evidence.segmentIndex,
              startMs: s.evidence.startMs,
              text: s.evidence.text,
              kind: s.evidence.kind,
              similarity: Math.round(s.evidence.similarity * 1000) / 1000,
              phrases: [...s.evidence.phrases],
            },
      label: s.label,
      phase: s.phase,
      required: s.required,
      weight: s.weight,
      fuzzy: s.fuzzy,
      outOfOrder: s.outOfOrder,
      late: s.late,
      withinMs: s.withinMs,
    })),
    forbidden: result.forbidden.map((f) => ({
      phrase: f.phrase,
      atMs: f.atMs,
      severity: f.severity,
      text: f.evidence.text,
      rule: f.rule,
      fuzzy: f.evidence.kind === 'fuzzy',
      turnId: f.turnId,
    })),
    missingRequired: result.steps.filter((s) => s.required && !s.found).map((s) => s.id),
  };
}
