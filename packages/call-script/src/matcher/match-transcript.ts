// Scores a finished call's transcript against a script: the same checklist the live
// call uses, fed every segment in time order. Guarantees: evidence indices refer to
// the transcript's own `segments` array, whatever order it was given in.
import { type AdherenceScript, type ChecklistOptions, createChecklist } from './checklist.js';
import type { AdherenceResult, Transcript } from './transcript.js';

/** Adherence of `transcript` to `script` (steps in script order, forbidden hits in time order). */
export function matchTranscript(
  transcript: Transcript,
  script: AdherenceScript,
  options: ChecklistOptions = {},
): AdherenceResult {
  const checklist = createChecklist(script, options);
  const ordered = transcript.segments
    .map((segment, index) => ({ segment, index }))
    .sort((a, b) => a.segment.startMs - b.segment.startMs || a.index - b.index);
  for (const { segment, index } of ordered) checklist.add(segment, index);
  return checklist.result();
}
