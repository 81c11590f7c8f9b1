import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './resolve.ts';
import { simulate } from './simulate.ts';

// Random but valid scenario files: the properties must hold for every one of them.
const scenarioArb = fc.record({
  households: fc.double({ min: 1, max: 20_000, noNaN: true }),
  payment: fc.double({ min: 0, max: 20_000, noNaN: true }),
  duration: fc.double({ min: 1, max: 60, noNaN: true }),
  hoursPerCase: fc.double({ min: 0, max: 10, noNaN: true }),
  hoursPerFte: fc.double({ min: 100, max: 200, noNaN: true }),
  saving1: fc.double({ min: 0, max: 1, noNaN: true }),
  saving2: fc.double({ min: 0, max: 1, noNaN: true }),
  digital: fc.double({ min: 0, max: 1, noNaN: true }),
  manual: fc.double({ min: 0, max: 1, noNaN: true }),
  reductionShare: fc.double({ min: 0, max: 1, noNaN: true }),
  fewer: fc.double({ min: 0, max: 50, noNaN: true }),
  startMonth: fc.integer({ min: 1, max: 24 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
});

type Draw = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function toFile(d: Draw, overrides: { saving?: [number, number]; reinvestedShare?: number } = {}) {
  const [s1, s2] = overrides.saving ?? [d.saving1, d.saving2];
  const reinvested = overrides.reinvestedShare === undefined ? {} : { reinvestedShare: overrides.reinvestedShare };
  return {
    name: 'egenskap',
    start: '2026-01',
    months: 24,
    seed: d.seed,
    baseline: { households: d.households, paymentPerHouseholdKr: d.payment, meanDurationMonths: d.duration },
    handling: { hoursPerCase: d.hoursPerCase, hoursPerFteMonth: d.hoursPerFte, costPerFteMonthKr: 58_000, ...reinvested },
    automation: { ramp: [[2, s1], [6, s2]], digitalShare: d.digital, manualShare: d.manual, feesPerCaseKr: { grund: 200 } },
    effects: { durationReductionMonths: d.reductionShare * (d.duration - 1), fewerHouseholds: d.fewer, startMonth: d.startMonth },
  };
}

describe('simulate(scenario) properties (fast-check)', () => {
  it('hours and freed hours are never negative', () => {
    fc.assert(
      fc.property(scenarioArb, (d) => {
        for (const m of simulate(parseScenario(toFile(d))).months) {
          expect(m.hours).toBeGreaterThanOrEqual(0);
          expect(m.freedHours).toBeGreaterThanOrEqual(-1e-9);
          expect(m.households).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('FTE = hours ÷ hoursPerFteMonth', () => {
    fc.assert(
      fc.property(scenarioArb, (d) => {
        for (const m of simulate(parseScenario(toFile(d))).months) {
          expect(m.fte).toBeCloseTo(m.hours / d.hoursPerFte, 9);
          expect(m.fteBaseline).toBeCloseTo(m.hoursBaseline / d.hoursPerFte, 9);
        }
      }),
    );
  });

  it('zero time saving gives zero freed hours', () => {
    fc.assert(
      fc.property(scenarioArb, (d) => {
        for (const m of simulate(parseScenario(toFile(d, { saving: [0, 0] }))).months) expect(m.freedHours).toBe(0);
      }),
    );
  });

  it('a larger time saving never gives fewer freed hours', () => {
    fc.assert(
      fc.property(scenarioArb, fc.double({ min: 0, max: 1, noNaN: true }), (d, extra) => {
        const lower = simulate(parseScenario(toFile(d, { saving: [d.saving1, d.saving2] }))).months;
        const more: [number, number] = [d.saving1 + (1 - d.saving1) * extra, d.saving2 + (1 - d.saving2) * extra];
        const higher = simulate(parseScenario(toFile(d, { saving: more }))).months;
        higher.forEach((m, i) => expect(m.freedHours).toBeGreaterThanOrEqual(lower[i]!.freedHours - 1e-9));
      }),
    );
  });

  it('net savings never increase with the reinvested share of freed time, everything else equal', () => {
    fc.assert(
      fc.property(scenarioArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (d, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const less = simulate(parseScenario(toFile(d, { reinvestedShare: low }))).months;
        const more = simulate(parseScenario(toFile(d, { reinvestedShare: high }))).months;
        more.forEach((m, i) => {
          const tolerance = 1e-9 * Math.max(1, Math.abs(less[i]!.cumulativeNetSavingsKr));
          expect(m.netSavingsKr).toBeLessThanOrEqual(less[i]!.netSavingsKr + tolerance);
          expect(m.cumulativeNetSavingsKr).toBeLessThanOrEqual(less[i]!.cumulativeNetSavingsKr + tolerance);
          // Only the valuation changes: the same hours are freed and the same households remain.
          expect(m.freedHours).toBe(less[i]!.freedHours);
          expect(m.households).toBe(less[i]!.households);
          expect(m.reinvestedHours).toBeCloseTo(m.freedHours * high, 9);
        });
      }),
    );
  });

  it('the same seed gives identical output, uncertainty bands included', () => {
    fc.assert(
      fc.property(scenarioArb, (d) => {
        const file = { ...toFile(d), uncertainty: { runs: 50, ranges: { 'automation.digitalShare': [0, 1], 'handling.hoursPerCase': [0, 10] } } };
        expect(simulate(parseScenario(file))).toEqual(simulate(parseScenario(structuredClone(file))));
      }),
      { numRuns: 30 },
    );
  });

  it('with no effects the households stay at the starting level', () => {
    fc.assert(
      fc.property(scenarioArb, (d) => {
        const file = { ...toFile(d), effects: { durationReductionMonths: 0, fewerHouseholds: 0 } };
        for (const m of simulate(parseScenario(file)).months) expect(m.households).toBeCloseTo(d.households, 6);
      }),
    );
  });
});
