import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { exitHazard, meanBidragstid } from '../generator/hazard.ts';
import { DEFAULT_GENERATOR_PARAMS } from '../generator/params.ts';
import { calibrateBaseline, calibrateBaselineDetail, type CalibrationDetail } from './calibration.ts';
import { prepareMetrics } from './prepare.ts';
import type { MetricsModel } from './types.ts';

/** At-risk-weighted mean of the estimated hazard over durations from..to (1-based, inclusive). */
function bandHazard(c: CalibrationDetail, from: number, to: number): number {
  let exits = 0;
  let atRisk = 0;
  for (let d = from; d <= to; d++) {
    exits += c.exits[d - 1]!;
    atRisk += c.atRisk[d - 1]!;
  }
  return exits / atRisk;
}

const SYNTHETIC = `CREATE TABLE utbetalningar AS
  WITH h AS (
    SELECT c, i, CAST(ceil(ln(1 - (i + 0.5) / 500) / ln(0.8)) AS INTEGER) AS dur FROM range(0, 60) a(c), range(0, 500) b(i))
  SELECT 'h' || c || '_' || i AS hushall_id, strftime(DATE '2020-01-01' + to_months(CAST(c + k AS INTEGER)), '%Y-%m') AS manad,
    1000.0 + 10 * (i % 3) AS utbetalt_kr
  FROM h, range(0, 40) r(k) WHERE k < dur AND c + k < 60`;

describe('calibrateBaseline(db) on synthetic data with a known constant hazard 0.2', () => {
  let db: NodeConnector;
  let model: MetricsModel;
  beforeAll(async () => {
    db = await NodeConnector.open();
    // 60 monthly cohorts of 500 households starting 2020-01 … 2024-12; household i of a cohort stays
    // the geometric quantile ⌈ln(1 − u) ÷ ln(0.8)⌉ months, u = (i + 0.5) ÷ 500: an exact hazard of 0.2.
    await db.query(SYNTHETIC);
    model = await prepareMetrics(db);
  });
  afterAll(async () => db.close());

  it('recovers hazard 0.2 ± 0.01 at every duration, mean bidragstid 5 ± 0.25 months', async () => {
    const c = await calibrateBaselineDetail(db, { model, maxDuration: 12 });
    c.hazard.forEach((h) => expect(h).toBeGreaterThan(0.19));
    c.hazard.forEach((h) => expect(h).toBeLessThan(0.21));
    expect(c.meanDurationMonths).toBeGreaterThan(4.75);
    expect(c.meanDurationMonths).toBeLessThan(5.25);
  });

  it('gives inflow = 500 per month, households ≈ 500 × 5 and the payment per household month', async () => {
    const c = await calibrateBaseline(db, { model, maxDuration: 12 });
    expect(c.inflowPerMonth).toBe(500);
    // The exact quantile durations sum to 2 499 months per cohort of 500.
    expect(c.households).toBeGreaterThan(2400);
    expect(c.households).toBeLessThan(2600);
    expect(c.paymentPerHouseholdKr).toBeGreaterThan(1000);
    expect(c.paymentPerHouseholdKr).toBeLessThan(1020);
  });

  it('refuses an option out of range, in Swedish', async () => {
    await expect(calibrateBaseline(db, { model, windowMonths: 6 })).rejects.toThrow('Ogiltigt värde för windowMonths: 6 (ange ett heltal 12–24)');
    await expect(calibrateBaseline(db, { model, lastMonth: '2025-01' })).rejects.toThrow('Sista månad för kalibreringen 2025-01 ligger utanför data (2020-01–2024-12)');
  });

  it('lastMonth gives exactly what the data cut after that month gives', async () => {
    const cut = await NodeConnector.open();
    try {
      await cut.query(SYNTHETIC);
      await cut.query("DELETE FROM utbetalningar WHERE manad > '2023-06'");
      const fromCut = await calibrateBaselineDetail(cut, { model: await prepareMetrics(cut), maxDuration: 12 });
      const asOf = await calibrateBaselineDetail(db, { model, maxDuration: 12, lastMonth: '2023-06' });
      expect(asOf).toEqual(fromCut);
      expect(asOf.windowTo).toBe(2023 * 12 + 5 - 3);
      // And it differs from the full data's figures, so the option is not ignored.
      expect((await calibrateBaselineDetail(db, { model, maxDuration: 12 })).windowTo).toBe(2024 * 12 + 11 - 3);
    } finally {
      await cut.close();
    }
  });
});

const sample = fileURLToPath(new URL('../../data/utbetalningar.parquet', import.meta.url));

// The generator's known truth (src/generator/params.ts): exit hazard 0.17 in months 1–3, 0.10 in 4–12,
// 0.06 in 13–24, 0.04 in 25–36, 0.03 after. Tolerances: ±15 % on the bands up to 24 months (a few hundred
// exits each), ±35 % on 25–36 and the tail (fewer than 60 exits), ±10 % on the mean bidragstid.
describe('calibrateBaseline(db) recovers the generator\'s parameters from data/utbetalningar.parquet', () => {
  let db: NodeConnector;
  let c: CalibrationDetail;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.loadFile('utbetalningar', sample);
    c = await calibrateBaselineDetail(db, { model: await prepareMetrics(db) });
  });
  afterAll(async () => db.close());

  it.each([
    { from: 1, to: 3, tolerance: 0.15 },
    { from: 4, to: 12, tolerance: 0.15 },
    { from: 13, to: 24, tolerance: 0.15 },
    { from: 25, to: 35, tolerance: 0.35 },
    { from: 36, to: 36, tolerance: 0.35 },
  ])('hazard over months $from–$to within ±$tolerance of the truth', ({ from, to, tolerance }) => {
    const truth = exitHazard(to === 36 ? 37 : from, DEFAULT_GENERATOR_PARAMS);
    expect(Math.abs(bandHazard(c, from, to) / truth - 1)).toBeLessThan(tolerance);
  });

  it('mean bidragstid within 10 % of the generator\'s, and Little\'s law holds within 5 %', () => {
    expect(Math.abs(c.meanDurationMonths / meanBidragstid(DEFAULT_GENERATOR_PARAMS) - 1)).toBeLessThan(0.1);
    expect(Math.abs((c.inflowPerMonth * c.meanDurationMonths) / c.households - 1)).toBeLessThan(0.05);
  });

  it('households near the generator\'s level after its decline, payment per household plausible', () => {
    const p = DEFAULT_GENERATOR_PARAMS;
    // Typical level 400 × start level 1.05, declining 2.3 % a year over the eight years: ≈ 350 at the end.
    const expected = p.households * p.startLevel * Math.exp(-p.declinePerYear * (p.months / 12 - 0.5));
    expect(Math.abs(c.households / expected - 1)).toBeLessThan(0.1);
    expect(c.paymentPerHouseholdKr).toBeGreaterThan(5000);
    expect(c.paymentPerHouseholdKr).toBeLessThan(15000);
  });
});
