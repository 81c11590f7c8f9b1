import { describe, expect, it } from 'vitest';
import { sensitivity } from './sensitivity.ts';
import { simulate } from './simulate.ts';
import { loadScenario } from './test-helpers.ts';

describe('sensitivity(scenario, fields?)', () => {
  const bas = loadScenario('bas.json');
  const deterministic = { ...bas, uncertainty: undefined };

  it('uses the uncertainty ranges by default and sorts by swing', () => {
    const items = sensitivity(bas);
    expect(items.map((i) => i.path).sort()).toEqual(Object.keys(bas.uncertainty!.ranges).sort());
    for (let i = 1; i < items.length; i++) {
      expect(Math.abs(items[i - 1]!.highValue - items[i - 1]!.lowValue)).toBeGreaterThanOrEqual(Math.abs(items[i]!.highValue - items[i]!.lowValue));
    }
    expect(items[0]!.label).toMatch(/[a-zåäö]/);
  });

  it('each value equals a full simulation with that one field changed', () => {
    const [item] = sensitivity(deterministic, [{ path: 'automation.oneOffCostKr', low: 0, high: 600_000 }]);
    expect(item!.lowValue - item!.highValue).toBeCloseTo(600_000, 4);
    const changed = simulate({ ...deterministic, automation: { ...deterministic.automation, oneOffCostKr: 0 } });
    expect(item!.lowValue).toBeCloseTo(changed.months.at(-1)!.cumulativeBudgetEffectKr, 4);
    expect(item!.baseValue).toBeCloseTo(simulate(deterministic).months.at(-1)!.cumulativeBudgetEffectKr, 4);
  });

  it('without ranges varies the default fields ±20 % within their allowed range, skipping those at 0', () => {
    const items = sensitivity(deterministic);
    const share = items.find((i) => i.path === 'automation.digitalShare')!;
    expect(share.low).toBeCloseTo(0.74 * 0.8, 12);
    expect(share.high).toBeCloseTo(0.74 * 1.2, 12);
    expect(items.some((i) => i.path === 'effects.fewerHouseholds')).toBe(false);
    expect(items.some((i) => i.path === 'automation.ramp.1.1')).toBe(true);
    expect(items.some((i) => i.path === 'automation.feesPerCaseKr.grundlaggande_handlaggning')).toBe(true);
  });
});
