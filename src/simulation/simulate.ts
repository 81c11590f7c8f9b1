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

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Sentences a reader must see next to the figures: assumptions that carry no evidence or overlap. */
export function scenarioWarnings(scenario: Scenario): string[] {
  const warnings: string[] = [];
  const { durationReductionMonths, fewerHouseholds } = scenario.effects;
  if (durationReductionMonths > 0 && scenario.handling.reinvestedShare === 0) {
    warnings.push(
      'Kortare bidragstid räknas utan att någon frigjord tid går till aktivt arbete med klienterna: effekten har ingen arbetstid bakom sig i scenariot.',
    );
  }
  if (durationReductionMonths > 0 && fewerHouseholds > 0) {
    warnings.push(
      'Både kortare bidragstid och färre hushåll är valda. De räknas som två skilda effekter och läggs ihop; beskriver de samma arbete räknas effekten två gånger. Båda delarna visas var för sig.',
    );
  }
  if (durationReductionMonths > 0 || fewerHouseholds > 0) {
    warnings.push('Effekten på bidragstiden är ett antagande: ingen studie har mätt den. Resultaten gäller givet antagandena.');
  }
  return warnings;
}

/** Simulates a resolved scenario month by month; deterministic for a given scenario (and seed). */
export function simulate(scenario: Scenario): SimulationResult {
  const c = simulateColumns(scenario);
  const n = scenario.months;
  const { households: baselineHouseholds, paymentPerHouseholdKr } = scenario.baseline;
  const { hoursPerFteMonth } = scenario.handling;
  const baselinePaymentsKr = baselineHouseholds * paymentPerHouseholdKr;
  const paymentSavings = new Float64Array(n);
  const months: MonthResult[] = [];
  for (let i = 0; i < n; i++) {
    paymentSavings[i] = baselinePaymentsKr - c.paymentsKr[i]!;
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
      freedHours: c.freedHours[i]!,
      reinvestedHours: c.reinvestedHours[i]!,
      fteBaseline: c.hoursBaseline[i]! / hoursPerFteMonth,
      fte: c.hours[i]! / hoursPerFteMonth,
      feesKr: c.feesKr[i]!,
      licencesKr: c.licencesKr[i]!,
      automationCostKr: c.automationCostKr[i]!,
      paymentsKr: c.paymentsKr[i]!,
      baselinePaymentsKr,
      paymentSavingsKr: paymentSavings[i]!,
      freedTimeValueKr: c.freedTimeValueKr[i]!,
      staffCostSavingsKr: c.staffCostSavingsKr[i]!,
      budgetEffectKr: c.budgetEffectKr[i]!,
      cumulativeBudgetEffectKr: c.cumulativeBudgetEffectKr[i]!,
      netSavingsKr: c.netSavingsKr[i]!,
      cumulativeNetSavingsKr: c.cumulativeNetSavingsKr[i]!,
    });
  }
  const payback = paybackMonth(c.cumulativeBudgetEffectKr);
  const paybackInclTime = paybackMonth(c.cumulativeNetSavingsKr);
  const label = (month: number | null) => (month === null ? null : addMonths(scenario.start, month - 1));
  const result: SimulationResult = {
    scenario,
    months,
    summary: {
      paybackMonth: payback,
      paybackMonthLabel: label(payback),
      paybackMonthInclFreedTime: paybackInclTime,
      paybackMonthInclFreedTimeLabel: label(paybackInclTime),
      years: yearTotals(scenario.start, n, {
        automationCostKr: c.automationCostKr,
        paymentSavingsKr: paymentSavings,
        freedHours: c.freedHours,
        freedTimeValueKr: c.freedTimeValueKr,
        staffCostSavingsKr: c.staffCostSavingsKr,
        budgetEffectKr: c.budgetEffectKr,
        netSavingsKr: c.netSavingsKr,
      }),
      effectParts: { durationKr: sum(c.durationSavingsKr), fewerHouseholdsKr: sum(c.fewerSavingsKr) },
      warnings: scenarioWarnings(scenario),
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
      row.cumulativeBudgetEffectKrP10 = mc.cumulativeBudgetEffectKr.p10[i]!;
      row.cumulativeBudgetEffectKrP50 = mc.cumulativeBudgetEffectKr.p50[i]!;
      row.cumulativeBudgetEffectKrP90 = mc.cumulativeBudgetEffectKr.p90[i]!;
    });
    result.summary.paybackProbability = mc.paybackProbability;
  }
  return result;
}
