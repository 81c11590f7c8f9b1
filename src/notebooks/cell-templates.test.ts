import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { newCells, NEW_CELL_KINDS } from './cell-templates.ts';
import { buildGraph } from './graph.ts';
import { addCell } from './history.ts';
import { parseNotebook } from './parse.ts';
import { createRuntime } from './runtime.ts';
import { serializeNotebook } from './serialize.ts';
import { decodeState, encodeState } from './url-state.ts';
import type { Notebook } from './types.ts';

const empty: Notebook = { meta: { title: 'Ny', description: '', extra: {} }, cells: [], problems: [] };
const add = (nb: Notebook, kind: (typeof NEW_CELL_KINDS)[number]) => newCells(nb, kind).reduce((n, c) => addCell(n, n.cells.length, c), nb);

describe('newCells(nb, kind)', () => {
  it.each(NEW_CELL_KINDS)('a new %s cell survives the file format and refers only to cells that exist', (kind) => {
    const nb = add(empty, kind);
    const back = parseNotebook(serializeNotebook(nb));
    expect(back.cells.map((c) => c.kind)).not.toContain('error');
    expect(back.cells).toEqual(nb.cells);
    for (const node of buildGraph(back).nodes.values()) expect(node.problem).toBeUndefined();
  });

  it('a chart in an empty notebook brings its own metric cell instead of naming "fraga"', () => {
    const cells = newCells(empty, 'chart');
    expect(cells.map((c) => c.kind)).toEqual(['metric', 'chart']);
    expect(cells[1]!.kind === 'chart' && cells[1]!.spec.data).toBe('matt');
  });

  it('a chart draws the last SQL or metric cell already there', () => {
    const withSql = add(add(empty, 'metric'), 'sql');
    const [chart] = newCells(withSql, 'chart');
    expect(chart!.kind === 'chart' && chart!.spec).toMatchObject({ type: 'table', data: 'fraga' });
  });

  it('two cells of the same kind get distinct names', () => {
    const nb = add(add(empty, 'input'), 'input');
    expect(nb.cells.map((c) => (c.kind === 'text' ? '' : c.name))).toEqual(['andel', 'andel_2']);
  });
});

describe('cell names with å, ä, ö', () => {
  const text = [
    '```input ökning',
    'type: slider',
    'min: 0',
    'max: 10',
    'default: 2',
    '```',
    '',
    '```sql förändring',
    'SELECT sum(utbetalt_kr) + ${ökning} AS värde FROM utbetalningar',
    '```',
    '',
    '```sql årets',
    'SELECT värde * 2 AS dubbelt FROM ${förändring}',
    '```',
    '',
  ].join('\n');

  let db: NodeConnector;
  beforeAll(async () => {
    db = await NodeConnector.open();
    await db.query(`CREATE TABLE utbetalningar AS SELECT * FROM (VALUES (1000), (3000)) v(utbetalt_kr)`);
  });
  afterAll(async () => db.close());

  it('parse, reference one another and run on DuckDB', async () => {
    const nb = parseNotebook(text);
    expect(nb.cells.map((c) => c.kind)).toEqual(['input', 'sql', 'sql']);
    expect(serializeNotebook(nb)).toBe(text);
    const rt = createRuntime(nb, { runSql: (q) => db.query(q.text, q.params) });
    await rt.run();
    const get = (cell: string, col: string) => (rt.snapshot().cells[cell]!.result as { getChild(n: string): { get(i: number): unknown } }).getChild(col).get(0);
    // By hand: 1 000 + 3 000 + 2 = 4 002; doubled 8 004.
    expect(Number(get('förändring', 'värde'))).toBe(4002);
    expect(Number(get('årets', 'dubbelt'))).toBe(8004);
    rt.setInput('ökning', 7);
    await rt.run();
    expect(Number(get('årets', 'dubbelt'))).toBe(8014);
  });

  it('go into a link and come back', () => {
    const nb = parseNotebook(text);
    const query = encodeState({ ökning: 5 });
    expect(decodeState(query, nb)).toEqual({ inputs: { ökning: 5 }, problems: [] });
    expect(decodeState('%C3%B6kning=6', nb).inputs).toEqual({ ökning: 6 });
  });
});
