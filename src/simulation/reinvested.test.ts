import { describe, expect, it } from 'vitest';
import { monteCarlo } from './monte-carlo.ts';
import { parseScenario } from './resolve.ts';
import { ScenarioError } from './scenario.ts';
import { sensitivity } from './sensitivity.ts';
import { simulate } from './simulate.ts';
import { readScenarioJson } from './test-helpers.ts';

// Example 1 (151 cases × 3 h, 75 % saving from month 1, no costs, no effects) with a reinvested share.
function example1(reinvestedShare?: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const json = readScenarioJson('exempel-1-tidsbesparing.json');
  const handling = { ...(json.handling as Record<string, unknown>), ...(reinvestedShare === undefined ? {} : { reinvestedShare }) };
  return { ...json, handling, ...extra };
}

function issuesOf(input: unknown): string[] {
  try {
    parseScenario(input);
  } catch (error) {
    if (error instanceof ScenarioError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('handling.reinvestedShare: freed hours reinvested in active work are not counted as money saved', () => {
  it.each<[number | undefined, number, number]>([
    // share, reinvested hours, net savings (kr) per month
    // 339,75 h × (1 − 0) × 58 000 ÷ 160 = 339,75 × 362,5 = 123 159,375 kr: the default leaves example 1 unchanged
    [undefined, 0, 123_159.375],
    [0, 0, 123_159.375],
    // 339,75 h × (1 − 0,5) × 362,5 kr/h = 169,875 × 362,5 = 61 579,6875 kr
    [0.5, 169.875, 61_579.6875],
    // 339,75 × 0,25 × 362,5 = 30 789,84375 kr
    [0.75, 254.8125, 30_789.84375],
    [1, 339.75, 0],
  ])('share %s: %s h reinvested, net savings %s kr a month', (share, reinvested, net) => {
    const result = simulate(parseScenario(example1(share)));
    expect(result.scenario.handling.reinvestedShare).toBe(share ?? 0);
    for (const m of result.months) {
      expect(m.freedHours).toBeCloseTo(339.75, 9);
      expect(m.reinvestedHours).toBeCloseTo(reinvested, 9);
      expect(m.automationCostKr).toBe(0);
      expect(m.netSavingsKr).toBeCloseTo(net, 6);
    }
    expect(result.months.at(-1)!.cumulativeNetSavingsKr).toBeCloseTo(12 * net, 5);
    // The yearly table still reports all freed hours: 12 × 339,75 = 4 077 h.
    expect(result.summary.years[0]!.freedHours).toBeCloseTo(4077, 6);
  });

  it.each([
    [1.5, 'handling.reinvestedShare: 1,5 ligger utanför tillåtet intervall 0–1'],
    [-0.1, 'handling.reinvestedShare: \u22120,1 ligger utanför tillåtet intervall 0–1'],
    ['0.5', 'handling.reinvestedShare: ska vara ett tal'],
  ])('refuses %s with a Swedish message naming the path and range', (value, message) => {
    expect(issuesOf(example1(undefined, { handling: { hoursPerCase: 3, costPerFteMonthKr: 58_000, reinvestedShare: value } }))).toEqual([message]);
  });

  it('accepts an uncertainty range on handling.reinvestedShare within 0–1 and refuses one outside it', () => {
    expect(issuesOf(example1(0.5, { uncertainty: { runs: 10, ranges: { 'handling.reinvestedShare': [1.2, 1.2] } } }))).toEqual([
      'uncertainty.ranges.handling.reinvestedShare: 1,2 ligger utanför tillåtet intervall 0–1',
    ]);
    const scenario = parseScenario(example1(0.5, { uncertainty: { runs: 500, ranges: { 'handling.reinvestedShare': [0, 1] } } }));
    const mc = monteCarlo(scenario);
    const last = scenario.months - 1;
    // Horizon = 12 × 123 159,375 × (1 − share), share uniform in 0–1: between 0 and 1 477 912,5 kr.
    expect(mc.cumulativeNetSavingsKr.p10[last]!).toBeGreaterThanOrEqual(0);
    expect(mc.cumulativeNetSavingsKr.p90[last]!).toBeLessThanOrEqual(1_477_912.5 + 1e-6);
    expect(mc.cumulativeNetSavingsKr.p10[last]!).toBeLessThan(mc.cumulativeNetSavingsKr.p90[last]!);
    // The median share 0,5 gives about half: 738 956,25 kr (within sampling noise of 500 runs).
    expect(Math.abs(mc.cumulativeNetSavingsKr.p50[last]! / 738_956.25 - 1)).toBeLessThan(0.15);
  });

  it('is in the tornado by default: ±20 % around 0,5 gives 886 747,5 kr (0,4) and 591 165 kr (0,6) after 12 months when all other freed time is cut from staffing', () => {
    // The tornado measures the cash budget effect: with staffCostReductionShare 1 every hour not reinvested is cash.
    const cut = example1(undefined, { handling: { hoursPerCase: 3, costPerFteMonthKr: 58_000, reinvestedShare: 0.5, staffCostReductionShare: 1 } });
    const item = sensitivity(parseScenario(cut)).find((i) => i.path === 'handling.reinvestedShare')!;
    expect(item.label).toBe('Andel av frigjord tid till aktivt arbete');
    expect(item.low).toBeCloseTo(0.4, 12);
    expect(item.high).toBeCloseTo(0.6, 12);
    // 12 × 123 159,375 × 0,6 and × 0,4
    expect(item.lowValue).toBeCloseTo(886_747.5, 5);
    expect(item.highValue).toBeCloseTo(591_165, 5);
    expect(item.baseValue).toBeCloseTo(738_956.25, 5);
  });
});
