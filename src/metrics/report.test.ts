import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeConnector } from '../engine/node-connector.ts';
import { openBasic } from '../../tests/fixtures/metrics/tables.ts';
import { BASIC_REPORT as expected } from '../../tests/fixtures/metrics/basic.expected.ts';
import { computeReport } from './report.ts';
import { kpis } from './kpis.ts';
import { prepareMetrics } from './prepare.ts';
import { METRIC_DEFINITIONS } from './definitions.ts';

describe('computeReport(db, options) on basic.csv', () => {
  let db: NodeConnector;
  beforeAll(async () => {
    db = await openBasic();
  });
  afterAll(async () => db.close());

  it('equals the report worked out by hand in basic.expected.ts', async () => {
    expect(await computeReport(db)).toEqual(expected);
  });

  it('keeps the whole table as coverage when from–to narrows the report', async () => {
    const report = await computeReport(db, { from: '2020-04', to: '2021-03' });
    expect(report.monthly).toEqual(expected.monthly.slice(3, 15));
    // 2020 Apr–Dec: H01–H04, H06, H07, H10, H13; ends Apr–Dec: 1+2+2+2+1+1. Years not wholly in range: no long-term.
    expect(report.yearly.map((y) => [y.year, y.households, y.exits, y.longTermHouseholds, y.longTermShare])).toEqual([
      [2020, 8, 9, null, null],
      [2021, 3, 1, null, null],
    ]);
  });

  it('follows G and W: G = 2 observes H07’s start and more ends, W = 6 follows 2021’s early ends', async () => {
    const g2 = await computeReport(db, { gap: 2 });
    expect(g2.monthly.slice(0, 3).map((m) => m.newHouseholds)).toEqual([null, null, 1]);
    expect(g2.monthly.slice(20).map((m) => m.exits)).toEqual([2, 2, null, null]);
    const w6 = await computeReport(db, { window: 6 });
    expect(w6.yearly.map((y) => [y.reactivated, y.reactivationRate])).toEqual([[2, 0.2], [0, 0]]);
  });
});

describe('kpis(db, model, filters)', () => {
  let db: NodeConnector;
  beforeAll(async () => {
    db = await openBasic();
  });
  afterAll(async () => db.close());

  it('compares Jan–Jun 2021 with Jan–Jun 2020, clipped to what each metric can observe', async () => {
    const model = await prepareMetrics(db);
    const byId = new Map((await kpis(db, model, { from: '2021-01', to: '2021-06' })).map((k) => [k.id, k]));
    expect(METRIC_DEFINITIONS.every((d) => byId.has(d.id))).toBe(true);
    // Active household-months: 2+2+3+2+2+3 = 14 vs 2+2+3+5+6+4 = 22, per month.
    expect(byId.get('aktiva_hushall')).toMatchObject({ from: '2021-01', to: '2021-06', value: 14 / 6, previous: 22 / 6 });
    expect(byId.get('aktiva_hushall')?.change).toBeCloseTo(-8 / 6, 12);
    // New periods: 2+0+1+0+0+1; a year earlier months 0–2 are censored, so no comparison.
    expect(byId.get('nya_hushall')).toMatchObject({ value: 4, previous: null, change: null });
    // Ends 0+0+1+0+0+1 vs 0+0+1+1+2+2.
    expect(byId.get('avslut')).toMatchObject({ value: 2, previous: 6, change: -4, relativeChange: -4 / 6 });
    // No end in 2021 has 12 months of follow-up; no whole year lies in the range.
    expect(byId.get('ateraktualisering')).toMatchObject({ from: null, value: null, previous: null });
    expect(byId.get('langvarigt')).toMatchObject({ value: null });
    // Paid 2+2+3+2+2+3 vs 2+2+3+5+7+5 thousand kr (H01 pays 2 000 kr).
    expect(byId.get('utbetalt')).toMatchObject({ value: 14000, previous: 24000, change: -10000 });
  });

  it('defaults to the last 12 months of data', async () => {
    const model = await prepareMetrics(db);
    const [first] = await kpis(db, model);
    expect(first).toMatchObject({ id: 'aktiva_hushall', from: '2021-01', to: '2021-12', value: 28 / 12, previous: 31 / 12 });
  });

  it('by default shows each metric over its own latest 12 observable months', async () => {
    const model = await prepareMetrics(db);
    const byId = new Map((await kpis(db, model)).map((k) => [k.id, k]));
    // Återaktualisering needs W = 12 months of follow-up: the ends of 2020, as in the yearly report.
    expect(byId.get('ateraktualisering')).toMatchObject({ from: '2020-01', to: '2020-12', value: expected.yearly[0]!.reactivationRate });
    // Ends need G = 3 months after: October 2020 – September 2021, summed from the hand-written monthly exits.
    const exits = expected.monthly.filter((m) => m.month >= '2020-10' && m.month <= '2021-09').reduce((s, m) => s + (m.exits ?? 0), 0);
    expect(byId.get('avslut')).toMatchObject({ from: '2020-10', to: '2021-09', value: exits });
  });
});

describe('kpis(db, model): the measures added for Socialstyrelsen, Kolada and the split of starts', () => {
  let db: NodeConnector;
  beforeAll(async () => {
    db = await openBasic();
  });
  afterAll(async () => db.close());

  it('gives 2021 against 2020 by hand, and marks bidragstid as shortened by the start of the data', async () => {
    const model = await prepareMetrics(db);
    const byId = new Map((await kpis(db, model)).map((k) => [k.id, k]));
    // Payment months 28 over 7 households in 2021, 31 over 9 in 2020 (the last whole calendar years).
    expect(byId.get('bistandsmanader_per_hushall')).toMatchObject({ from: '2021-01', to: '2021-12', value: 4, previous: 31 / 9 });
    // Starts in 2021: H14, H15 (12), H10 (14), H03 (17), H04, H09 (18), H08 (19); återkommande: H10, H03, H04.
    expect(byId.get('nya_hushall')).toMatchObject({ value: 7 });
    expect(byId.get('aterkommande')).toMatchObject({ value: 3 });
    // Ej återaktualiserade is the primary of the pair: listed first, 7 of 10 followed-up 2020 ends.
    const ids = [...byId.keys()];
    expect(ids.indexOf('ej_ateraktualiserade')).toBeLessThan(ids.indexOf('ateraktualisering'));
    expect(byId.get('ej_ateraktualiserade')?.value).toBeCloseTo(0.7, 12);
    // Adults in 2021: seven one-adult households, one of them (H14) långvarig.
    expect(byId.get('langvarigt_vuxna')).toMatchObject({ value: 1 / 7, previous: 2 / 11 });
    // Data from 2020-01 with G = 3: ends in 2020-10 could have lasted at most 7 months inside the data.
    expect(byId.get('bidragstid_medel')?.caveat).toMatch(/^Påverkas av datastart: en period som slutar oktober 2020 kan bara ha varat 7 månader.*avslut från mars 2024\.$/);
    expect(byId.get('aktiva_hushall')?.caveat).toBeNull();
  });
});

describe('METRIC_DEFINITIONS', () => {
  it('never names Socialstyrelsen as the source of the period-based figures', () => {
    for (const id of ['bidragstid_medel', 'bidragstid_median', 'mycket_langvarigt']) {
      expect(METRIC_DEFINITIONS.find((d) => d.id === id)?.source).toMatch(/^Egen definition/);
    }
  });

  it('has a unique id, a Swedish name and an explanation for every metric', () => {
    expect(new Set(METRIC_DEFINITIONS.map((d) => d.id)).size).toBe(METRIC_DEFINITIONS.length);
    for (const d of METRIC_DEFINITIONS) expect(d.name.length > 3 && d.explanation.length > 40).toBe(true);
  });
});
