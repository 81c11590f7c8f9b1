import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.ts';
import type { BaselineCalibration } from './resolve.ts';
import { loadScenario, readScenarioJson } from './test-helpers.ts';

// The three ready scenarios a politician starts from: calibrated from data, with honest uncertainty.
const READY = ['forsiktig.json', 'bas.json', 'ambitios.json'];

// A second calibration with a falling exit hazard (long periods are stickier), mean ≈ 11,6 months.
const falling: BaselineCalibration = {
  households: 355,
  paymentPerHouseholdKr: 9_974,
  inflowPerMonth: 30,
  meanDurationMonths: 11.6,
  hazard: [0.2, 0.15, 0.12, 0.1, 0.09, 0.08, 0.07, 0.06, 0.05, 0.05, 0.045, 0.04],
};

describe.each(READY)('%s', (name) => {
  const json = readScenarioJson(name) as {
    baseline: Record<string, unknown>;
    effects: Record<string, number>;
    uncertainty: { ranges: Record<string, [number, number]> };
  };

  it('calibrates from the loaded data and never uses Socialstyrelsen\'s 6,5 as a period length', () => {
    expect(json.baseline).toEqual({ calibrate: true });
    expect(JSON.stringify(json)).not.toMatch(/6[.,]5/);
  });

  it('every effect range includes no effect at all, and every range includes the point value', () => {
    const ranges = json.uncertainty.ranges;
    for (const path of ['effects.durationReductionMonths', 'effects.fewerHouseholds']) {
      if (ranges[path]) expect(ranges[path][0]).toBe(0);
    }
    expect(ranges['effects.durationReductionMonths']).toBeDefined();
  });

  it.each([
    ['constant hazard', undefined],
    ['falling hazard', falling],
  ])('with a %s, the main line lies inside p10–p90 and near p50 at every year end', (_label, calibration) => {
    const result = simulate(loadScenario(name, calibration));
    for (let i = 11; i < result.months.length; i += 12) {
      const m = result.months[i]!;
      const p10 = m.cumulativeBudgetEffectKrP10!;
      const p50 = m.cumulativeBudgetEffectKrP50!;
      const p90 = m.cumulativeBudgetEffectKrP90!;
      expect(m.cumulativeBudgetEffectKr).toBeGreaterThanOrEqual(p10);
      expect(m.cumulativeBudgetEffectKr).toBeLessThanOrEqual(p90);
      expect(Math.abs(m.cumulativeBudgetEffectKr - p50)).toBeLessThanOrEqual(0.25 * (p90 - p10));
    }
    // With no staffing cut, the cash payback probability is not trivially 100 %.
    expect(result.summary.paybackProbability).toBeLessThan(1);
  });
});
