import { readFileSync } from 'node:fs';
import type { Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { prepareMetrics, publishModel } from '../metrics/prepare.ts';
import type { MetricsModel } from '../metrics/types.ts';
import { loadBudget, parseBudgetCsv } from '../notebooks/budget.ts';
import { detectManadKind } from '../notebooks/database.ts';
import { indexNotebook } from '../notebooks/graph.ts';
import type { ChartSpec } from '../notebooks/index.ts';
import { metricCellSql } from '../notebooks/metric-cell.ts';
import { parseNotebook } from '../notebooks/parse.ts';
import { createRuntime } from '../notebooks/runtime.ts';
import { BOM, writeCsv } from './csv.ts';
import { chartCellTable } from './notebook-tables.ts';

/**
 * The månadsrapport's försörjningshinder table on the real engine: its shares are protected by the
 * threshold in force, not by a number written into the notebook's SQL. Hand-made data: four hinder
 * groups of 30, 20, 12 and 7 households, each paid every month of 2025 (the report's default period).
 */
const TEXT = readFileSync('src/notebooks/builtin/manadsrapport.md', 'utf8');
const GROUPS: readonly [string, number][] = [['arbetslös', 30], ['arbetshindrad – sociala skäl', 20], ['otillräcklig inkomst', 12], ['sjukskriven', 7]];

describe('månadsrapport, hinder_andel: shares protected with the threshold in force', () => {
  let db: NodeConnector;
  let model: MetricsModel;
  let result: Table;
  let spec: ChartSpec;

  beforeAll(async () => {
    db = await NodeConnector.open();
    const values = GROUPS.flatMap(([hinder, n], g) => Array.from({ length: n }, (_, i) => `('H${g}-${i}', '${hinder}')`)).join(', ');
    await db.query(`CREATE TABLE utbetalningar AS
      SELECT h.id AS hushall_id, strftime(DATE '2025-01-01' + INTERVAL (m) MONTH, '%Y-%m') AS manad, 5000.0 AS utbetalt_kr,
             4000.0 AS forsorjningsstod_kr, 'övriga hushåll' AS hushallstyp, 1 AS antal_vuxna, 0 AS antal_barn,
             h.hinder AS forsorjningshinder, 'Norr' AS enhet, 'e-tjänst' AS kanal, true AS handlingsplan
      FROM (VALUES ${values}) h(id, hinder), range(12) r(m)`);
    model = await prepareMetrics(db);
    await publishModel(db, model);
    await loadBudget(db, parseBudgetCsv(readFileSync('data/budget.csv', 'utf8')));
    const notebook = parseNotebook(TEXT);
    const rt = createRuntime(notebook, {
      manadKind: await detectManadKind(db, 'utbetalningar'),
      runSql: (q, signal) => db.queryReadOnly(q.text, q.params, { signal }),
      metricSql: (s, filters) => metricCellSql(model, s, filters),
    });
    await rt.run();
    result = rt.snapshot().cells['hinder_andel']!.result as Table;
    rt.dispose();
    const cell = indexNotebook(notebook).cells.get('hinder_andel_tabell')!;
    spec = (cell as unknown as { spec: ChartSpec }).spec;
  }, 120_000);
  afterAll(async () => db.close());

  /** Plain SQL: each hinder's mean active households per month and share of all, over 2025. */
  async function plain(): Promise<Map<string, { avg: number; share: number }>> {
    const t = await db.query(`SELECT forsorjningshinder AS h, count(*) / 12.0 AS avg, count(*) / sum(count(*)) OVER () AS share
      FROM utbetalningar WHERE utbetalt_kr > 0 AND manad BETWEEN '2025-01' AND '2025-12' GROUP BY 1`);
    return new Map(t.toArray().map((r) => [String(r.h), { avg: Number(r.avg), share: Number(r.share) }]));
  }

  /** The CSV's data lines as [hinder, field], header and notes apart. */
  function csvRows(threshold: number): { header: string; rows: Map<string, string>; text: string } {
    const text = writeCsv(chartCellTable(spec, result, { threshold })!);
    expect(text.startsWith(BOM)).toBe(true);
    const lines = text.slice(1).split('\r\n');
    const rows = new Map(lines.slice(1, 1 + GROUPS.length).map((l) => l.split(';') as [string, string]));
    return { header: lines[0]!, rows, text };
  }

  it('at T = 10 the group of 7 and, as the only one under, the next smallest (12) are "skyddat"; the others are plain SQL’s shares', async () => {
    const expected = await plain();
    const { header, rows, text } = csvRows(10);
    expect(header).toBe('Försörjningshinder;Andel av aktiva hushåll (%)');
    expect(rows.get('sjukskriven')).toBe('skyddat');
    expect(rows.get('otillräcklig inkomst')).toBe('skyddat');
    for (const h of ['arbetslös', 'arbetshindrad – sociala skäl']) {
      expect(Number(rows.get(h)!.replace(',', '.'))).toBeCloseTo(expected.get(h)!.share * 100, 5);
    }
    expect(text).toContain('skyddat: färre än 10 hushåll');
    // Neither protected share appears anywhere in the file, in any rounding.
    for (const h of ['sjukskriven', 'otillräcklig inkomst']) expect(text).not.toContain((expected.get(h)!.share * 100).toFixed(1).replace('.', ','));
  });

  it('at T = 5 every group has 5 or more households and every share is shown', async () => {
    const expected = await plain();
    const { rows, text } = csvRows(5);
    for (const [h] of GROUPS) expect(Number(rows.get(h)!.replace(',', '.'))).toBeCloseTo(expected.get(h)!.share * 100, 5);
    expect(text).not.toContain('skyddat');
  });
});
