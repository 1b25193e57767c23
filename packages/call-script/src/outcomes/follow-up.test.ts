// Follow-up scheduling after a call: due only when the condition steps were found.
import { describe, expect, it } from 'vitest';
import { isoDurationToMs, planFollowUp } from '../index.js';

const scenario = {
  followUp: { scenario: 'followup-damaged-cup', after: 'P1DT2H', when: { step: ['offer-solution'] } },
};

describe('planFollowUp', () => {
  it('plans the follow-up when the condition step was found', () => {
    expect(planFollowUp(scenario, [{ id: 'offer-solution', found: true }])).toEqual({
      scenarioId: 'followup-damaged-cup',
      afterIso: 'P1DT2H',
      afterMs: 26 * 3_600_000,
    });
  });

  it('plans nothing when the condition step was missed, or when there is no follow-up', () => {
    expect(planFollowUp(scenario, [{ id: 'offer-solution', found: false }])).toBeNull();
    expect(planFollowUp({ followUp: null }, [])).toBeNull();
  });

  it('converts ISO-8601 durations', () => {
    expect(isoDurationToMs('PT30M')).toBe(1_800_000);
    expect(isoDurationToMs('P1W')).toBe(7 * 86_400_000);
    expect(isoDurationToMs('P')).toBeNaN();
    expect(isoDurationToMs('1D')).toBeNaN();
  });
});
