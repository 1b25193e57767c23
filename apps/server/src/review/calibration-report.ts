// The calibration report: published reviews of one rubric kind on the calls a viewer may
// see (optionally one class), turned into agreement numbers per rubric item and for the
// total (ICC), pass/fail agreement per pair of evaluators (Cohen's kappa), and the mean
// human − auto difference in percent of each item's maximum.
import type {
  CalibrationDto,
  CalibrationItemDto,
  CallScoreDto,
  KappaPairDto,
  LocalizedLabel,
  PersonRefDto,
  RubricItemDto,
  RubricKind,
} from '@callsim/protocol';
import type { Kysely } from 'kysely';
import { readScore } from '../results/score-store.js';
import type { Database, UsersTable } from '../storage/schema.js';
import { autoPercentForItem } from './auto-score.js';
import {
  cohensKappa,
  iccForSample,
  meanOfDefined,
  percentAgreement,
  summarizeDifferences,
} from './calibration-statistics.js';
import { toReviewDto } from './review-store.js';
import type { RubricStore } from './rubric-store.js';

const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

export interface CalibrationDeps {
  db: Kysely<Database>;
  rubrics: RubricStore;
  scenarioTitle: (scenarioId: string) => string;
}

/** Builds the report; `classId` must already be checked as visible to `viewer`. */
export async function calibrationReport(
  deps: CalibrationDeps,
  viewer: UsersTable,
  classId: string | null,
  kind: RubricKind,
): Promise<CalibrationDto> {
  const { db } = deps;
  let query = db
    .selectFrom('reviews')
    .innerJoin('users', 'users.id', 'reviews.evaluatorUserId')
    .innerJoin('calls', 'calls.id', 'reviews.callId')
    .innerJoin('users as trainee', 'trainee.id', 'calls.agentUserId')
    .selectAll('reviews')
    .select(['users.displayName as evaluatorName', 'trainee.displayName as traineeName', 'calls.scenarioId'])
    .where('reviews.status', '=', 'published')
    .where('reviews.rubricKind', '=', kind);
  if (classId) {
    query = query.where(
      'calls.agentUserId',
      'in',
      db
        .selectFrom('classMembers')
        .select('userId')
        .where('classId', '=', classId)
        .where('roleInClass', '=', 'trainee'),
    );
  }
  if (viewer.role === 'evaluator') {
    query = query.where(
      'calls.agentUserId',
      'in',
      db
        .selectFrom('classMembers as mine')
        .innerJoin('classMembers as theirs', 'theirs.classId', 'mine.classId')
        .select('theirs.userId')
        .where('mine.userId', '=', viewer.id)
        .where('mine.roleInClass', '=', 'evaluator')
        .where('theirs.roleInClass', '=', 'trainee'),
    );
  }
  const rows = await query.orderBy('reviews.callId').orderBy('reviews.evaluatorUserId').execute();
  const reviews = rows.map((r) => ({
    ...toReviewDto(r),
    traineeName: r.traineeName,
    scenarioId: r.scenarioId,
  }));

  const byCall = new Map<string, typeof reviews>();
  for (const r of reviews) byCall.set(r.callId, [...(byCall.get(r.callId) ?? []), r]);
  const autoScores = new Map<string, CallScoreDto | null>();
  for (const callId of byCall.keys()) autoScores.set(callId, (await readScore(db, callId))?.score ?? null);

  const evaluators = new Map<string, PersonRefDto>();
  for (const r of reviews) evaluators.set(r.evaluator.id, r.evaluator);

  // Items: the current rubric's order first, then items only older snapshots have.
  const current = await deps.rubrics.effective(classId, kind);
  const items: RubricItemDto[] = [...current.items];
  for (const r of reviews)
    for (const item of r.rubric.items) if (!items.some((i) => i.id === item.id)) items.push(item);

  const itemStats = (
    id: string,
    label: LocalizedLabel,
    maxPoints: number,
    pointsOf: (r: (typeof reviews)[number]) => number | null,
    autoOf: (r: (typeof reviews)[number], score: CallScoreDto) => number | null,
  ): CalibrationItemDto => {
    const sample = [...byCall.values()].map((group) => {
      const m = new Map<string, number>();
      for (const r of group) {
        const v = pointsOf(r);
        if (v !== null) m.set(r.evaluator.id, v);
      }
      return m;
    });
    const icc = iccForSample(sample);
    const diffs: number[] = [];
    for (const r of reviews) {
      const score = autoScores.get(r.callId);
      const human = pointsOf(r);
      if (!score || human === null) continue;
      const auto = autoOf(r, score);
      if (auto !== null) diffs.push((human / maxPoints) * 100 - auto);
    }
    const d = summarizeDifferences(diffs);
    return {
      itemId: id,
      label,
      maxPoints,
      icc: round(icc.icc, 3),
      iccModel: icc.model,
      iccCalls: icc.targets,
      autoDiffMeanPct: round(d.mean, 1),
      autoDiffMeanAbsPct: round(d.meanAbs, 1),
      autoDiffSdPct: round(d.sd, 1),
      autoDiffCount: d.count,
    };
  };

  const itemDtos = items.map((item) =>
    itemStats(
      item.id,
      item.label,
      item.maxPoints,
      (r) => {
        const own = r.rubric.items.find((i) => i.id === item.id);
        const v = r.itemScores[item.id];
        // Points on a different scale (the item's maximum changed) are rescaled to the current one.
        return own && typeof v === 'number' ? (v / own.maxPoints) * item.maxPoints : null;
      },
      (_r, score) => autoPercentForItem(item, score),
    ),
  );
  const total = itemStats(
    'total',
    { 'zh-CN': '总分', 'en-US': 'Total' },
    100,
    (r) => r.totalPct,
    (_r, score) => score.total,
  );

  const ids = [...evaluators.keys()].sort();
  const kappaPairs: KappaPairDto[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a: boolean[] = [];
      const b: boolean[] = [];
      for (const group of byCall.values()) {
        const ra = group.find((r) => r.evaluator.id === ids[i]);
        const rb = group.find((r) => r.evaluator.id === ids[j]);
        if (ra?.passed == null || rb?.passed == null) continue;
        a.push(ra.passed);
        b.push(rb.passed);
      }
      if (a.length === 0) continue;
      const agreement = percentAgreement(a, b);
      kappaPairs.push({
        a: evaluators.get(ids[i] as string) as PersonRefDto,
        b: evaluators.get(ids[j] as string) as PersonRefDto,
        calls: a.length,
        agreementPct: agreement === null ? null : round(agreement * 100, 1),
        kappa: round(cohensKappa(a, b), 3),
      });
    }
  }

  return {
    classId,
    rubricKind: kind,
    reviewedCalls: byCall.size,
    sharedCalls: [...byCall.values()].filter((g) => g.length >= 2).length,
    evaluators: ids.map((id) => evaluators.get(id) as PersonRefDto),
    items: itemDtos,
    total,
    kappaPairs,
    meanKappa: round(meanOfDefined(kappaPairs.map((p) => p.kappa)), 3),
    calls: [...byCall.entries()]
      .filter(([, g]) => g.length >= 2)
      .map(([callId, group]) => ({
        callId,
        traineeName: group[0]?.traineeName ?? '',
        scenarioTitle: deps.scenarioTitle(group[0]?.scenarioId ?? ''),
        autoScore: autoScores.get(callId)?.total ?? null,
        totalsPct: Object.fromEntries(group.map((r) => [r.evaluator.id, r.totalPct])),
      })),
  };
}
