// The words on a dialogue arrow: a branch condition (`when`) in the UI language, or
// "default" for the branch taken when no condition holds.
import type { GraphConditionDto } from '@callsim/protocol';
import type { Translate } from '../i18n/use-i18n.js';

export function whenLabel(when: GraphConditionDto | null, t: Translate): string {
  if (when === null) return t('scripts.graph.default');
  const parts: string[] = [];
  if (when.step?.length) parts.push(t('scripts.when.step', { steps: when.step.join(', ') }));
  if (when.says?.length)
    parts.push(t('scripts.when.says', { phrases: when.says.map((p) => `“${p}”`).join(' / ') }));
  if (when.silence) parts.push(t('scripts.when.silence'));
  if (when.interrupted !== undefined)
    parts.push(t(when.interrupted ? 'scripts.when.interrupted' : 'scripts.when.notInterrupted'));
  if (when.persona?.length) parts.push(t('scripts.when.persona', { personas: when.persona.join(', ') }));
  return parts.length > 0 ? parts.join(' + ') : t('scripts.graph.default');
}
