// Character alignment for listen-and-type: a Levenshtein alignment of reference and typed
// characters, returned as runs of equal text, substitutions, deletions and insertions.
// Guarantees: S + D + I is the edit distance; runs cover both texts in order (joining the
// reference sides gives the reference, joining the typed sides gives the typed text).

/** What a run of the alignment is. */
export type TypingDiffKind = 'equal' | 'substitution' | 'deletion' | 'insertion';

/** One run of the alignment; `reference` is '' for insertions and `typed` is '' for deletions. */
export interface TypingDiffRun {
  readonly kind: TypingDiffKind;
  readonly reference: string;
  readonly typed: string;
}

/** Edit counts of an alignment. */
export interface EditCounts {
  readonly substitutions: number;
  readonly deletions: number;
  readonly insertions: number;
}

/** The alignment of two character arrays: runs plus the edit counts. */
export interface CharAlignment extends EditCounts {
  readonly runs: TypingDiffRun[];
}

/**
 * Aligns `typed` against `reference` (arrays of characters) with unit costs. Among equal-cost
 * alignments a substitution is preferred over a deletion plus an insertion, so a mistyped
 * character shows as one substitution.
 */
export function alignChars(reference: readonly string[], typed: readonly string[]): CharAlignment {
  // The table is built over the reversed texts and walked back from its end, i.e. from the
  // start of the real texts: among equal-cost alignments the earliest characters pair up, so
  // "等者呀" against "等着" reads 者→着 then 呀 extra, not 者 extra then 呀→着.
  const steps = backtrace([...reference].reverse(), [...typed].reverse());
  const runs: TypingDiffRun[] = [];
  let substitutions = 0;
  let deletions = 0;
  let insertions = 0;
  for (const step of steps) {
    if (step.kind === 'substitution') substitutions++;
    else if (step.kind === 'deletion') deletions++;
    else if (step.kind === 'insertion') insertions++;
    const last = runs[runs.length - 1];
    if (last && last.kind === step.kind) {
      runs[runs.length - 1] = {
        kind: last.kind,
        reference: last.reference + step.reference,
        typed: last.typed + step.typed,
      };
    } else runs.push({ ...step });
  }
  return { runs, substitutions, deletions, insertions };
}

/**
 * Edit steps of the alignment of `reference` and `typed`, from their ends to their starts
 * (a diagonal step is preferred whenever it is optimal).
 */
function backtrace(reference: readonly string[], typed: readonly string[]): TypingDiffRun[] {
  const n = reference.length;
  const m = typed.length;
  const width = m + 1;
  // cost[i * width + j] = edit distance of reference[0, i) and typed[0, j).
  const cost = new Uint32Array((n + 1) * width);
  for (let j = 0; j <= m; j++) cost[j] = j;
  for (let i = 1; i <= n; i++) {
    cost[i * width] = i;
    for (let j = 1; j <= m; j++) {
      const diagonal = cost[(i - 1) * width + j - 1]! + (reference[i - 1] === typed[j - 1] ? 0 : 1);
      const up = cost[(i - 1) * width + j]! + 1;
      const left = cost[i * width + j - 1]! + 1;
      cost[i * width + j] = Math.min(diagonal, up, left);
    }
  }
  const steps: TypingDiffRun[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = cost[i * width + j]!;
    if (i > 0 && j > 0) {
      const same = reference[i - 1] === typed[j - 1];
      if (cost[(i - 1) * width + j - 1]! + (same ? 0 : 1) === here) {
        steps.push({
          kind: same ? 'equal' : 'substitution',
          reference: reference[i - 1]!,
          typed: typed[j - 1]!,
        });
        i--;
        j--;
        continue;
      }
    }
    if (i > 0 && cost[(i - 1) * width + j]! + 1 === here) {
      steps.push({ kind: 'deletion', reference: reference[i - 1]!, typed: '' });
      i--;
    } else {
      steps.push({ kind: 'insertion', reference: '', typed: typed[j - 1]! });
      j--;
    }
  }
  return steps;
}
