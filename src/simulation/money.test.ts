import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monteCarlo } from './monte-carlo.ts';
import { parseScenario } from './resolve.ts';
import { simulate } from './simulate.ts';

/*
 * A scenario worked out on paper (docs/simulation.md, "Budgeteffekt och värdet av frigjord tid"):
 * 100 households at 10 000 kr, D = 10 (constant hazard, so the stock stays at 100 without effects),
 * 2 h per case, 64 000 kr per FTE month of 160 h = 400 kr/h, 50 % time saving from month 1,
 * 80 % e-service of which 25 % manual → 60 % automated, half the freed time reinvested, half of the
 * rest removed from staffing, 100 kr per e-service case, 200 000 kr one-off, 12 000 kr a year fixed,
 * 10 fewer households from month 2.
 *
 * Month 1: 100 cases, 60 automated, freed 60 × 2 × 0,5 = 60 h, reinvested 30 h,
 *   value of freed time 30 × 400 = 12 000 kr, staff savings 6 000 kr,
 *   costs 100 × 0,8 × 100 + 200 000 + 1 000 = 209 000 kr, payment savings 0
 *   → budget effect 0 + 6 000 − 209 000 = −203 000 kr; incl. freed time 0 + 12 000 − 209 000 = −197 000 kr.
 * Month 2 on: 90 households, 54 automated, freed 54 h, reinvested 27 h, value 10 800 kr, staff 5 400 kr,
 *   costs 90 × 0,8 × 100 + 1 000 = 8 200 kr, payment savings 10 × 10 000 = 100 000 kr
 *   → budget effect 97 200 kr; incl. freed time 102 600 kr.
 * Cumulative budget effect −203 000, −105 800, −8 600, 88 600 → pays back (cash) in month 4;
 * cumulative incl. freed time −197 000, −94 400, 8 200 → month 3.
 * Year 2026 (12 months): payment savings 11 × 100 000 = 1 100 000; freed time value 12 000 + 11 × 10 800
 *   = 130 800; staff savings 6 000 + 11 × 5 400 = 65 400; costs 209 000 + 11 × 8 200 = 299 200;
 *   budget effect 1 100 000 + 65 400 − 299 200 = 866 200; incl. freed time 931 600; freed hours 654.
 */
const paper = {
  name: 'Räknat för hand',
  start: '2026-01',
  months: 12,
  baseline: { households: 100, paymentPerHouseholdKr: 10_000, meanDurationMonths: 10 },
  handling: { hoursPerCase: 2, hoursPerFteMonth: 160, costPerFteMonthKr: 64_000, reinvestedShare: 0.5, staffCostReductionShare: 0.5 },
  automation: { ramp: [[1, 0.5]], digitalShare: 0.8, manualShare: 0.25, feesPerCaseKr: { e_tjanst: 100 }, oneOffCostKr: 200_000, fixedCostPerYearKr: 12_000 },
  effects: { fewerHouseholds: 10, startMonth: 2 },
};

describe('simulate(scenario): cash budget effect vs value of freed time, by hand', () => {
  const result = simulate(parseScenario(paper));
  const [m1, m2] = result.months;

  it('month 1: freed time is worth 12 000 kr, of which 6 000 kr is cash; budget effect −203 000 kr', () => {
    expect(m1!.freedHours).toBeCloseTo(60, 9);
    expect(m1!.reinvestedHours).toBeCloseTo(30, 9);
    expect(m1!.freedTimeValueKr).toBeCloseTo(12_000, 6);
    expect(m1!.staffCostSavingsKr).toBeCloseTo(6_000, 6);
    expect(m1!.automationCostKr).toBeCloseTo(209_000, 6);
    expect(m1!.paymentSavingsKr).toBeCloseTo(0, 6);
    expect(m1!.budgetEffectKr).toBeCloseTo(-203_000, 6);
    expect(m1!.netSavingsKr).toBeCloseTo(-197_000, 6);
  });

  it('month 2: 10 fewer households save 100 000 kr; budget effect 97 200 kr, incl. freed time 102 600 kr', () => {
    expect(m2!.households).toBeCloseTo(90, 9);
    expect(m2!.freedTimeValueKr).toBeCloseTo(10_800, 6);
    expect(m2!.staffCostSavingsKr).toBeCloseTo(5_400, 6);
    expect(m2!.automationCostKr).toBeCloseTo(8_200, 6);
    expect(m2!.paymentSavingsKr).toBeCloseTo(100_000, 6);
    expect(m2!.budgetEffectKr).toBeCloseTo(97_200, 6);
    expect(m2!.netSavingsKr).toBeCloseTo(102_600, 6);
  });

  it('cumulative budget effect and payback: month 4 on cash, month 3 including freed time', () => {
    const cash = result.months.slice(0, 4).map((m) => m.cumulativeBudgetEffectKr);
    [-203_000, -105_800, -8_600, 88_600].forEach((v, i) => expect(cash[i]).toBeCloseTo(v, 5));
    const withTime = result.months.slice(0, 3).map((m) => m.cumulativeNetSavingsKr);
    [-197_000, -94_400, 8_200].forEach((v, i) => expect(withTime[i]).toBeCloseTo(v, 5));
    expect(result.summary.paybackMonth).toBe(4);
    expect(result.summary.paybackMonthLabel).toBe('2026-04');
    expect(result.summary.paybackMonthInclFreedTime).toBe(3);
    expect(result.summary.paybackMonthInclFreedTimeLabel).toBe('2026-03');
  });

  it('year sums: budget effect 866 200 kr, value of freed time 130 800 kr (65 400 kr of it cash)', () => {
    const [year] = result.summary.years;
    expect(result.summary.years).toHaveLength(1);
    expect(year!.months).toBe(12);
    expect(year!.paymentSavingsKr).toBeCloseTo(1_100_000, 4);
    expect(year!.freedTimeValueKr).toBeCloseTo(130_800, 4);
    expect(year!.staffCostSavingsKr).toBeCloseTo(65_400, 4);
    expect(year!.automationCostKr).toBeCloseTo(299_200, 4);
    expect(year!.budgetEffectKr).toBeCloseTo(866_200, 4);
    expect(year!.netSavingsKr).toBeCloseTo(931_600, 4);
    expect(year!.freedHours).toBeCloseTo(654, 6);
  });

  it('the fewer households are their own part of the payment savings; no warning about stacking', () => {
    expect(result.summary.effectParts.fewerHouseholdsKr).toBeCloseTo(1_100_000, 4);
    expect(result.summary.effectParts.durationKr).toBeCloseTo(0, 6);
    expect(result.summary.warnings.some((w) => w.includes('två skilda effekter'))).toBe(false);
  });

  it('with staffCostReductionShare 0 (the default) no freed time is cash', () => {
    const { staffCostReductionShare: _drop, ...handling } = paper.handling;
    const r = simulate(parseScenario({ ...paper, handling }));
    expect(r.scenario.handling.staffCostReductionShare).toBe(0);
    expect(r.months[0]!.staffCostSavingsKr).toBe(0);
    expect(r.months[0]!.budgetEffectKr).toBeCloseTo(-209_000, 6);
    expect(r.summary.years[0]!.budgetEffectKr).toBeCloseTo(1_100_000 - 299_200, 4);
  });
});

describe('effects.targetShare: the shorter bidragstid for a target group only', () => {
  // 120 households, D = 12 (constant hazard), one month shorter from month 1. For the whole stock the
  // new steady state is 120 × 11/12 = 110; for a target group of 25 % only its 30 households shrink to 27,5.
  const base = {
    name: 'Målgrupp',
    start: '2026-01',
    months: 120,
    baseline: { households: 120, paymentPerHouseholdKr: 1_000, meanDurationMonths: 12 },
    handling: { hoursPerCase: 0, costPerFteMonthKr: 0, reinvestedShare: 1 },
    effects: { durationReductionMonths: 1, startMonth: 1 },
  };

  it.each([
    [1, 110],
    [0.25, 117.5],
    [0, 120],
  ])('share %s → %s households in the long run', (targetShare, households) => {
    const r = simulate(parseScenario({ ...base, effects: { ...base.effects, targetShare, targetGroup: 'Arbetslösa' } }));
    expect(r.months[0]!.households).toBeCloseTo(120, 9);
    expect(r.months.at(-1)!.households).toBeCloseTo(households, 1);
    expect(r.scenario.effects.targetGroup).toBe('Arbetslösa');
  });
});

describe('summary.warnings', () => {
  const file = (handling: Record<string, number>, effects: Record<string, number>) => ({
    name: 'Varning', start: '2026-01', months: 12,
    baseline: { households: 100, paymentPerHouseholdKr: 1_000, meanDurationMonths: 12 },
    handling: { hoursPerCase: 3, costPerFteMonthKr: 58_000, ...handling },
    effects,
  });

  it('says that a bidragstid effect with no reinvested time has no time behind it', () => {
    const w = simulate(parseScenario(file({ reinvestedShare: 0 }, { durationReductionMonths: 1 }))).summary.warnings;
    expect(w.some((s) => s.includes('ingen arbetstid bakom sig'))).toBe(true);
    expect(w.some((s) => s.includes('givet antagandena'))).toBe(true);
  });

  it('says so when färre hushåll and kortare bidragstid are stacked, and shows each part', () => {
    const r = simulate(parseScenario(file({ reinvestedShare: 0.5 }, { durationReductionMonths: 1, fewerHouseholds: 5 })));
    expect(r.summary.warnings.some((s) => s.includes('två skilda effekter'))).toBe(true);
    expect(r.summary.warnings.some((s) => s.includes('ingen arbetstid'))).toBe(false);
    const total = r.months.reduce((sum, m) => sum + m.paymentSavingsKr, 0);
    expect(r.summary.effectParts.durationKr).toBeGreaterThan(0);
    // 5 households × 1 000 kr × 12 months
    expect(r.summary.effectParts.fewerHouseholdsKr).toBeCloseTo(60_000, 6);
    expect(r.summary.effectParts.durationKr + r.summary.effectParts.fewerHouseholdsKr).toBeCloseTo(total, 6);
  });

  it('has nothing to say about a scenario without effects', () => {
    expect(simulate(parseScenario(file({}, {}))).summary.warnings).toEqual([]);
  });
});

describe('budgetEffectKr = payment savings + staff savings − costs, every month (fast-check)', () => {
  const arb = fc.record({
    households: fc.double({ min: 1, max: 5_000, noNaN: true }),
    payment: fc.double({ min: 0, max: 20_000, noNaN: true }),
    duration: fc.double({ min: 2, max: 40, noNaN: true }),
    hoursPerCase: fc.double({ min: 0, max: 6, noNaN: true }),
    saving: fc.double({ min: 0, max: 1, noNaN: true }),
    digital: fc.double({ min: 0, max: 1, noNaN: true }),
    manual: fc.double({ min: 0, max: 1, noNaN: true }),
    reinvested: fc.double({ min: 0, max: 1, noNaN: true }),
    staffCut: fc.double({ min: 0, max: 1, noNaN: true }),
    reduction: fc.double({ min: 0, max: 1, noNaN: true }),
    fewer: fc.double({ min: 0, max: 30, noNaN: true }),
    target: fc.double({ min: 0, max: 1, noNaN: true }),
    oneOff: fc.double({ min: 0, max: 1_000_000, noNaN: true }),
  });

  it('holds, and the value incl. freed time differs from it by exactly the non-cash part of freed time', () => {
    fc.assert(
      fc.property(arb, (d) => {
        const r = simulate(
          parseScenario({
            name: 'identitet', start: '2026-01', months: 24,
            baseline: { households: d.households, paymentPerHouseholdKr: d.payment, meanDurationMonths: d.duration },
            handling: { hoursPerCase: d.hoursPerCase, costPerFteMonthKr: 58_000, reinvestedShare: d.reinvested, staffCostReductionShare: d.staffCut },
            automation: { ramp: [[3, d.saving]], digitalShare: d.digital, manualShare: d.manual, feesPerCaseKr: { grund: 200 }, oneOffCostKr: d.oneOff },
            effects: { durationReductionMonths: d.reduction * (d.duration - 1), fewerHouseholds: d.fewer, targetShare: d.target, startMonth: 4 },
          }),
        );
        let cumulative = 0;
        for (const m of r.months) {
          const scale = 1 + Math.abs(m.baselinePaymentsKr) + Math.abs(m.automationCostKr) + Math.abs(m.freedTimeValueKr);
          const tolerance = 1e-9 * scale;
          expect(Math.abs(m.budgetEffectKr - (m.baselinePaymentsKr - m.paymentsKr + m.staffCostSavingsKr - m.automationCostKr))).toBeLessThan(tolerance);
          expect(Math.abs(m.netSavingsKr - m.budgetEffectKr - (m.freedTimeValueKr - m.staffCostSavingsKr))).toBeLessThan(tolerance);
          expect(Math.abs(m.freedTimeValueKr - ((m.freedHours - m.reinvestedHours) * 58_000) / 160)).toBeLessThan(tolerance);
          cumulative += m.budgetEffectKr;
          expect(Math.abs(m.cumulativeBudgetEffectKr - cumulative)).toBeLessThan(tolerance * 24);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('monteCarlo: the payback probability is on the cash budget effect', () => {
  it('is 0 when only freed time (not cash) could pay back the costs', () => {
    // 60 % of 453 h freed at 362,5 kr/h ≈ 98 529 kr a month of time, but no staffing cut and no effect on
    // payments: the cash budget effect is −costs every month and never pays back.
    const s = parseScenario({
      name: 'Bara tid', start: '2026-01', months: 24, seed: 3,
      baseline: { households: 151, paymentPerHouseholdKr: 8_350, meanDurationMonths: 12 },
      handling: { hoursPerCase: 3, costPerFteMonthKr: 58_000 },
      automation: { ramp: [[1, 0.75]], digitalShare: 0.8, feesPerCaseKr: { grund: 200 }, oneOffCostKr: 300_000 },
      uncertainty: { runs: 200, ranges: { 'automation.digitalShare': [0.6, 1] } },
    });
    const mc = monteCarlo(s);
    expect(mc.paybackProbability).toBe(0);
    expect(mc.cumulativeNetSavingsKr.p50[23]!).toBeGreaterThan(0);
    expect(mc.cumulativeBudgetEffectKr.p90[23]!).toBeLessThan(0);
  });
});
