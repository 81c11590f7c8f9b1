import { describe, expect, it } from 'vitest';
import { deterministic, parseScenario, simulate, type BaselineCalibration } from '../../simulation/index.ts';
import { findPreset } from './presets.ts';
import { baselineText, keyFigures, paybackInclFreedTimeText, paybackText, runState } from './results.ts';

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-');

/** A flat baseline (hazard 1/10 in every month: mean period 10 months) standing in for data. */
const calibration: BaselineCalibration = { households: 200, paymentPerHouseholdKr: 9000, inflowPerMonth: 20, meanDurationMonths: 10, hazard: [0.1] };

/**
 * Worked by hand: 100 households, 2 h per case, 400 kr per hour (64 000 kr ÷ 160 h), all digital,
 * 50 % time saving from month 1, half the freed time reinvested, half of the rest taken out of staff.
 * Freed 100 h/month; 50 h not reinvested = 20 000 kr of freed time, of which 10 000 kr is staff cost.
 * Fees 50 kr × 100 = 5 000 kr/month; 40 000 kr one-off in month 1. No effect on households.
 * Budget effect: month 1 = 10 000 − 45 000 = −35 000, later +5 000 a month → ≥ 0 in month 8 (−35 000 + 7 × 5 000).
 * Including freed time: month 1 = 20 000 − 45 000 = −25 000, later +15 000 → ≥ 0 in month 3.
 */
const handWorked = {
  name: 'Handräknat',
  start: '2026-01',
  months: 12,
  baseline: { households: 100, paymentPerHouseholdKr: 10_000, meanDurationMonths: 10 },
  handling: { hoursPerCase: 2, hoursPerFteMonth: 160, costPerFteMonthKr: 64_000, reinvestedShare: 0.5, staffCostReductionShare: 0.5 },
  automation: { ramp: [[1, 0.5]], digitalShare: 1, manualShare: 0, feesPerCaseKr: { avgift: 50 }, oneOffCostKr: 40_000 },
};

describe('keyFigures(result) on a hand-worked scenario', () => {
  const result = simulate(parseScenario(handWorked));
  const k = keyFigures(result);

  it('adds up: payment savings + staff cost savings − automation costs = budget effect', () => {
    expect(k.paymentSavingsKr).toBeCloseTo(0, 6);
    expect(k.staffCostSavingsKr).toBeCloseTo(12 * 10_000, 6);
    expect(k.automationCostKr).toBeCloseTo(40_000 + 12 * 5_000, 6);
    expect(k.budgetEffectKr).toBeCloseTo(120_000 - 100_000, 6);
    expect(nb(k.budgetEffectText)).toBe('20,0 tkr');
  });

  it('keeps the value of freed time that stays in staffing apart, and the total including it', () => {
    expect(k.freedTimeNotCashKr).toBeCloseTo(12 * 10_000, 6);
    expect(k.horizonNetKr).toBeCloseTo(20_000 + 120_000, 6);
  });

  it('pays back on cash in month 8 and, counting freed time, in month 3', () => {
    expect(paybackText(result)).toBe('Återbetald i månad 8 (augusti 2026)');
    expect(paybackInclFreedTimeText(result)).toBe('Återbetald i månad 3 (mars 2026)');
  });

  it('says why there is no payback month', () => {
    const never = simulate(parseScenario({ ...handWorked, automation: { ...handWorked.automation, oneOffCostKr: 1e9 } }));
    expect(paybackText(never)).toBe('Betalar sig inte inom 12 månader');
    const free = simulate(parseScenario({ ...handWorked, automation: { ...handWorked.automation, oneOffCostKr: 0, feesPerCaseKr: {} } }));
    expect(paybackText(free)).toBe('Går med överskott redan från första månaden');
  });

  it('names the freed staff time and the reinvested part of it', () => {
    // 100 h freed = 0,625 FTE, half of it to active work.
    expect(k.freedFte).toBeCloseTo(0.625, 9);
    expect(k.reinvestedFte).toBeCloseTo(0.3125, 9);
    expect(nb(k.freedFteText)).toBe('0,6 årsarbetare, varav 0,3 till aktivt arbete');
  });
});

describe('runState(state, runs, calibration)', () => {
  it('runs a ready scenario on the data’s baseline, without the Monte-Carlo', () => {
    const outcome = runState({ source: { kind: 'preset', id: 'bas' }, overrides: {}, calibrate: true }, undefined, calibration);
    if (!outcome.ok) throw new Error(outcome.issues.join('\n'));
    expect(outcome.scenario.baseline.households).toBe(200);
    expect(outcome.scenario.baseline.calibrated).toBe(true);
    expect(outcome.result.months[0]!.householdsP10).toBeUndefined();
    expect(outcome.scenario.uncertainty?.runs).toBe(2000);
  });

  it('asks for data when a ready scenario runs without it', () => {
    const outcome = runState({ source: { kind: 'preset', id: 'bas' }, overrides: {}, calibrate: true });
    expect(outcome.ok).toBe(false);
  });

  it('returns the engine’s Swedish message instead of throwing (bidragstid cut longer than it is)', () => {
    const file = { ...findPreset('exempel-1')!.file, baseline: { calibrate: false, households: 100, paymentPerHouseholdKr: 5000, meanDurationMonths: 2 } };
    const outcome = runState({ source: { kind: 'upload', file }, overrides: { dr: 1.5 }, calibrate: false });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues[0]).toMatch(/^effects\.durationReductionMonths: 1,5 är för mycket/);
  });
});

describe('baselineText(scenario, example)', () => {
  it('says a calibrated baseline comes from data, in Swedish notation', () => {
    const scenario = deterministic(parseScenario({ ...handWorked, baseline: { calibrate: true } }, { ...calibration, households: 354.58, paymentPerHouseholdKr: 10_012.4, meanDurationMonths: 11.64 }));
    expect(nb(baselineText(scenario, false))).toBe('Utgångsläge från data: 355 hushåll, 10 012 kr per hushåll och månad, genomsnittlig periodlängd 11,6 månader');
  });

  it('labels a worked example’s fixed figures as the seed municipality’s', () => {
    const scenario = parseScenario(findPreset('exempel-1')!.file);
    expect(nb(baselineText(scenario, true))).toMatch(/^Exempel från underlaget, med kommunens egna siffror: 151 hushåll, 8 350 kr per hushåll och månad/);
  });
});
