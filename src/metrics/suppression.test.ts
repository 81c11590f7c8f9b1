/**
 * The small-count rules through the real metric code on native DuckDB, over the fixture with enheter of
 * 1, 4 and 5 households (tests/fixtures/suppression/small-groups.ts). Expected figures for the group of
 * 5 come from plain SQL in this file, never from src/metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { kpiFigure } from '../format/metric.ts';
import { protectBreakdown } from '../format/suppression.ts';
import { readFileSync } from 'node:fs';
import { SMALL_GROUPS_CSV, smallGroupsCsv } from '../../tests/fixtures/suppression/small-groups.ts';
import { METRIC_DEFINITIONS } from './definitions.ts';
import { householdMonthsSql } from './household-queries.ts';
import { kpis } from './kpis.ts';
import { loadMetricsPage } from './page-data.ts';
import { prepareMetrics } from './prepare.ts';
import { runMetric } from './run.ts';
import type { MetricsModel } from './types.ts';

const plain = (s: string) => s.replace(/\u00a0/g, ' ');
const YEAR_2025 = { from: '2025-01', to: '2025-12' };

describe('small-count protection on the fixture with groups of 1, 4 and 5 households', () => {
  let db: NodeConnector;
  let model: MetricsModel;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.loadFile('utbetalningar', SMALL_GROUPS_CSV);
    model = await prepareMetrics(db);
  });
  afterAll(async () => db.close());

  it('the checked-in CSV is the output of its generator', () => {
    expect(readFileSync(SMALL_GROUPS_CSV, 'utf8')).toBe(smallGroupsCsv());
  });

  async function cards(enhet: string) {
    const values = await kpis(db, model, { ...YEAR_2025, enhet: [enhet] });
    return METRIC_DEFINITIONS.map((d) => {
      const v = values.find((k) => k.id === d.id)!;
      const f = kpiFigure(d.name, v, d.unit);
      return { id: d.id, text: plain(f.cell.text), change: plain(f.change ?? ''), protected: f.cell.protected, value: f.cell.value };
    });
  }

  it.each(['Ettan', 'Fyran'])('%s: households "<5", every other figure and every change protected', async (enhet) => {
    const shown = await cards(enhet);
    const byId = new Map(shown.map((c) => [c.id, c]));
    expect(byId.get('aktiva_hushall')!.text).toBe('<5');
    expect(byId.get('hushall_under_perioden')!.text).toBe('<5');
    for (const c of shown) {
      // A figure the data cannot give (no antal_barn … is not the case here) would be "–"; all others are protected.
      expect({ id: c.id, protected: c.protected || c.text === '–' }).toEqual({ id: c.id, protected: true });
      expect(c.value).toBeNull();
      expect(c.change).toMatch(/^(skyddat|–) mot året innan$/);
    }
    // None of their amounts, per-household amounts or shares appear in any text.
    const all = shown.map((c) => `${c.text} ${c.change}`).join(' | ');
    for (const leak of ['7 777', '93,3', '6 111', '293,3', '100 %', '75 %', '%)']) expect(all).not.toContain(leak);
  });

  it('Femman (5 households) is shown as numbers, equal to plain SQL on the file', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const [r] = (await con.runAndReadAll(`SELECT count(DISTINCT hushall_id) AS h, sum(utbetalt_kr) AS paid, sum(utbetalt_kr) / count(*) AS per_hm,
      avg(CASE WHEN kanal = 'e-tjänst' THEN 1 ELSE 0 END) AS e FROM read_csv('${SMALL_GROUPS_CSV}') WHERE enhet = 'Femman' AND manad >= '2025-01'`)).getRowObjectsJS();
    con.closeSync();
    expect([Number(r!.h), Number(r!.paid), Number(r!.per_hm), Number(r!.e)]).toEqual([5, 300_000, 5000, 1]);
    const byId = new Map((await cards('Femman')).map((c) => [c.id, c]));
    expect(byId.get('aktiva_hushall')!.text).toBe('5');
    expect(byId.get('hushall_under_perioden')!.text).toBe('5');
    expect(byId.get('utbetalt')!.text).toBe('300,0 tkr');
    expect(byId.get('utbetalt_per_hushall')!.text).toBe('5 000 kr');
    expect(byId.get('e_andel')!.text).toBe('100 %');
    // 2024: 4 800 kr a month each → +4,2 %; households unchanged.
    expect(byId.get('utbetalt')!.change).toBe('+4,2 % mot året innan');
    expect(byId.get('aktiva_hushall')!.change).toBe('±0,0 % mot året innan');
  });

  it('the breakdown per enhet: Ettan and Fyran "<5" with no amount; Femman and Stora are numbers', async () => {
    type Row = { grupp: string; households: number; paid_kr: number; paid_per_household_month: number; e_share: number };
    const rows = await runMetric<Row>(db, householdMonthsSql(model, YEAR_2025, 'enhet'));
    const t = protectBreakdown({
      title: 'Per enhet', groupColumn: 1,
      columns: [
        { label: 'Enhet', kind: 'text', role: 'label' }, { label: 'Hushåll', kind: 'count', role: 'count' },
        { label: 'Utbetalt', kind: 'kr', role: 'amount' }, { label: 'Per hushåll och månad', kind: 'kr', role: 'attribute' },
        { label: 'E-andel', kind: 'share', role: 'share', decimals: 0 },
      ],
      rows: rows.map((r) => [r.grupp, r.households, r.paid_kr, r.paid_per_household_month, r.e_share]),
    });
    const text = new Map(t.rows.map((r) => [r[0]!.text, r.slice(1).map((c) => plain(c.text))]));
    expect(text.get('Ettan')).toEqual(['<5', 'skyddat', 'skyddat', 'skyddat']);
    expect(text.get('Fyran')).toEqual(['<5', 'skyddat', 'skyddat', 'skyddat']);
    expect(text.get('Femman')).toEqual(['5', '300 000 kr', '5 000 kr', '100 %']);
    expect(text.get('Stora')![0]).toMatch(/^\d+$/);
    expect(t.notes).toContain('skyddat: färre än 5 hushåll');
  });

  it('the Nyckeltal page data: no chart point or bar for Ettan, per-enhet bars "<5" for Ettan and Fyran', async () => {
    const ettan = await loadMetricsPage(db, model, { ...YEAR_2025, enhet: ['Ettan'] });
    expect(Array.from(ettan.households).every((v) => Number.isNaN(v))).toBe(true);
    expect(Array.from(ettan.paid).every((v) => Number.isNaN(v))).toBe(true);
    expect([...ettan.eShare, ...ettan.children, ...ettan.inflow, ...ettan.outflow].every((v) => v === null)).toBe(true);
    const all = await loadMetricsPage(db, model, YEAR_2025);
    const enhet = all.composition.find((c) => c.label.includes('enhet'))!;
    const bars = Object.fromEntries(enhet.categories.map((c, i) => [c, enhet.values[i]]));
    expect(bars).toMatchObject({ 'Ettan (<5)': null, 'Fyran (<5)': null, Femman: 5 });
    expect(Array.from(all.households).every((v) => v > 5)).toBe(true);
  });
});
