/**
 * The filter test: one filter gives the same households through the metrics layer (what Nyckeltal
 * shows), a notebook metric cell and a notebook SQL cell with `${filters}`, on data with missing
 * attributes. The expected counts are worked out by hand from the fixture below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { householdMonthsSql } from '../metrics/household-queries.ts';
import { kpis } from '../metrics/kpis.ts';
import { prepareMetrics } from '../metrics/prepare.ts';
import { runMetric } from '../metrics/run.ts';
import type { MetricFilters, MetricsModel } from '../metrics/types.ts';
import { compileCell } from './compile.ts';
import { indexNotebook } from './graph.ts';
import { metricCellSql } from './metric-cell.ts';
import { parseNotebook } from './parse.ts';
import type { InputValue } from './types.ts';

// a: Norr, 2 barn, Jan–Mar. b: Norr, 0 barn, Jan–Jun. c: every attribute missing, Feb–Apr.
// d: Söder, antal_barn missing, Mar. e: Söder, 1 barn, hushållstyp/hinder missing, May–Jun.
// f: Norr, 0 barn, only a zero payment (never active). g: Söder, 0 barn in Jan, 3 barn in Apr.
const FIXTURE = `CREATE TABLE utbetalningar AS SELECT * FROM (VALUES
  ('a', '2024-01', 5000.0, 'Norr', 'ensamstående kvinna med barn', 'arbetslös', 2),
  ('a', '2024-02', 5000.0, 'Norr', 'ensamstående kvinna med barn', 'arbetslös', 2),
  ('a', '2024-03', 5000.0, 'Norr', 'ensamstående kvinna med barn', 'arbetslös', 2),
  ('b', '2024-01', 4000.0, 'Norr', 'ensamstående man utan barn', 'sjukskriven', 0),
  ('b', '2024-02', 4000.0, 'Norr', 'ensamstående man utan barn', 'sjukskriven', 0),
  ('b', '2024-03', 4000.0, 'Norr', 'ensamstående man utan barn', 'sjukskriven', 0),
  ('b', '2024-04', 4000.0, 'Norr', 'ensamstående man utan barn', 'sjukskriven', 0),
  ('b', '2024-05', 4000.0, 'Norr', 'ensamstående man utan barn', 'sjukskriven', 0),
  ('b', '2024-06', 4000.0, 'Norr', 'ensamstående man utan barn', 'sjukskriven', 0),
  ('c', '2024-02', 3000.0, NULL, NULL, NULL, NULL),
  ('c', '2024-03', 3000.0, NULL, NULL, NULL, NULL),
  ('c', '2024-04', 3000.0, NULL, NULL, NULL, NULL),
  ('d', '2024-03', 6000.0, 'Söder', 'sammanboende med barn', 'arbetslös', NULL),
  ('e', '2024-05', 4500.0, 'Söder', NULL, NULL, 1),
  ('e', '2024-06', 4500.0, 'Söder', NULL, NULL, 1),
  ('f', '2024-02', 0.0, 'Norr', 'ensamstående man utan barn', 'arbetslös', 0),
  ('g', '2024-01', 3500.0, 'Söder', 'ensamstående kvinna utan barn', 'arbetslös', 0),
  ('g', '2024-04', 3800.0, 'Söder', 'ensamstående kvinna med barn', 'arbetslös', 3)
) v(hushall_id, manad, utbetalt_kr, enhet, hushallstyp, forsorjningshinder, antal_barn)`;

const NOTEBOOK = `\`\`\`input period
type: period
from: 2024-01
to: 2024-06
\`\`\`

\`\`\`input enhet
type: multiselect
options: Norr, Söder
\`\`\`

\`\`\`input hushallstyp
type: multiselect
options: ensamstående man utan barn, ensamstående kvinna med barn
\`\`\`

\`\`\`input forsorjningshinder
type: multiselect
options: arbetslös, sjukskriven
\`\`\`

\`\`\`input barn
type: select
options: med barn, utan barn
\`\`\`

\`\`\`metric hushall
measure: households
grouping: total
\`\`\`

\`\`\`sql rader
SELECT CAST(count(DISTINCT hushall_id) AS INTEGER) AS n FROM utbetalningar WHERE utbetalt_kr > 0 AND \${filters}
\`\`\`
`;

/** [case, metrics-layer filters, expected households (by hand)]. */
const CASES: [string, MetricFilters, number][] = [
  ['no filter: a b c d e g (f never paid)', {}, 6],
  ['med barn: a, e, g (April); c and d (missing) are not', { barn: 'med' }, 3],
  ['utan barn: b, g (January); c and d (missing) are not, f was never paid', { barn: 'utan' }, 2],
  ['enhet Norr: a, b', { enhet: ['Norr'] }, 2],
  ['enhet Söder: d, e, g', { enhet: ['Söder'] }, 3],
  ['enhet Norr or Söder: all but c (missing)', { enhet: ['Norr', 'Söder'] }, 5],
  ['hushållstyp: b', { hushallstyp: ['ensamstående man utan barn'] }, 1],
  ['two hushållstyper: a, b, g (April)', { hushallstyp: ['ensamstående man utan barn', 'ensamstående kvinna med barn'] }, 3],
  ['arbetslös: a, d, g', { forsorjningshinder: ['arbetslös'] }, 3],
  ['Söder and utan barn: g', { enhet: ['Söder'], barn: 'utan' }, 1],
  ['Söder, arbetslös, med barn: g (d has no antal_barn)', { enhet: ['Söder'], forsorjningshinder: ['arbetslös'], barn: 'med' }, 1],
  ['med barn in Jan–Mar: a only', { from: '2024-01', to: '2024-03', barn: 'med' }, 1],
  ['utan barn in Feb–Jun: b only', { from: '2024-02', to: '2024-06', barn: 'utan' }, 1],
];

/** The notebook's input values that say the same as `f`. */
function notebookValues(f: MetricFilters): Record<string, InputValue> {
  return {
    period: { from: f.from ?? '2024-01', to: f.to ?? '2024-06' },
    enhet: f.enhet ?? [],
    hushallstyp: f.hushallstyp ?? [],
    forsorjningshinder: f.forsorjningshinder ?? [],
    barn: f.barn === undefined ? null : `${f.barn} barn`,
  };
}

describe('one filter, the same households on every path (data with missing values)', () => {
  let db: NodeConnector;
  let model: MetricsModel;
  const index = indexNotebook(parseNotebook(NOTEBOOK));

  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.query(FIXTURE);
    model = await prepareMetrics(db);
  });
  afterAll(async () => db.close());

  const cell = async (name: string, f: MetricFilters, manadKind?: 'text') => {
    const scope = { ...index, values: notebookValues(f), metricSql: metricCellSql.bind(null, model), ...(manadKind ? { manadKind } : {}) };
    const q = compileCell(scope, name);
    return (await db.query(q.text, q.params)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
  };

  it.each(CASES)('%s', async (_, filters, expected) => {
    const range = { from: '2024-01', to: '2024-06', ...filters };
    const layer = await runMetric<{ households: number }>(db, householdMonthsSql(model, range, 'total'));
    expect(layer[0]?.households).toBe(expected);
    const kpi = (await kpis(db, model, range)).find((k) => k.id === 'hushall_under_perioden');
    expect(kpi?.value).toBe(expected);
    expect((await cell('hushall', filters))[0]?.households).toBe(expected);
    expect((await cell('rader', filters))[0]?.n).toBe(expected);
    expect((await cell('rader', filters, 'text'))[0]?.n).toBe(expected);
  });

  it('groups the rows without antal_barn under "Uppgift saknas", outside both barn groups', async () => {
    const rows = await runMetric<{ grupp: string; households: number }>(db, householdMonthsSql(model, {}, 'barn'));
    // med: a, e, g; utan: b, g; saknas: c, d.
    expect(Object.fromEntries(rows.map((r) => [r.grupp, r.households]))).toEqual({ 'med barn': 3, 'utan barn': 2, 'Uppgift saknas': 2 });
  });
});
