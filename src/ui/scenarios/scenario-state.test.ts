import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS, checkScenarioFile, findAssumption, parseScenario, rampAt, roundToStep, valueAt } from '../../simulation/index.ts';
import { assumptionValue, buildFile, hasOwnBaseline, initialState, stateTitles, withAssumption, type ScenarioState } from './scenario-state.ts';
import { findPreset } from './presets.ts';

const bas: ScenarioState = { source: { kind: 'preset', id: 'bas' }, overrides: {}, calibrate: false };
const a = (key: string) => findAssumption(key)!;

describe('buildFile(state)', () => {
  it('returns the preset unchanged when nothing was moved', () => {
    expect(buildFile(bas)).toEqual(findPreset('bas')!.file);
  });

  it.each([
    // key, value, path in the file, expected value there
    ['ds', 0.9, 'automation.digitalShare', 0.9],
    ['ms', 0.2, 'automation.manualShare', 0.2],
    ['hc', 4, 'handling.hoursPerCase', 4],
    ['ri', 0.25, 'handling.reinvestedShare', 0.25],
    ['sr', 0.5, 'handling.staffCostReductionShare', 0.5],
    ['tg', 0.4, 'effects.targetShare', 0.4],
    ['dr', 1, 'effects.durationReductionMonths', 1],
    ['fh', 10, 'effects.fewerHouseholds', 10],
    ['es', 3, 'effects.startMonth', 3],
    ['mo', 36, 'months', 36],
  ])('writes %s = %s to %s', (key, value, path, expected) => {
    const file = buildFile({ ...bas, overrides: { [key]: value } });
    expect(valueAt(file, path)).toBe(expected);
    expect(checkScenarioFile(file).ok).toBe(true);
  });

  it('rebuilds the ramp in two phases: half the saving at "rh", all of it at "rf"', () => {
    // bas: [[4, 0.4], [8, 0.8]]; 60 % final saving, half after 2 months, full after 6.
    const file = buildFile({ ...bas, overrides: { ts: 0.6, rh: 2, rf: 6 } });
    expect(file.automation.ramp).toEqual([
      [2, 0.3],
      [6, 0.6],
    ]);
    expect(rampAt(file.automation.ramp, 1)).toBe(0);
    expect(rampAt(file.automation.ramp, 4)).toBeCloseTo(0.45, 12);
  });

  it('scales the named fees to the new total, keeping their proportions (200/50/50 → 400/100/100)', () => {
    const file = buildFile({ ...bas, overrides: { fee: 600 } });
    expect(file.automation.feesPerCaseKr).toEqual({ grundlaggande_handlaggning: 400, e_tjanst: 100, egen_databas: 100 });
  });

  it('moves an uncertainty range with its assumption (digitalShare 0.74 → 0.37 halves 0.64–0.84)', () => {
    const file = buildFile({ ...bas, overrides: { ds: 0.37 } });
    expect(file.uncertainty!.ranges['automation.digitalShare']).toEqual([0.32, 0.42]);
    // Unmoved ranges are kept as written.
    expect(file.uncertainty!.ranges['handling.hoursPerCase']).toEqual([3, 5]);
  });

  it('clamps a moved range to the field limits and follows the ramp to its new last point', () => {
    const file = buildFile({ ...bas, overrides: { ts: 0.95, rh: 8, rf: 8 } });
    expect(file.automation.ramp).toEqual([[8, 0.95]]);
    const range = file.uncertainty!.ranges['automation.ramp.0.1']!;
    // bas: 0.7–0.9 around 0.8; × 0.95 / 0.8 and capped at 1.
    expect(range[0]).toBeCloseTo((0.7 * 0.95) / 0.8, 6);
    expect(range[1]).toBe(1);
    expect(() => parseScenario(file, { households: 200, paymentPerHouseholdKr: 9000, inflowPerMonth: 20, meanDurationMonths: 10, hazard: [0.1] })).not.toThrow();
  });

  it('names the change in the description and the name, and sets runs', () => {
    const file = buildFile({ ...bas, overrides: { ds: 0.9 } }, 10000);
    expect(file.name).toBe('Bas (ändrat)');
    expect(file.description).toMatch(/Andel ansökningar via e-tjänsten: 90\s%\s\(var 74\s%\)/);
    expect(file.uncertainty!.runs).toBe(10000);
  });

  it('takes the baseline from data when calibrating', () => {
    const file = buildFile({ ...bas, calibrate: true });
    expect(file.baseline).toEqual({ calibrate: true });
    expect(checkScenarioFile(file).ok).toBe(true);
  });

  it('replaces a worked example’s own baseline (151 households) only when asked to use data', () => {
    const example: ScenarioState = { source: { kind: 'preset', id: 'exempel-1' }, overrides: {}, calibrate: false };
    expect(buildFile(example).baseline.households).toBe(151);
    const fromData = buildFile({ ...example, calibrate: true });
    expect(fromData.baseline).toEqual({ calibrate: true });
    expect(fromData.description).toMatch(/hämtas från inläst utbetalningsdata/);
    expect(fromData.name).toMatch(/\(ändrat\)$/);
  });

  it('drops the file’s target-group name when the target share is moved on the page', () => {
    const file = { ...findPreset('bas')!.file, effects: { ...findPreset('bas')!.file.effects, targetShare: 0.5, targetGroup: 'Arbetslösa' } };
    const moved = buildFile({ source: { kind: 'upload', file }, overrides: { tg: 0.3 }, calibrate: true });
    expect(moved.effects.targetShare).toBe(0.3);
    expect(moved.effects.targetGroup).toBeUndefined();
  });
});

describe('initialState(source) / hasOwnBaseline(source)', () => {
  it('opens the ready scenarios calibrated from data and the worked examples with their own figures', () => {
    expect(initialState({ kind: 'preset', id: 'bas' })).toEqual({ source: { kind: 'preset', id: 'bas' }, overrides: {}, calibrate: true });
    expect(initialState({ kind: 'preset', id: 'exempel-4' }).calibrate).toBe(false);
    expect(hasOwnBaseline({ kind: 'preset', id: 'forsiktig' })).toBe(false);
    expect(hasOwnBaseline({ kind: 'preset', id: 'exempel-5' })).toBe(true);
  });
});

describe('withAssumption(state, assumption, value)', () => {
  it('drops an override that equals the source value, so the URL stays short', () => {
    const moved = withAssumption(bas, a('ds'), 0.8);
    expect(moved.overrides).toEqual({ ds: 0.8 });
    expect(assumptionValue(moved, a('ds'))).toBe(0.8);
    expect(withAssumption(moved, a('ds'), 0.74).overrides).toEqual({});
  });
});

describe('ASSUMPTIONS', () => {
  it('reads every preset value within its own slider range', () => {
    const file = findPreset('bas')!.file;
    for (const x of ASSUMPTIONS) {
      expect(x.read(file), x.key).toBeGreaterThanOrEqual(x.min(file));
      expect(x.read(file), x.key).toBeLessThanOrEqual(x.max(file));
    }
  });

  it.each([
    [0.1 + 0.2, 0.05, 0.3],
    [4.000000001, 1, 4],
    [0.8000000000000002, 0.01, 0.8],
  ])('roundToStep(%s, %s) = %s', (value, step, expected) => {
    expect(roundToStep(value, step)).toBe(expected);
  });
});

describe('stateTitles(states)', () => {
  it('names a copy "(kopia)", a second copy "(kopia 2)", and leaves different scenarios as they are', () => {
    const ambitios: ScenarioState = { source: { kind: 'preset', id: 'ambitios' }, overrides: {}, calibrate: false };
    expect(stateTitles([bas, bas, ambitios, bas])).toEqual(['Bas', 'Bas (kopia)', 'Ambitiös', 'Bas (kopia 2)']);
  });
  it('tells a moved copy by its own mark', () => {
    const moved = withAssumption(bas, a('ds'), 0.8);
    expect(stateTitles([moved, moved, bas])).toEqual(['Bas (ändrat)', 'Bas (ändrat) (kopia)', 'Bas']);
  });
});
