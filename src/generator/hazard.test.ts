import { describe, expect, it } from 'vitest';
import {
  exitHazard,
  inflowPerActive,
  meanBidragstid,
  nonPayingShare,
  reentryHazard,
  reentryWithin,
  survival,
} from './hazard.ts';
import { newHouseholdPath, stockLevel } from './inflow.ts';
import { DEFAULT_GENERATOR_PARAMS as P, type GeneratorParams } from './params.ts';

describe('exitHazard(monthsOnAssistance, params)', () => {
  it.each([
    [1, 0.17],
    [3, 0.17],
    [4, 0.1],
    [12, 0.1],
    [13, 0.06],
    [24, 0.06],
    [25, 0.04],
    [36, 0.04],
    [37, 0.03],
    [240, 0.03],
  ])('month %d → %d', (month, rate) => {
    expect(exitHazard(month, P)).toBe(rate);
  });

  it('rejects months that are not whole and ≥ 1', () => {
    expect(() => exitHazard(0, P)).toThrow(RangeError);
    expect(() => exitHazard(1.5, P)).toThrow(RangeError);
  });

  it('survival(months) is the product of (1 − hazard)', () => {
    expect(survival(3, P)).toBeCloseTo(0.83 ** 3, 12);
    expect(survival(12, P)).toBeCloseTo(0.83 ** 3 * 0.9 ** 9, 12);
    // A share stays at least three years (the "mycket långvarigt" tail).
    expect(survival(36, P)).toBeCloseTo(0.83 ** 3 * 0.9 ** 9 * 0.94 ** 12 * 0.96 ** 12, 12);
  });

  it('meanBidragstid is 1/h for a constant hazard h, and ≈ 11 months by default', () => {
    const constant: GeneratorParams = { ...P, exitBands: [], exitTail: 0.2 };
    expect(meanBidragstid(constant)).toBeCloseTo(5, 6);
    expect(meanBidragstid(P)).toBeGreaterThan(10);
    expect(meanBidragstid(P)).toBeLessThan(12);
  });
});

describe('reentryHazard(monthsSinceLastPayment, params)', () => {
  it.each([
    [1, 0],
    [3, 0],
    [4, 0.04],
    [12, 0.04],
    [13, 0.005],
    [36, 0.005],
    [37, 0.001],
    [120, 0.001],
    [121, 0],
  ])('month %d → %d', (month, rate) => {
    expect(reentryHazard(month, P)).toBe(rate);
  });

  it('≈ 30 % return within 12 months (1 − 0.96⁹), so ≈ 70 % are not re-activated', () => {
    expect(reentryWithin(12, P)).toBeCloseTo(1 - 0.96 ** 9, 12);
    expect(reentryWithin(3, P)).toBe(0);
  });
});

describe('inflowPerActive(params) and newHouseholdPath(params)', () => {
  const simple: GeneratorParams = {
    ...P,
    exitBands: [],
    exitTail: 0.1,
    reentryBands: [],
    declinePerYear: 0,
    gapRate: 0,
    zeroRowRate: 0,
  };

  it('equals the exit hazard when nothing returns and the stock is flat (Little\'s law)', () => {
    expect(nonPayingShare(simple)).toBe(0);
    expect(inflowPerActive(simple)).toBeCloseTo(0.1, 6);
  });

  it('is lower when exited households come back', () => {
    const withReentry: GeneratorParams = { ...simple, reentryBands: P.reentryBands };
    expect(inflowPerActive(withReentry)).toBeLessThan(0.1);
  });

  it('starts at the full start rate (nobody to return yet) and settles on the steady-state inflow', () => {
    const path = newHouseholdPath(P);
    expect(path.length).toBe(P.burnInMonths + P.months);
    const steady = (t: number): number => P.households * stockLevel(P, t) * inflowPerActive(P);
    expect(path[0]!).toBeGreaterThan(1.5 * steady(-P.burnInMonths));
    expect(path[P.burnInMonths]! / steady(0)).toBeCloseTo(1, 2);
    expect(path.at(-1)! / steady(P.months - 1)).toBeCloseTo(1, 2);
  });
});
