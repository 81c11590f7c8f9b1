import { describe, expect, it } from 'vitest';
import { parseScenario } from './resolve.ts';
import { checkScenarioFile, ScenarioError } from './scenario.ts';
import { readScenarioJson } from './test-helpers.ts';

// bas.json calibrates from data; these checks need no data, so its baseline is written out.
const valid = () => {
  const json = structuredClone(readScenarioJson('bas.json')) as Record<string, Record<string, unknown>>;
  json.baseline = { households: 151, paymentPerHouseholdKr: 8350, meanDurationMonths: 6.5 };
  return json;
};

function issuesOf(input: unknown): string[] {
  try {
    parseScenario(input);
  } catch (error) {
    if (error instanceof ScenarioError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('parseScenario(input) refuses bad scenarios in Swedish, naming path and allowed range', () => {
  it.each<[string, (s: Record<string, Record<string, unknown>>) => void, string]>([
    ['share above 1', (s) => void (s.automation!.digitalShare = 1.4), 'automation.digitalShare: 1,4 ligger utanför tillåtet intervall 0–1'],
    ['negative hours', (s) => void (s.handling!.hoursPerCase = -2), 'handling.hoursPerCase: \u22122 ligger utanför tillåtet intervall 0–100'],
    ['months over 120', (s) => void ((s as Record<string, unknown>).months = 121), 'months: 121 ligger utanför tillåtet intervall 1–120'],
    ['fractional months', (s) => void ((s as Record<string, unknown>).months = 12.5), 'months: 12,5 ska vara ett heltal i intervallet 1–120'],
    ['unknown field', (s) => void (s.automation!.robotar = 2), 'automation.robotar: okänt fält'],
    ['unknown top-level field', (s) => void ((s as Record<string, unknown>).extra = 1), 'extra: okänt fält'],
    ['text for a number', (s) => void (s.baseline!.households = '151'), 'baseline.households: ska vara ett tal'],
    ['missing hours', (s) => void delete s.handling!.hoursPerCase, 'handling.hoursPerCase: saknas'],
    ['bad month', (s) => void ((s as Record<string, unknown>).start = '2026-13'), 'start: ska vara en månad på formen ÅÅÅÅ-MM, t.ex. 2026-01'],
    ['ramp share', (s) => void (s.automation!.ramp = [[4, 0.4], [8, 1.8]]), 'automation.ramp.1.1: 1,8 ligger utanför tillåtet intervall 0–1'],
    ['ramp order', (s) => void (s.automation!.ramp = [[8, 0.8], [4, 0.4]]), 'automation.ramp: månaderna i införandet ska vara strikt stigande'],
    ['reinvested share above 1', (s) => void (s.handling!.reinvestedShare = 1.5), 'handling.reinvestedShare: 1,5 ligger utanför tillåtet intervall 0–1'],
    ['fee', (s) => void (s.automation!.feesPerCaseKr = { grund: -1 }), 'automation.feesPerCaseKr.grund: \u22121 ligger utanför tillåtet intervall 0–100\u00a0000'],
    ['missing baseline figure', (s) => void delete s.baseline!.households, 'baseline.households: saknas (eller ange baseline.calibrate: true)'],
    ['start month after horizon', (s) => void (s.effects!.startMonth = 90), 'effects.startMonth: 90 ligger efter scenariots sista månad (60)'],
    [
      'reduction longer than the spell',
      (s) => void (s.effects!.durationReductionMonths = 6),
      'effects.durationReductionMonths: 6 är för mycket – en bidragstid på 6,5 månader kan kortas med högst 5,5 månader',
    ],
    ['uncertainty out of range', (s) => void (s.uncertainty!.ranges = { 'automation.digitalShare': [0.5, 1.2] }), 'uncertainty.ranges.automation.digitalShare: 1,2 ligger utanför tillåtet intervall 0–1'],
    ['uncertainty min > max', (s) => void (s.uncertainty!.ranges = { 'handling.hoursPerCase': [5, 3] }), 'uncertainty.ranges.handling.hoursPerCase: min (5) är större än max (3)'],
    ['uncertainty unknown path', (s) => void (s.uncertainty!.ranges = { 'automation.feesPerCaseKr.saknas': [0, 1] }), 'uncertainty.ranges.automation.feesPerCaseKr.saknas: okänt fält, eller ett fält som inte kan ges ett osäkerhetsintervall'],
    ['uncertainty on months', (s) => void (s.uncertainty!.ranges = { months: [12, 24] }), 'uncertainty.ranges.months: okänt fält, eller ett fält som inte kan ges ett osäkerhetsintervall'],
  ])('%s', (_label, mutate, message) => {
    const scenario = valid();
    mutate(scenario);
    expect(issuesOf(scenario)).toContain(message);
  });

  it('reports every problem at once, one line each', () => {
    const scenario = valid();
    scenario.automation!.digitalShare = 2;
    scenario.automation!.manualShare = -1;
    expect(issuesOf(scenario)).toHaveLength(2);
  });

  it('refuses calibrate: true when no data is loaded', () => {
    const scenario = valid();
    scenario.baseline = { calibrate: true };
    expect(issuesOf(scenario)).toEqual(['baseline.calibrate: scenariot ska kalibreras från utbetalningsdata, men ingen data är inläst']);
  });
});

describe('checkScenarioFile(input) defaults', () => {
  it('fills casesPerMonth, hoursPerFteMonth, reinvestedShare, shares, startMonth and seed', () => {
    const checked = checkScenarioFile({
      name: 'minsta',
      start: '2026-01',
      months: 12,
      baseline: { households: 151, paymentPerHouseholdKr: 8350, meanDurationMonths: 6.5 },
      handling: { hoursPerCase: 3, costPerFteMonthKr: 58_000 },
    });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.file.handling.hoursPerFteMonth).toBe(160);
    expect(checked.file.handling.reinvestedShare).toBe(0);
    expect(checked.file.automation).toEqual({ ramp: [], digitalShare: 1, manualShare: 0, feesPerCaseKr: {}, oneOffCostKr: 0, fixedCostPerYearKr: 0 });
    expect(checked.file.effects).toEqual({ durationReductionMonths: 0, fewerHouseholds: 0, startMonth: 1, targetShare: 1 });
    expect(checked.file.handling.staffCostReductionShare).toBe(0);
    expect(checked.file.seed).toBe(1);
    expect(parseScenario(checked.file).baseline.casesPerMonth).toBe(151);
  });

  it('takes baseline figures from calibration, keeping any written in the file', () => {
    const scenario = parseScenario(
      { name: 'kalibrerad', start: '2026-01', months: 12, baseline: { calibrate: true, paymentPerHouseholdKr: 9000 }, handling: { hoursPerCase: 3, costPerFteMonthKr: 58_000 } },
      { households: 420, paymentPerHouseholdKr: 8100, inflowPerMonth: 60, meanDurationMonths: 7, hazard: [0.2, 0.15, 0.1] },
    );
    expect(scenario.baseline).toEqual({ households: 420, casesPerMonth: 420, paymentPerHouseholdKr: 9000, meanDurationMonths: 7, hazard: [0.2, 0.15, 0.1], calibrated: true });
  });
});
