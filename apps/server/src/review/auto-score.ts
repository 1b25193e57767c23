// The auto-score as the evaluator console uses it: evidence placed on the waveform as
// markers, and the automatic value of a rubric item (the mean of the dimensions or items
// the item refers to, 0–100) for side-by-side comparison and calibration.
import type {
  AutoScoreDto,
  CallScoreDto,
  EvidenceMarkerDto,
  RubricItemDto,
  ScoreVersionDto,
} from '@callsim/protocol';

/** The console's view of a stored score version. */
export function toAutoScoreDto(version: ScoreVersionDto, score: CallScoreDto): AutoScoreDto {
  const markers: EvidenceMarkerDto[] = [];
  const seen = new Set<string>();
  const items: Record<string, number | null> = {};
  for (const dimension of Object.values(score.dimensions)) {
    for (const item of dimension.items) {
      items[item.id] = item.score;
      for (const evidence of item.evidence) {
        if (evidence.atMs === null) continue;
        const key = `${item.id}@${evidence.atMs}`;
        if (seen.has(key)) continue;
        seen.add(key);
        markers.push({
          atMs: evidence.atMs,
          endMs: evidence.endMs ?? null,
          itemId: item.id,
          dimension: dimension.id,
          band: evidence.band,
          text: evidence.text ?? null,
          note: evidence.note ?? null,
        });
      }
    }
  }
  markers.sort((a, b) => a.atMs - b.atMs || a.itemId.localeCompare(b.itemId));
  return {
    version: version.version,
    total: score.total,
    passed: score.passed,
    passScore: score.passScore,
    reason: version.reason,
    createdAtMs: version.createdAtMs,
    dimensions: Object.values(score.dimensions).map((d) => ({ id: d.id, score: d.score, weight: d.weight })),
    items,
    markers,
  };
}

/**
 * The automatic value of a rubric item in percent: the mean of the measured scores of the
 * dimensions and items it refers to; null when none is measured or it refers to nothing.
 */
export function autoPercentForItem(
  item: Pick<RubricItemDto, 'autoRefs'>,
  score: CallScoreDto,
): number | null {
  const values: number[] = [];
  for (const ref of item.autoRefs) {
    const dimension = (score.dimensions as Record<string, { score: number | null } | undefined>)[ref];
    if (dimension) {
      if (dimension.score !== null) values.push(dimension.score);
      continue;
    }
    for (const d of Object.values(score.dimensions)) {
      const found = d.items.find((i) => i.id === ref);
      if (found && found.score !== null) values.push(found.score);
    }
  }
  if (values.length === 0) return null;
  return values.reduce((s, v) => s + v, 0) / values.length;
}
