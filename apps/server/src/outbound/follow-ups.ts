// Follow-up planning after a call: the scenario's `outcomes.followUp` is checked against
// the steps the agent actually satisfied — matched on the call's recorded timeline
// transcript — and, when it holds, one task is created for the same trainee, due at the
// answer time plus `after` on the class's simulated clock (moved into calling hours).
import { readFile } from 'node:fs/promises';
import { matchTranscript, planFollowUp, type ResolvedScenario, scenarioVars } from '@callsim/call-script';
import type { OutboundCustomerDto } from '@callsim/protocol';
import type { ScenarioLibrary } from '../calls/scenario-library.js';
import type { CallTimeline } from '../recorder/timeline.js';
import type { CallsTable, UsersTable } from '../storage/schema.js';
import { nextCallableMs } from './customer-time.js';
import { phoneKey } from './do-not-call.js';
import { DEFAULT_CLASS_TIMEZONE, type SimClockState, simNow } from './sim-clock.js';
import type { NewTask } from './task-store.js';

/** Follow-ups try three times, the first retry two simulated hours later. */
export const FOLLOW_UP_MAX_ATTEMPTS = 3;
export const FOLLOW_UP_RETRY_BACKOFF_MS = 2 * 3_600_000;

/** Where a scenario's customer lives when the script does not say (calling hours use it). */
export function defaultCustomerZone(locale: string): string {
  return locale === 'en-US' ? 'America/New_York' : DEFAULT_CLASS_TIMEZONE;
}

/** The customer card of a scenario's customer. */
export function scenarioCustomer(scenario: ResolvedScenario): OutboundCustomerDto {
  const facts = Object.fromEntries(
    Object.entries(scenario.customer.facts ?? {}).map(([k, v]) => [k, String(v)]),
  );
  return {
    id: null,
    name: scenario.customer.name,
    phone: facts.phone ?? '',
    timezone: defaultCustomerZone(scenario.locale),
    birthday: null,
    facts,
  };
}

/** The transcript of a finished call, from its timeline next to the recording. */
export async function readTimeline(call: Pick<CallsTable, 'timelinePath'>): Promise<CallTimeline | null> {
  if (!call.timelinePath) return null;
  try {
    return JSON.parse(await readFile(call.timelinePath, 'utf8')) as CallTimeline;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The follow-up task a finished call asks for, or null (no followUp in the scenario,
 * its condition not met, or the follow-up scenario missing from the library).
 */
export function followUpTaskFor(input: {
  call: CallsTable;
  scenario: ResolvedScenario;
  timeline: CallTimeline;
  agent: Pick<UsersTable, 'id' | 'username' | 'displayName'>;
  classId: string | null;
  clock: SimClockState;
  library: Pick<ScenarioLibrary, 'has' | 'get'>;
}): NewTask | null {
  const { call, scenario, timeline, agent } = input;
  if (!scenario.followUp || call.answeredAtMs === null) return null;
  const adherence = matchTranscript({ locale: scenario.locale, segments: timeline.segments }, scenario, {
    vars: scenarioVars(scenario, { id: agent.username, name: agent.displayName }),
  });
  const plan = planFollowUp(scenario, adherence.steps);
  if (!plan || !Number.isFinite(plan.afterMs) || !input.library.has(plan.scenarioId)) return null;
  const target = input.library.get(plan.scenarioId);
  const customer = scenarioCustomer(target);
  const answeredSimMs = simNow(input.clock, Number(call.answeredAtMs));
  return {
    originKey: `follow-up:${call.id}`,
    kind: 'follow-up',
    classId: input.classId,
    traineeUserId: agent.id,
    scenarioId: target.id,
    campaignId: null,
    customerId: null,
    customer,
    phoneKey: customer.phone ? phoneKey(customer.phone) : `scenario:${target.id}`,
    occasion: null,
    originCallId: call.id,
    dueSimMs: nextCallableMs(answeredSimMs + plan.afterMs, customer.timezone),
    windowEndSimMs: null,
    maxAttempts: FOLLOW_UP_MAX_ATTEMPTS,
    retryBackoffMs: FOLLOW_UP_RETRY_BACKOFF_MS,
    dialMix: null,
  };
}
