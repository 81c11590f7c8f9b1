import { describe, expect, it } from 'vitest';
import { parseScenario, simulate } from '../../simulation/index.ts';
import { findPreset } from './presets.ts';
import { deterministic, keyFigures, paybackText, runState } from './results.ts';

const bas = findPreset('bas')!.file;

describe('runState(state)', () => {
  it('gives the deterministic run of the preset file, without the Monte-Carlo', () => {
    const outcome = runState({ source: { kind: 'preset', id: 'bas' }, overrides: {}, calibrate: false });
    if (!outcome.ok) throw new Error(outcome.issues.join('\n'));
    const expected = simulate(deterministic(parseScenario(bas)));
    expect(outcome.result.months).toEqual(expected.months);
    expect(outcome.result.months[0]!.householdsP10).toBeUndefined();
    expect(outcome.scenario.uncertainty?.runs).toBe(2000);
  });

  it('returns the engine’s Swedish message instead of throwing (bidragstid cut longer than it is)', () => {
    const file = { ...bas, baseline: { ...bas.baseline, meanDurationMonths: 2 } };
    const outcome = runState({ source: { kind: 'upload', file }, overrides: { dr: 1.5 }, calibrate: false });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues[0]).toMatch(/^effects\.durationReductionMonths: 1,5 är för mycket/);
  });

  it('asks for data when calibrating without it', () => {
    const outcome = runState({ source: { kind: 'preset', id: 'bas' }, overrides: {}, calibrate: true });
    expect(outcome.ok).toBe(false);
  });
});

describe('paybackText(result) / keyFigures(result)', () => {
  const scenario = (changes: object) => deterministic(parseScenario({ ...bas, ...changes }));

  it.each([
    // 300 000 kr up front, then a monthly net saving: the month cumulative turns ≥ 0.
    [{}, /^Återbetald i månad \d+ \(\p{L}+ 20\d\d\)$/u],
    [{ automation: { ...bas.automation, oneOffCostKr: 1e9 } }, /^Betalar sig inte inom 60 månader$/],
    [
      { automation: { ramp: [[1, 0.8]], digitalShare: 1 }, effects: {}, uncertainty: undefined },
      /^Går med överskott redan från första månaden$/,
    ],
  ])('%#: %s', (changes, text) => {
    expect(paybackText(simulate(scenario(changes)))).toMatch(text);
  });

  it('states the bas scenario’s payback month as the engine computes it', () => {
    const result = simulate(scenario({}));
    const month = result.summary.paybackMonth!;
    expect(paybackText(result)).toBe(`Återbetald i månad ${month} (${new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, month - 1, 1)))})`);
  });

  it('sums the yearly totals and reads the horizon', () => {
    const result = simulate(scenario({}));
    const k = keyFigures(result);
    expect(k.horizonNetKr).toBe(result.months.at(-1)!.cumulativeNetSavingsKr);
    expect(k.automationCostKr).toBeCloseTo(result.months.reduce((t, m) => t + m.automationCostKr, 0), 6);
    // 453 h → 453 × (0.26 + 0.74 × (0.1 + 0.9 × 0.2)) h with 80 % saving: freed ≈ 1.5 FTE at 160 h.
    expect(k.freedFte).toBeCloseTo(result.months.at(-1)!.freedHours / 160, 9);
    expect(k.freedFteText).toMatch(/^\d+,\d årsarbetare, varav \d+,\d till aktivt arbete$/);
    // bas reinvests half of the freed time.
    expect(k.reinvestedFte).toBeCloseTo(k.freedFte * 0.5, 9);
  });

  it('names no reinvested part when none of the freed time goes to active work', () => {
    const k = keyFigures(simulate(scenario({ handling: { hoursPerCase: 3, costPerFteMonthKr: 58_000, reinvestedShare: 0 } })));
    expect(k.reinvestedFte).toBe(0);
    expect(k.freedFteText).toMatch(/^\d+,\d årsarbetare$/);
  });
});
