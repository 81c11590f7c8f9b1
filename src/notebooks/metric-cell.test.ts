import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeConnector } from '../engine/node-connector.ts';
import { openBasic } from '../../tests/fixtures/metrics/tables.ts';
import { prepareMetrics } from '../metrics/prepare.ts';
import type { MetricsModel } from '../metrics/types.ts';
import { rowsOf } from '../metrics/run.ts';
import { compileCell } from './compile.ts';
import { indexNotebook } from './graph.ts';
import { metricCellSql, toMetricFilters } from './metric-cell.ts';
import { parseNotebook } from './parse.ts';
import { createRuntime } from './runtime.ts';
import { serializeNotebook } from './serialize.ts';
import type { InputValue } from './types.ts';

const text = `\`\`\`input period
type: period
from: 2020-05
to: 2020-09
\`\`\`

\`\`\`input enhet
type: select
options: Nord, Syd
default: Nord
\`\`\`

\`\`\`metric aktiva
measure: households
grouping: month
\`\`\`

\`\`\`sql summa
SELECT sum(households) AS s FROM \${aktiva}
\`\`\`

\`\`\`input fri
type: slider
min: 0
max: 5
default: 1
\`\`\`
`;

describe('metric cells', () => {
  it('round-trip byte for byte and report bad keys with their line', () => {
    expect(serializeNotebook(parseNotebook(text))).toBe(text);
    const ex = '```metric m\nmeasure: flow\ngrouping: enhet\nextend: 12\nexclude: enhet, period\n```\n';
    expect(serializeNotebook(parseNotebook(ex))).toBe(ex);
    expect(parseNotebook('```metric m\nmeasure: flow\nexclude: kommun\n```\n').cells[0]).toMatchObject({ kind: 'error', message: '"exclude: kommun" i måttcellen m är inget globalt filter (period, enhet, hushallstyp, forsorjningshinder, barn).' });
    const bad = parseNotebook('```metric x\nmeasure: antal\n```\n\n```metric y\nmeasure: longTerm\ngrouping: month\n```\n\n```metric z\nmeasure: flow\nextend: -1\n```\n');
    expect(bad.cells.map((c) => (c.kind === 'error' ? c.message : c.kind))).toEqual([
      'Okänt värde "antal" för "measure" i måttcellen x (rad 2); tillåtna: households, flow, duration, reactivation, longTerm, veryLongTerm.',
      'Långvarigt bistånd i måttcellen y räknas per kalenderår: välj grouping year, total eller ett attribut.',
      '"extend: -1" i måttcellen z ska vara ett heltal 0–120 (månader).',
    ]);
  });

  it.each<[string, Record<string, InputValue>, number, object]>([
    ['period and select', { period: { from: '2020-05', to: '2020-09' }, enhet: 'Syd' }, 0, { from: '2020-05', to: '2020-09', enhet: ['Syd'] }],
    ['extend moves the start back over a year end', { period: { from: '2020-02', to: '2020-09' }, enhet: null }, 3, { from: '2019-11', to: '2020-09' }],
  ])('map the global filters to the metrics layer (%s)', (_, values, extend, expected) => {
    const { inputs } = indexNotebook(parseNotebook(text));
    expect(toMetricFilters(inputs, values, extend)).toEqual(expected);
  });

  it('map barn and multiselects', () => {
    const nb = parseNotebook('```input barn\ntype: select\noptions: med barn, utan barn\n```\n\n```input hushallstyp\ntype: multiselect\noptions: A, B\n```\n');
    const { inputs } = indexNotebook(nb);
    expect(toMetricFilters(inputs, { barn: 'utan barn', hushallstyp: ['A', 'B'] })).toEqual({ barn: 'utan', hushallstyp: ['A', 'B'] });
    expect(toMetricFilters(inputs, { barn: null, hushallstyp: [] })).toEqual({});
    expect(toMetricFilters(inputs, { barn: 'utan barn', hushallstyp: ['A'] }, 0, ['hushallstyp'])).toEqual({ barn: 'utan' });
  });

  describe('on DuckDB with basic.csv', () => {
    let db: NodeConnector;
    let model: MetricsModel;
    beforeAll(async () => {
      db = await openBasic();
      model = await prepareMetrics(db);
    });
    afterAll(async () => db.close());

    it('run the metrics layer’s builder under the filters, and SQL cells read the result by name', async () => {
      const nb = parseNotebook(text);
      const host = { runSql: (q: { text: string; params: readonly unknown[] }) => db.query(q.text, q.params as never), metricSql: (spec: never, f: never) => metricCellSql(model, spec, f) };
      const rt = createRuntime(nb, host);
      await rt.run();
      const s = rt.snapshot();
      // Hand-checked in src/metrics/household-queries.test.ts: Nord, 2020-05..09 → 5, 3, 0, 0, 1.
      expect(rowsOf<{ households: number }>(s.cells.aktiva!.result as never).map((r) => r.households)).toEqual([5, 3, 0, 0, 1]);
      expect(rowsOf<{ s: number }>(s.cells.summa!.result as never)[0]!.s).toBe(9);
      // Only cells that depend on the changed filter rerun.
      rt.setInput('enhet', 'Syd');
      await rt.run();
      expect([rt.executions('aktiva'), rt.executions('summa'), rt.executions('fri')]).toEqual([2, 2, 1]);
      // A metric that excludes enhet does not rerun when enhet changes.
      const nb2 = parseNotebook(text.replace('grouping: month\n', 'grouping: month\nexclude: enhet\n'));
      const rt2 = createRuntime(nb2, host);
      await rt2.run();
      rt2.setInput('enhet', 'Syd');
      await rt2.run();
      expect(rt2.executions('aktiva')).toBe(1);
    });

    it('fail in the cell when no metrics model is available', () => {
      const nb = parseNotebook(text);
      const { cells, inputs } = indexNotebook(nb);
      expect(() => compileCell({ cells, inputs, values: { period: { from: '2020-05', to: '2020-09' }, enhet: null } }, 'aktiva')).toThrow(
        'Måttcellen aktiva kan inte köras: måttlagret är inte förberett här.',
      );
    });
  });
});
