import { describe, expect, it } from 'vitest';
import { parseScenario } from './resolve.ts';
import { simulate } from './simulate.ts';
import { loadScenario, readScenarioJson } from './test-helpers.ts';

// Worked examples 1–6 (docs/simulation.md), each from its file in scenarios/, to the seeds' precision.
describe('worked examples from scenarios/', () => {
  it('1: 151 cases × 3 h = 453 h ≈ 2.83 FTE; 75 % saving → 113.25 h ≈ 0.71 FTE, 339.75 h freed', () => {
    const m = simulate(loadScenario('exempel-1-tidsbesparing.json')).months[0]!;
    expect(m.cases).toBe(151);
    expect(m.hoursBaseline).toBeCloseTo(453, 9);
    expect(m.fteBaseline).toBeCloseTo(2.83125, 9);
    expect(m.hours).toBeCloseTo(113.25, 9);
    expect(m.fte).toBeCloseTo(0.7078125, 9);
    expect(m.freedHours).toBeCloseTo(339.75, 9);
    // 45 minutes per case
    expect((m.hours / m.cases) * 60).toBeCloseTo(45, 9);
  });

  it('2: fees for 151 cases are 45 300 kr/month with all three services, 30 200 kr with basic handling only', () => {
    const all = simulate(loadScenario('exempel-2-avgifter.json'));
    expect(all.months[0]!.feesKr).toBeCloseTo(45_300, 6);
    expect(all.summary.years[0]!.automationCostKr).toBeCloseTo(543_600, 6);

    const json = readScenarioJson('exempel-2-avgifter.json');
    const automation = json.automation as Record<string, unknown>;
    const basicOnly = parseScenario({ ...json, automation: { ...automation, feesPerCaseKr: { grundlaggande_handlaggning: 200 } } });
    const basic = simulate(basicOnly);
    expect(basic.months[0]!.feesKr).toBeCloseTo(30_200, 6);
    expect(basic.summary.years[0]!.automationCostKr).toBeCloseTo(362_400, 6);
  });

  it('3: ramp gives 0 in months 1–3, 40 % in month 4, +10 points a month, 80 % from month 8', () => {
    const savings = simulate(loadScenario('exempel-3-infasning.json')).months.map((m) => m.timeSaving);
    const expected = [0, 0, 0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.8, 0.8, 0.8, 0.8];
    savings.forEach((s, i) => expect(s).toBeCloseTo(expected[i]!, 12));
  });

  it('4: 10 fewer households at 8 350 kr save 83 500 kr a month, 1 002 000 kr (≈ 1 mnkr) a year', () => {
    const r = simulate(loadScenario('exempel-4-farre-hushall.json'));
    expect(r.months[0]!.households).toBe(141);
    r.months.forEach((m) => expect(m.baselinePaymentsKr - m.paymentsKr).toBeCloseTo(83_500, 6));
    expect(r.summary.years[0]!.paymentSavingsKr).toBeCloseTo(1_002_000, 4);
  });

  it('5: one month shorter bidragstid for 115 households (883 000 kr/month) saves ≈ 883 000 kr a year at D = 12 — an upper bound', () => {
    const r = simulate(loadScenario('exempel-5-kortare-bidragstid.json'));
    const formula = (115 / 12) * 1 * 7678.26 * 12; // (households ÷ D) × r × payment × 12 ≈ 883 000
    const lastYear = r.summary.years.at(-1)!;
    expect(Math.abs(lastYear.paymentSavingsKr / formula - 1)).toBeLessThan(0.05);
    // The stock falls gradually, never jumps: month 1 is untouched, each month lower than the last.
    expect(r.months[0]!.households).toBe(115);
    for (let i = 1; i < r.months.length; i++) expect(r.months[i]!.households).toBeLessThan(r.months[i - 1]!.households);
    expect(r.months.at(-1)!.households).toBeCloseTo(115 * (11 / 12), 0);
    // The file says so: D ≥ 12 makes 883 000 kr the upper bound, and D = 24 gives about half.
    const description = r.scenario.description;
    expect(description).toContain('övre gräns');
    expect(description).toContain('440 000 kr');
  });

  it('5 with D = 24: (115 ÷ 24) × 1 × 7 678,26 × 12 ≈ 441 000 kr a year', () => {
    const json = readScenarioJson('exempel-5-kortare-bidragstid.json') as { baseline: Record<string, number> };
    json.baseline.meanDurationMonths = 24;
    const r = simulate(parseScenario({ ...json, months: 120 }));
    const lastYear = r.summary.years.at(-1)!.paymentSavingsKr;
    expect(Math.abs(lastYear / ((115 / 24) * 7678.26 * 12) - 1)).toBeLessThan(0.05);
    expect(lastYear).toBeLessThan(800_000);
  });

  it('6: 10 000 applications, 70 % e-service, 10.7 % of those manual → ≈ 6 250 automated and ≈ 3 750 manual', () => {
    const m = simulate(loadScenario('exempel-6-e-tjanst-och-manuell.json')).months[0]!;
    // 10 000 × 0.7 × (1 − 0.107) = 6 251 exactly; the seeds' 6 250 is 750 ÷ 7 000 = 10.714… % rounded to 10.7 %.
    expect(m.automatedCases).toBeCloseTo(6251, 9);
    expect(m.manualCases).toBeCloseTo(3749, 9);
    expect(Math.round(m.automatedCases / 10) * 10).toBe(6250);
    expect(Math.round(m.manualCases / 10) * 10).toBe(3750);
  });

  it('6: the large city\'s costs (3,4 + 1,6 mnkr a year, 300 000 kr once) and all freed time reinvested: budget effect = −costs', () => {
    const r = simulate(loadScenario('exempel-6-e-tjanst-och-manuell.json'));
    const [first, second] = r.months;
    // month 1: 300 000 + 5 000 000 ÷ 12 = 716 666,67 kr; then 416 666,67 kr a month
    expect(first!.automationCostKr).toBeCloseTo(300_000 + 5_000_000 / 12, 6);
    expect(second!.automationCostKr).toBeCloseTo(5_000_000 / 12, 6);
    // From month 4 hours are freed, all reinvested in work with clients: no time value, no staff savings.
    const june = r.months[5]!;
    expect(june.freedHours).toBeGreaterThan(0);
    expect(june.reinvestedHours).toBeCloseTo(june.freedHours, 9);
    expect(june.freedTimeValueKr).toBe(0);
    expect(june.staffCostSavingsKr).toBe(0);
    expect(r.summary.years[0]!.budgetEffectKr).toBeCloseTo(-5_300_000, 4);
    expect(r.summary.paybackMonth).toBeNull();
  });
});
