/**
 * `simulate(scenario)`: the pure entry point. One deterministic run gives the monthly rows and the
 * summary; when the scenario has `uncertainty`, a seeded Monte-Carlo adds p10/p50/p90 bands and the
 * probability of paying back within the horizon.
 */
import { compileScenario, createColumns, createWorkspace, runModel, type Columns } from './model.ts';
import { monteCarlo } from './monte-carlo.ts';
import { addMonths, paybackMonth, yearTotals } from './summary.ts';
import type { MonthResult, Scenario, SimulationResult } from './types.ts';

/** Runs the deterministic model and returns its raw columns (for charts that want typed arrays). */
export function simulateColumns(scenario: Scenario): Columns {
  const params = compileScenario(scenario);
  const columns = createColumns(params.months);
  runModel(params, columns, createWorkspace(params.hazard.length));
  return columns;
}

/** Simulates a resolved scenario month by month; deterministic for a given scenario (and seed). */
export function simulate(scenario: Scenario): SimulationResult {
  const c = simulateColumns(scenario);
  const n = scenario.months;
  const { households: baselineHouseholds, paymentPerHouseholdKr } = scenario.baseline;
  const { hoursPerFteMonth } = scenario.handling;
  const months: MonthResult[] = [];
  const paymentSavings = new Float64Array(n);
  const freed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const baselinePaymentsKr = baselineHouseholds * paymentPerHouseholdKr;
    paymentSavings[i] = baselinePaymentsKr - c.paymentsKr[i]!;
    freed[i] = c.freedHours[i]!;
    months.push({
      month: addMonths(scenario.start, i),
      households: c.households[i]!,
      baselineHouseholds,
      cases: c.cases[i]!,
      automatedCases: c.automatedCases[i]!,
      manualCases: c.manualCases[i]!,
      timeSaving: c.timeSaving[i]!,
      hoursBaseline: c.hoursBaseline[i]!,
      hours: c.hours[i]!,
      freedHours: freed[i]!,
      reinvestedHours: c.reinvestedHours[i]!,
      fteBaseline: c.hoursBaseline[i]! / hoursPerFteMonth,
      fte: c.hours[i]! / hoursPerFteMonth,
      feesKr: c.feesKr[i]!,
      licencesKr: c.licencesKr[i]!,
      automationCostKr: c.automationCostKr[i]!,
      paymentsKr: c.paymentsKr[i]!,
      baselinePaymentsKr,
      netSavingsKr: c.netSavingsKr[i]!,
      cumulativeNetSavingsKr: c.cumulativeNetSavingsKr[i]!,
    });
  }
  const payback = paybackMonth(c.cumulativeNetSavingsKr);
  const result: SimulationResult = {
    scenario,
    months,
    summary: {
      paybackMonth: payback,
      paybackMonthLabel: payback === null ? null : addMonths(scenario.start, payback - 1),
      years: yearTotals(scenario.start, n, {
        automationCostKr: c.automationCostKr,
        paymentSavingsKr: paymentSavings,
        freedHours: freed,
        netSavingsKr: c.netSavingsKr,
      }),
    },
  };
  if (scenario.uncertainty) {
    const mc = monteCarlo(scenario);
    months.forEach((row, i) => {
      row.householdsP10 = mc.households.p10[i]!;
      row.householdsP50 = mc.households.p50[i]!;
      row.householdsP90 = mc.households.p90[i]!;
      row.cumulativeNetSavingsKrP10 = mc.cumulativeNetSavingsKr.p10[i]!;
      row.cumulativeNetSavingsKrP50 = mc.cumulativeNetSavingsKr.p50[i]!;
      row.cumulativeNetSavingsKrP90 = mc.cumulativeNetSavingsKr.p90[i]!;
    });
    result.summary.paybackProbability = mc.paybackProbability;
  }
  return result;
}
