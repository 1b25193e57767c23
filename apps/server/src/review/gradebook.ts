// A class's gradebook: each trainee × scenario, the mean final score of their calls, with
// averages and pass rates. A call's final score is the mean of its published human reviews
// (percent of the rubric maximum) when it was reviewed, else its latest auto-score; it
// passed when most of its reviewers passed it, else when the auto-score passed. Calls with
// neither a review nor an auto-score are left out.
import type { GradebookCellDto, GradebookDto, GradebookRowDto } from '@callsim/protocol';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../storage/schema.js';

/** One counted call, as listed on the export's second sheet. */
export interface GradebookCall {
  callId: string;
  userId: string;
  username: string;
  displayName: string;
  scenarioId: string;
  scenarioTitle: string;
  createdAtMs: number;
  autoScore: number | null;
  humanScorePct: number | null;
  reviewCount: number;
  finalPct: number;
  passed: boolean;
}

export interface Gradebook extends GradebookDto {
  calls: GradebookCall[];
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
const meanOf = (values: readonly number[]): number | null =>
  values.length === 0 ? null : round1(values.reduce((s, v) => s + v, 0) / values.length);

export async function buildGradebook(
  db: Kysely<Database>,
  classId: string,
  scenarioTitle: (scenarioId: string) => string,
): Promise<Gradebook> {
  const cls = await db
    .selectFrom('classes')
    .select(['id', 'name'])
    .where('id', '=', classId)
    .executeTakeFirstOrThrow();
  const trainees = await db
    .selectFrom('classMembers')
    .innerJoin('users', 'users.id', 'classMembers.userId')
    .select(['users.id', 'users.username', 'users.displayName'])
    .where('classMembers.classId', '=', classId)
    .where('classMembers.roleInClass', '=', 'trainee')
    .orderBy('users.username')
    .execute();
  const rows =
    trainees.length === 0
      ? []
      : await db
          .selectFrom('calls as c')
          .select([
            'c.id',
            'c.agentUserId',
            'c.scenarioId',
            'c.createdAtMs',
            sql<
              number | null
            >`(select s.total from call_scores s where s.call_id = c.id order by s.version desc limit 1)`.as(
              'autoScore',
            ),
            sql<
              number | null
            >`(select s.passed from call_scores s where s.call_id = c.id order by s.version desc limit 1)`.as(
              'autoPassed',
            ),
            sql<number>`(select count(*) from reviews r where r.call_id = c.id and r.status = 'published')`.as(
              'reviewCount',
            ),
            sql<
              number | null
            >`(select avg(r.total_pct) from reviews r where r.call_id = c.id and r.status = 'published')`.as(
              'humanScorePct',
            ),
            sql<
              number | null
            >`(select avg(r.passed) from reviews r where r.call_id = c.id and r.status = 'published' and r.passed is not null)`.as(
              'humanPassShare',
            ),
          ])
          .where('c.status', '=', 'ended')
          .where(
            'c.agentUserId',
            'in',
            trainees.map((t) => t.id),
          )
          .orderBy('c.createdAtMs')
          .orderBy('c.id')
          .execute();

  const people = new Map(trainees.map((t) => [t.id, t]));
  const calls: GradebookCall[] = [];
  for (const r of rows) {
    const person = people.get(r.agentUserId ?? '');
    if (!person) continue;
    const reviewCount = Number(r.reviewCount);
    const human = r.humanScorePct === null ? null : round1(Number(r.humanScorePct));
    const auto = r.autoScore === null ? null : Number(r.autoScore);
    const finalPct = reviewCount > 0 && human !== null ? human : auto;
    if (finalPct === null) continue;
    const passed =
      reviewCount > 0 && r.humanPassShare !== null
        ? Number(r.humanPassShare) >= 0.5
        : Number(r.autoPassed) === 1;
    calls.push({
      callId: r.id,
      userId: person.id,
      username: person.username,
      displayName: person.displayName,
      scenarioId: r.scenarioId,
      scenarioTitle: scenarioTitle(r.scenarioId),
      createdAtMs: Number(r.createdAtMs),
      autoScore: auto,
      humanScorePct: human,
      reviewCount,
      finalPct,
      passed,
    });
  }

  const scenarios = [...new Set(calls.map((c) => c.scenarioId))]
    .map((id) => ({ id, title: scenarioTitle(id) }))
    .sort((a, b) => a.title.localeCompare(b.title, 'zh-CN') || a.id.localeCompare(b.id));

  const gradebookRows: GradebookRowDto[] = trainees.map((t) => {
    const mine = calls.filter((c) => c.userId === t.id);
    const cells: Record<string, GradebookCellDto> = {};
    for (const s of scenarios) {
      const these = mine.filter((c) => c.scenarioId === s.id);
      if (these.length === 0) continue;
      cells[s.id] = {
        meanPct: meanOf(these.map((c) => c.finalPct)) as number,
        calls: these.length,
        passed: these.filter((c) => c.passed).length,
      };
    }
    const passed = mine.filter((c) => c.passed).length;
    return {
      userId: t.id,
      username: t.username,
      displayName: t.displayName,
      cells,
      meanPct: meanOf(mine.map((c) => c.finalPct)),
      calls: mine.length,
      passRatePct: mine.length === 0 ? null : round1((passed / mine.length) * 100),
    };
  });

  return {
    classId: cls.id,
    className: cls.name,
    scenarios,
    rows: gradebookRows,
    scenarioMeans: Object.fromEntries(
      scenarios.map((s) => [s.id, meanOf(calls.filter((c) => c.scenarioId === s.id).map((c) => c.finalPct))]),
    ),
    classMeanPct: meanOf(calls.map((c) => c.finalPct)),
    classPassRatePct:
      calls.length === 0 ? null : round1((calls.filter((c) => c.passed).length / calls.length) * 100),
    calls,
  };
}
