import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { prepareMetrics } from '../metrics/prepare.ts';
import type { MetricsModel } from '../metrics/types.ts';
import { actualYearToDate, simulateForecast, yearBudget } from './forecast.ts';

describe('actualYearToDate on a hand-made table', () => {
  let db: NodeConnector;
  let model: MetricsModel;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.query(`CREATE TABLE utbetalningar AS SELECT * FROM (VALUES
      ('a', '2024-12', 900.0), ('a', '2025-01', 1000.0), ('a', '2025-02', 1100.0), ('b', '2025-02', 500.0),
      ('b', '2025-03', 700.0), ('c', '2025-04', 2000.0)) t(hushall_id, manad, utbetalt_kr)`);
    model = await prepareMetrics(db);
  });
  afterAll(async () => db.close());

  it.each([
    ['2025-01', 1000],
    ['2025-03', 1000 + 1100 + 500 + 700],
    ['2025-04', 1000 + 1100 + 500 + 700 + 2000],
    ['2024-12', 900],
  ])('January–%s: %i kr (the year of the month only)', async (asOf, kr) => {
    expect(await actualYearToDate(db, model, asOf)).toBe(kr);
  });
});

describe('simulateForecast on synthetic data (constant exit hazard 0.2, 500 new households a month)', () => {
  let db: NodeConnector;
  let model: MetricsModel;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.query(`CREATE TABLE utbetalningar AS
      WITH h AS (
        SELECT c, i, CAST(ceil(ln(1 - (i + 0.5) / 500) / ln(0.8)) AS INTEGER) AS dur FROM range(0, 60) a(c), range(0, 500) b(i))
      SELECT 'h' || c || '_' || i AS hushall_id, strftime(DATE '2020-01-01' + to_months(CAST(c + k AS INTEGER)), '%Y-%m') AS manad,
        1000.0 AS utbetalt_kr
      FROM h, range(0, 40) r(k) WHERE k < dur AND c + k < 60`);
    model = await prepareMetrics(db);
  });
  afterAll(async () => db.close());

  const scenario = {
    name: 'Prov',
    description: 'Prov',
    start: '2030-01',
    months: 24,
    seed: 1,
    baseline: { households: 10, paymentPerHouseholdKr: 1, meanDurationMonths: 6 },
    handling: { hoursPerCase: 3, hoursPerFteMonth: 160, costPerFteMonthKr: 50000 },
    automation: { ramp: [[1, 0.5]], digitalShare: 0.5, manualShare: 0.1 },
    effects: { durationReductionMonths: 1, startMonth: 2 },
  };

  it('year = actual January–June + six simulated months; the file\'s own baseline is replaced by data', async () => {
    const r = await simulateForecast(db, model, scenario, '2023-06');
    const direct = await db.query("SELECT sum(utbetalt_kr) AS kr FROM utbetalningar WHERE manad BETWEEN '2023-01' AND '2023-06'");
    expect(r.forecast.actualKr).toBe(Number(direct.getChild('kr')!.get(0)));
    expect(r.forecast.months).toEqual(['2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12']);
    expect(r.scenario.start).toBe('2023-07');
    expect(r.scenario.baseline.calibrated).toBe(true);
    // About 500 × 5 households at 1 000 kr: far from the file's 10 households at 1 kr.
    expect(r.months[0]!.baselinePaymentsKr).toBeGreaterThan(2_400_000);
    expect(r.months[0]!.baselinePaymentsKr).toBeLessThan(2_600_000);
    const sum = (k: 'paymentsKr' | 'baselinePaymentsKr') => r.months.slice(0, 6).reduce((s, m) => s + m[k], 0);
    expect(r.forecast.withoutMeasuresKr).toBeCloseTo(r.forecast.actualKr + sum('baselinePaymentsKr'), 6);
    expect(r.forecast.withMeasuresKr).toBeCloseTo(r.forecast.actualKr + sum('paymentsKr'), 6);
    // A month shorter bidragstid from month 2 lowers payments within the year.
    expect(r.forecast.withMeasuresKr).toBeLessThan(r.forecast.withoutMeasuresKr);
    expect(r.effectStart).toBe('2023-08');
    expect(r.method).toBe('Simulering (scenario prov, utgångsläge från data t.o.m. juni 2023)');
  });
});

describe('yearBudget(db, year)', () => {
  it('sums all units of a year with twelve budgeted months; null for a partial year or no table', async () => {
    const db = await NodeConnector.open();
    expect(await yearBudget(db, 2025)).toBeNull();
    await db.query(`CREATE TABLE budget AS SELECT strftime(DATE '2025-01-01' + to_months(CAST(i AS INTEGER)), '%Y-%m') AS manad, e AS enhet, 1000.0 * (i + 1) AS budget_kr, NULL AS hushall
      FROM range(0, 12) a(i), (VALUES ('A'), ('B')) u(e) UNION ALL SELECT '2026-01', 'A', 5.0, NULL`);
    // (1 + 2 + … + 12) × 1 000 kr per unit, two units.
    expect(await yearBudget(db, 2025)).toBe(2 * 78_000);
    expect(await yearBudget(db, 2026)).toBeNull();
    await db.close();
  });
});
