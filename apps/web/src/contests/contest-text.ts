// Words for contest data in the UI language: phases, rubric lines, tie explanations and
// the formula behind the ranking. Pure functions of a translate function.
import type { ContestCriterion, ContestPhase, ContestResultEntryDto } from '@callsim/protocol';
import type { Translate } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/zh-CN.js';

const PHASE_KEYS: Record<ContestPhase, MessageKey> = {
  upcoming: 'contests.phase.upcoming',
  nominating: 'contests.phase.nominating',
  waiting: 'contests.phase.waiting',
  voting: 'contests.phase.voting',
  closed: 'contests.phase.closed',
};

export const PHASE_COLORS: Record<ContestPhase, string> = {
  upcoming: 'default',
  nominating: 'blue',
  waiting: 'gold',
  voting: 'green',
  closed: 'purple',
};

export function phaseText(t: Translate, phase: ContestPhase): string {
  return t(PHASE_KEYS[phase]);
}

const CRITERION_KEYS: Record<string, MessageKey> = {
  pronunciation: 'contests.criterion.pronunciation',
  pace: 'contests.criterion.pace',
  intonation: 'contests.criterion.intonation',
  warmth: 'contests.criterion.warmth',
  phrases: 'contests.criterion.phrases',
};

/** The name of a rubric line: its own label, else the built-in name of its id. */
export function criterionText(t: Translate, criterion: ContestCriterion): string {
  if (criterion.label) return criterion.label;
  const key = CRITERION_KEYS[criterion.id];
  return key ? t(key) : criterion.id;
}

/** Why an entry stands where it does when its combined score equals another's. */
export function tieText(t: Translate, entry: ContestResultEntryDto, locale: string): string {
  if (!entry.tie) return '';
  const others = entry.tie.tiedWith.join(locale === 'zh-CN' ? '、' : ', ');
  if (entry.tie.resolvedBy === 'judges') return t('contests.tie.judges', { others });
  if (entry.tie.resolvedBy === 'votes') return t('contests.tie.votes', { others });
  return t('contests.tie.shared', { others, rank: entry.rank });
}

/** Local date and time, minutes precision. */
export function formatTime(ms: number, locale: string): string {
  return new Date(ms).toLocaleString(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
