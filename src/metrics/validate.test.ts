import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlValue } from '../engine/connector.ts';
import { NodeConnector } from '../engine/node-connector.ts';
import { createTable } from '../../tests/fixtures/metrics/tables.ts';
import { householdMonthsSql } from './household-queries.ts';
import { prepareMetrics } from './prepare.ts';
import { runMetric } from './run.ts';
import { MetricsInputError, validateSource } from './validate.ts';

type Rec = Record<string, SqlValue>;
const ok = (n: number): Rec[] =>
  Array.from({ length: n }, (_, i) => ({ hushall_id: `H${i}`, manad: '2021-05', utbetalt_kr: 1000 }));
const withRow = (rows: Rec[], at: number, patch: Rec): Rec[] => rows.map((r, i) => (i === at - 1 ? { ...r, ...patch } : r));

describe('validateSource(db, source)', () => {
  let db: NodeConnector;
  beforeAll(async () => {
    db = await NodeConnector.open();
  });
  afterAll(async () => db.close());

  it.each<{ name: string; rows: Rec[]; message: string; column?: string; row?: number }>([
    { name: 'negative amount', rows: withRow(ok(20), 17, { utbetalt_kr: -250 }), message: 'Kolumnen utbetalt_kr: negativt belopp på rad 17 (-250)', column: 'utbetalt_kr', row: 17 },
    { name: 'month 13', rows: withRow(ok(5), 3, { manad: '2021-13' }), message: 'Kolumnen manad: inte en månad (ÅÅÅÅ-MM) på rad 3 (2021-13)', column: 'manad', row: 3 },
    { name: 'month in words', rows: withRow(ok(5), 2, { manad: 'maj 2021' }), message: 'Kolumnen manad: inte en månad (ÅÅÅÅ-MM) på rad 2 (maj 2021)' },
    { name: 'missing month', rows: withRow(ok(5), 4, { manad: null }), message: 'Kolumnen manad: värde saknas på rad 4' },
    { name: 'missing id', rows: withRow(ok(3), 2, { hushall_id: '' }), message: 'Kolumnen hushall_id: värde saknas på rad 2' },
    { name: 'amount not a number', rows: withRow(ok(3).map((r) => ({ ...r, utbetalt_kr: String(r.utbetalt_kr) })), 3, { utbetalt_kr: '12 kr' }), message: 'Kolumnen utbetalt_kr: inte ett tal på rad 3 (12 kr)' },
    {
      name: 'first bad row wins across columns',
      rows: withRow(withRow(ok(9), 8, { utbetalt_kr: -1 }), 6, { manad: '2021-00' }),
      message: 'Kolumnen manad: inte en månad (ÅÅÅÅ-MM) på rad 6 (2021-00)',
    },
    { name: 'negative children', rows: ok(4).map((r, i) => ({ ...r, antal_barn: i === 1 ? -1 : 0 })), message: 'Kolumnen antal_barn: inte ett heltal ≥ 0 på rad 2 (-1)' },
    { name: 'negative försörjningsstöd', rows: ok(4).map((r, i) => ({ ...r, forsorjningsstod_kr: i === 3 ? -5 : 5 })), message: 'Kolumnen forsorjningsstod_kr: negativt belopp på rad 4 (-5)' },
  ])('rejects $name with a Swedish message naming column and row', async ({ rows, message, column, row }) => {
    await createTable(db, rows, {}, 't_bad');
    const error = await validateSource(db, 't_bad').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricsInputError);
    expect((error as Error).message).toBe(message);
    if (column) expect((error as MetricsInputError).column).toBe(column);
    if (row) expect((error as MetricsInputError).row).toBe(row);
  });

  it.each([
    { drop: 'utbetalt_kr', message: 'Kolumnen utbetalt_kr saknas i data (obligatorisk kolumn)' },
    { drop: 'manad', message: 'Kolumnen manad saknas i data (obligatorisk kolumn)' },
    { drop: 'hushall_id', message: 'Kolumnen hushall_id saknas i data (obligatorisk kolumn)' },
  ])('rejects a table without $drop', async ({ drop, message }) => {
    await createTable(db, ok(2).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== drop))), {}, 't_cols');
    await expect(validateSource(db, 't_cols')).rejects.toThrow(message);
  });

  it('rejects a missing table and an empty table', async () => {
    await expect(validateSource(db, 'no_such_table')).rejects.toThrow('Tabellen no_such_table saknas eller har inga kolumner');
    await db.query('CREATE OR REPLACE TABLE t_empty (hushall_id VARCHAR, manad VARCHAR, utbetalt_kr DOUBLE)');
    await expect(validateSource(db, 't_empty')).rejects.toThrow('Tabellen t_empty innehåller inga rader');
  });

  it.each([
    { type: 'DATE', values: ['2021-05-31', '2021-06-01', '2021-08-15'] },
    { type: 'TIMESTAMP', values: ['2021-05-31 23:00:00', '2021-06-01 00:00:00', '2021-08-15 12:00:00'] },
    { type: 'VARCHAR', values: ['2021-05-31', '2021-06', '2021-08'] },
  ])('uses the month of a $type manad', async ({ type, values }) => {
    await createTable(db, values.map((manad, i) => ({ hushall_id: i < 2 ? 'A' : 'B', manad, utbetalt_kr: 500 })), { manad: type }, 'utbetalningar');
    const model = await prepareMetrics(db);
    expect([model.firstMonth, model.lastMonth]).toEqual([2021 * 12 + 4, 2021 * 12 + 7]);
    const rows = await runMetric<Record<string, unknown>>(db, householdMonthsSql(model, {}, 'month'));
    expect(rows.map((r) => [r.grupp, r.households])).toEqual([['2021-05', 1], ['2021-06', 1], ['2021-07', 0], ['2021-08', 1]]);
  });

  it('sums two rows for one household and month, and ignores a zero row for activity', async () => {
    await createTable(db, [
      { hushall_id: 'A', manad: '2021-05', utbetalt_kr: 300 },
      { hushall_id: 'A', manad: '2021-05', utbetalt_kr: 200 },
      { hushall_id: 'B', manad: '2021-05', utbetalt_kr: 0 },
    ]);
    const model = await prepareMetrics(db);
    const rows = await runMetric<Record<string, unknown>>(db, householdMonthsSql(model, {}, 'month'));
    expect(rows.map((r) => [r.households, r.household_months, r.paid_kr])).toEqual([[1, 1, 500]]);
  });

  it('rejects G and W outside 1–120', async () => {
    await expect(prepareMetrics(db, { gap: 0 })).rejects.toThrow('Ogiltigt värde för gap (G): 0 (ange ett heltal 1–120)');
    await expect(prepareMetrics(db, { window: 2.5 })).rejects.toThrow(/window \(W\)/);
  });
});
