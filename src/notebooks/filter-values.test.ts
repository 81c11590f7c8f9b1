/**
 * A notebook's filter choices, the budget's unknown units and the `manad` kind come from what the
 * page has loaded anyway (the model's month aggregate, through the `filtervarden` view, and its month
 * list), never from the raw rows, which the browser loads only when a statement names them (issue 11:
 * at 12 M rows, naming them cost 89 s). The choices must be the very values the raw rows give, in the
 * same order: checked here against plain SQL over the raw rows, on the real DuckDB.
 */
import type { Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { prepareMetrics, publishModel } from '../metrics/prepare.ts';
import type { MetricsModel } from '../metrics/types.ts';
import { parseBudgetCsv } from './budget.ts';
import { detectManadKind, unknownBudgetUnits } from './database.ts';
import { parseNotebook } from './parse.ts';
import { createRuntime } from './runtime.ts';

// Hand-made rows, one per household and month (a–h), three months. 'Ensamgården' and the hinder
// 'väntar på ersättning' occur in one month only, NULLs in every text column, a zero-amount row
// carries values the paid rows also have, and the names test the sort ('Åby', 'Öst', lower case).
const ROWS = `
  ('a', '2024-01', 9000, 'Norr', 'ensamstående man utan barn', 'arbetslös', 'e-tjänst'),
  ('a', '2024-02', 9000, 'Norr', 'ensamstående man utan barn', 'arbetslös', 'e-tjänst'),
  ('a', '2024-03', 9000, 'Norr', 'ensamstående man utan barn', 'arbetslös', 'papper'),
  ('b', '2024-01', 7000, 'Öst', 'sammanboende med barn', 'sjukskriven', 'e-tjänst'),
  ('b', '2024-02', 7000, 'Öst', 'sammanboende med barn', 'sjukskriven', 'e-tjänst'),
  ('c', '2024-02', 5000, 'Ensamgården', NULL, 'väntar på ersättning', 'muntlig'),
  ('d', '2024-01', 4000, NULL, 'övriga hushåll', NULL, NULL),
  ('d', '2024-03', 4000, NULL, 'övriga hushåll', NULL, NULL),
  ('e', '2024-03', 6000, 'Åby', 'ensamstående kvinna med barn', 'arbetshindrad – sociala skäl', 'e-tjänst'),
  ('f', '2024-01', 0, 'Norr', 'sammanboende med barn', 'arbetslös', 'papper'),
  ('g', '2024-02', 3000, 'centrum', 'ensamstående kvinna utan barn', 'övrigt', 'e-tjänst'),
  ('h', '2024-03', 2000, 'Norr', 'ensamstående man utan barn', 'föräldraledig', 'e-tjänst')`;

const NOTEBOOK = parseNotebook(
  [
    '```input enhet\ntype: select\ncolumn: enhet\n```',
    '```input hushallstyp\ntype: multiselect\ncolumn: hushallstyp\n```',
    '```input forsorjningshinder\ntype: multiselect\ncolumn: forsorjningshinder\n```',
    // Not a filter column: read from the raw rows, as before.
    '```input kanal\ntype: select\ncolumn: kanal\n```',
    // An explicit table: read from it, as written.
    '```input enhet_ra\ntype: select\ncolumn: enhet\nfrom: utbetalningar\n```',
  ].join('\n\n') + '\n',
);

const ENHET_ONLY = parseNotebook('```input enhet\ntype: select\ncolumn: enhet\n```\n');

/** Plain SQL over the raw rows: what a `column:` input listed before issue 11. */
async function rawValues(db: NodeConnector, column: string): Promise<string[]> {
  const t = await db.query(`SELECT DISTINCT CAST(${column} AS VARCHAR) AS v FROM utbetalningar WHERE ${column} IS NOT NULL ORDER BY 1`);
  return (t.getChild('v')?.toArray() ?? []) as string[];
}

describe('filter choices from the loaded month aggregate (real DuckDB)', () => {
  let db: NodeConnector;
  let model: MetricsModel;
  const statements: string[] = [];

  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.query(`CREATE TABLE utbetalningar AS SELECT * FROM (VALUES ${ROWS})
      v(hushall_id, manad, utbetalt_kr, enhet, hushallstyp, forsorjningshinder, kanal)`);
    model = await prepareMetrics(db);
    await publishModel(db, model);
  });
  afterAll(async () => db.close());

  async function options(): Promise<Record<string, unknown>> {
    const rt = createRuntime(NOTEBOOK, {
      runSql: (q) => {
        statements.push(q.text);
        return db.query(q.text, q.params) as Promise<Table>;
      },
    });
    await rt.run();
    const cells = rt.snapshot().cells;
    rt.dispose();
    return Object.fromEntries(Object.entries(cells).map(([name, c]) => [name, c.status === 'ok' ? c.result : c.error]));
  }

  it('lists, for each filter column, exactly the raw rows’ values in the same order', async () => {
    const got = await options();
    for (const column of ['enhet', 'hushallstyp', 'forsorjningshinder']) expect(got[column]).toEqual(await rawValues(db, column));
    // Worked by hand from ROWS: one-month values present, NULL absent, byte order (upper case, then lower, then Å/Ö).
    expect(got.enhet).toEqual(['Ensamgården', 'Norr', 'centrum', 'Åby', 'Öst']);
    expect(got.forsorjningshinder).toEqual(['arbetshindrad – sociala skäl', 'arbetslös', 'föräldraledig', 'sjukskriven', 'väntar på ersättning', 'övrigt']);
  });

  it('reads the filter columns without naming the raw rows; other columns and an explicit from: still read them', async () => {
    statements.length = 0;
    const got = await options();
    const byColumn = (c: string) => statements.filter((s) => s.includes(`CAST("${c}"`));
    for (const c of ['hushallstyp', 'forsorjningshinder']) {
      expect(byColumn(c)).toHaveLength(1);
      expect(byColumn(c)[0]).not.toMatch(/utbetalningar/);
    }
    expect(byColumn('enhet').filter((s) => !/utbetalningar/.test(s))).toHaveLength(1);
    expect(got.kanal).toEqual(await rawValues(db, 'kanal'));
    expect(got.kanal).toEqual(['e-tjänst', 'muntlig', 'papper']);
    expect(got.enhet_ra).toEqual(await rawValues(db, 'enhet'));
  });

  it('unknownBudgetUnits: the budget units the raw rows lack, without reading them', async () => {
    const budget = parseBudgetCsv('manad;enhet;budget_kr\n2024-01;Norr;1000\n2024-01;Öst;1000\n2024-01;Mars;1000\n2024-01;centrum;1000\n2024-01;Centrum;1000\n');
    const known = new Set(await rawValues(db, 'enhet'));
    const expected = ['Mars', 'Centrum'].filter((e) => !known.has(e)).sort((a, b) => a.localeCompare(b, 'sv'));
    expect(expected).toEqual(['Centrum', 'Mars']);
    expect(await unknownBudgetUnits(db, budget)).toEqual(expected);
  });

  it('detectManadKind on the model’s month list gives the raw rows’ kind: text here, date for a DATE column', async () => {
    expect(await detectManadKind(db, model.tables.months)).toBe('text');
    const dated = await NodeConnector.open();
    try {
      await dated.query(`CREATE TABLE utbetalningar AS SELECT hushall_id, CAST(manad || '-01' AS DATE) AS manad, utbetalt_kr
        FROM (VALUES ${ROWS}) v(hushall_id, manad, utbetalt_kr, enhet, hushallstyp, forsorjningshinder, kanal)`);
      const m = await prepareMetrics(dated);
      expect(await detectManadKind(dated, 'utbetalningar')).toBe('date');
      expect(await detectManadKind(dated, m.tables.months)).toBe('date');
    } finally {
      await dated.close();
    }
  });
});

describe('what the month aggregate cannot know', () => {
  it('a value found only on zero-amount rows is not offered (no household with a payment has it)', async () => {
    const db = await NodeConnector.open();
    try {
      await db.query(`CREATE TABLE utbetalningar AS SELECT * FROM (VALUES ('a', '2024-01', 100, 'Norr'), ('b', '2024-01', 0, 'Tomma')) v(hushall_id, manad, utbetalt_kr, enhet)`);
      await publishModel(db, await prepareMetrics(db));
      const rt = createRuntime(ENHET_ONLY, { runSql: (q) => db.query(q.text, q.params) as Promise<Table> });
      await rt.run();
      expect(rt.snapshot().cells.enhet?.result).toEqual(['Norr']);
      rt.dispose();
      expect(await rawValues(db, 'enhet')).toEqual(['Norr', 'Tomma']);
    } finally {
      await db.close();
    }
  });
});
