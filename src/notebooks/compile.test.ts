import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeConnector } from '../engine/node-connector.ts';
import { prepareMetrics, publishModel } from '../metrics/prepare.ts';
import { compileCell, compileSql, type CompileScope } from './compile.ts';
import { indexNotebook } from './graph.ts';
import { parseNotebook } from './parse.ts';
import { scanSqlRefs } from './sql-refs.ts';
import { nextMonth } from './filters.ts';
import type { InputValue } from './types.ts';

const inputsText = `
\`\`\`input period
type: period
from: 2023-01
to: 2023-03
\`\`\`

\`\`\`input enhet
type: select
column: enhet
\`\`\`

\`\`\`input hushallstyp
type: multiselect
options: A, B, C
\`\`\`

\`\`\`input barn
type: select
options: med barn, utan barn
\`\`\`

\`\`\`input n
type: slider
min: 0
max: 10
default: 3
\`\`\`

\`\`\`input flagga
type: toggle
default: false
\`\`\`
`;

function scope(cellsText: string, values: Record<string, InputValue>): CompileScope {
  return { ...indexNotebook(parseNotebook(inputsText + cellsText)), values };
}
const base = { period: { from: '2023-01', to: '2023-03' }, enhet: null, hushallstyp: [], barn: null, n: 3, flagga: false };

describe('scanSqlRefs(sql)', () => {
  it('skips string literals, quoted identifiers and comments', () => {
    const refs = scanSqlRefs(`SELECT '\${x}', "\${y}", 'it''s \${z}' -- \${c}\n /* \${d} */ FROM \${a} WHERE \${p.from} AND \${filters(u, -period)}`);
    expect(refs.map((r) => [r.name, r.member, r.args])).toEqual([['a', undefined, undefined], ['p', 'from', undefined], ['filters', undefined, ['u', '-period']]]);
  });
  it.each([
    ['SELECT ${a', /avslutas aldrig/],
    ['SELECT ${a b}', /Ogiltig referens \$\{a b\}/],
    ['SELECT ${a.b.c}', /Ogiltig referens/],
    ['SELECT ${a(x)}', /Bara \$\{filters\(…\)\} tar argument/],
  ])('rejects %s', (text, message) => {
    expect(() => scanSqlRefs(text)).toThrow(message);
  });
});

describe('compileSql(scope, sql) binds every input as a ? parameter', () => {
  it.each<[string, Record<string, InputValue>, string, unknown[]]>([
    ['SELECT ${period.from}, ${period.to}', {}, 'SELECT ?, ?', ['2023-01', '2023-03']],
    ['SELECT ${n} * 2', { n: 7 }, 'SELECT ? * 2', [7]],
    ['SELECT ${flagga}', {}, 'SELECT ?', [false]],
    ['SELECT ${enhet}', { enhet: "Norr'; DROP TABLE x; --" }, 'SELECT ?', ["Norr'; DROP TABLE x; --"]],
    ['SELECT 1 WHERE x IN ${hushallstyp}', { hushallstyp: ['A', 'C'] }, 'SELECT 1 WHERE x IN (?, ?)', ['A', 'C']],
    ['SELECT 1 WHERE x IN ${hushallstyp}', {}, 'SELECT 1 WHERE x IN (NULL)', []],
    ['SELECT ${hushallstyp.empty}', {}, 'SELECT ?', [true]],
    ['SELECT 1;  \n', {}, 'SELECT 1', []],
  ])('%s', (text, values, expected, params) => {
    expect(compileSql(scope('', { ...base, ...values }), text)).toEqual({ text: expected, params });
  });

  it.each([
    ['SELECT ${period}', /skriv \$\{period.from\} eller \$\{period.to\}/],
    ['SELECT ${n.x}', /inmatningen n har inga delar/],
    ['SELECT ${nope}', /Okänd referens \$\{nope\}: det finns ingen cell eller inmatning som heter nope/],
    ['SELECT ${filters.x}', /filters har inga delar/],
    ['SELECT ${filters(1x)}', /Ogiltigt argument "1x"/],
  ])('rejects %s with a Swedish message', (text, message) => {
    expect(() => compileSql(scope('', base), text)).toThrow(message);
  });
});

describe('${filters} expands to the declared global filters', () => {
  it.each<[string, Record<string, InputValue>, string, unknown[]]>([
    ['${filters}', {}, '(substr(CAST("manad" AS VARCHAR), 1, 7) BETWEEN ? AND ?)', ['2023-01', '2023-03']],
    ['${filters(-period)}', {}, 'TRUE', []],
    ['${filters(u)}', { enhet: 'Norr', hushallstyp: ['A', 'B'], barn: 'med barn' }, '(substr(CAST("u"."manad" AS VARCHAR), 1, 7) BETWEEN ? AND ? AND "u"."enhet" IN (?) AND "u"."hushallstyp" IN (?, ?) AND "u"."antal_barn" > 0)', ['2023-01', '2023-03', 'Norr', 'A', 'B']],
    ['${filters(-enhet)}', {}, '(substr(CAST("manad" AS VARCHAR), 1, 7) BETWEEN ? AND ?)', ['2023-01', '2023-03']],
    ['${filters(-period, -enhet)}', { enhet: 'Norr', barn: 'utan barn' }, '("antal_barn" = 0)', []],
  ])('%s', (ref, values, expected, params) => {
    expect(compileSql(scope('', { ...base, ...values }), ref)).toEqual({ text: expected, params });
  });
});

describe('compileCell(scope, name) inlines referenced SQL cells as CTEs', () => {
  const cells = `
\`\`\`sql a
SELECT ${'${n}'} AS v;
\`\`\`

\`\`\`sql b
SELECT v + 1 AS v FROM ${'${a}'}
\`\`\`

\`\`\`sql c
SELECT * FROM ${'${a}'} JOIN ${'${b}'} USING (v)
\`\`\`

\`\`\`sql d
-- egen WITH
WITH RECURSIVE t AS (SELECT 1 AS v) SELECT * FROM t, ${'${b}'}
\`\`\`

\`\`\`sql e
SELECT * FROM ${'${f}'}
\`\`\`

\`\`\`sql f
SELECT * FROM ${'${e}'}
\`\`\`
`;
  it('orders CTEs by dependency, once each, with their parameters first', () => {
    expect(compileCell(scope(cells, { ...base, n: 5 }), 'c')).toEqual({
      text: 'WITH "nb_a" AS (\nSELECT ? AS v\n),\n"nb_b" AS (\nSELECT v + 1 AS v FROM "nb_a"\n)\nSELECT * FROM "nb_a" JOIN "nb_b" USING (v)',
      params: [5],
    });
  });
  it('splices its CTEs into a cell that has its own WITH', () => {
    expect(compileCell(scope(cells, base), 'd').text).toBe(
      '-- egen WITH\nWITH RECURSIVE "nb_a" AS (\nSELECT ? AS v\n),\n"nb_b" AS (\nSELECT v + 1 AS v FROM "nb_a"\n),\nt AS (SELECT 1 AS v) SELECT * FROM t, "nb_b"',
    );
  });
  it('names a cycle', () => {
    expect(() => compileCell(scope(cells, base), 'e')).toThrow('Cykliskt beroende: e → f → e.');
  });
  it('reads a filter input’s options from the filtervarden view, not the raw rows', () => {
    expect(compileCell(scope('', base), 'enhet')).toEqual({ text: 'SELECT DISTINCT CAST("enhet" AS VARCHAR) AS value FROM "filtervarden" WHERE "enhet" IS NOT NULL ORDER BY 1', params: [] });
  });
});

describe('compiled notebook SQL on the real DuckDB', () => {
  let db: NodeConnector;
  const exempel = parseNotebook(readFileSync(new URL('./examples/exempel.md', import.meta.url), 'utf8'));
  const index = indexNotebook(exempel);
  const run = async (name: string, values: Record<string, InputValue>) => {
    const q = compileCell({ ...index, values: { period: { from: '2023-01', to: '2023-03' }, enhet: null, farre: 10, ...values } }, name);
    return (await db.query(q.text, q.params)).toArray().map((r) => r.toJSON());
  };

  beforeAll(async () => {
    db = await NodeConnector.open();
    // h4's December payment lies outside the period; h3's zero payment does not make it active.
    await db.query(`CREATE TABLE utbetalningar AS SELECT hushall_id, CAST(manad AS DATE) AS manad, utbetalt_kr, enhet, antal_barn FROM (VALUES
      ('h1', '2023-01-01', 1000, 'Norr', 0), ('h2', '2023-01-01', 2000, 'Söder', 2),
      ('h1', '2023-02-01', 1500, 'Norr', 0), ('h3', '2023-02-01', 0, 'Norr', 1),
      ('h2', '2023-03-01', 2500, 'Söder', 2), ('h4', '2022-12-01', 900, 'Norr', 0)) v(hushall_id, manad, utbetalt_kr, enhet, antal_barn)`);
    // The enhet input's options read the model's filtervarden view, as on the page.
    await publishModel(db, await prepareMetrics(db));
  });
  afterAll(async () => db.close());

  it('runs the example’s per_manad with the period and enhet filters bound', async () => {
    expect(await run('per_manad', { enhet: 'Norr' })).toEqual([
      { manad: '2023-01', aktiva: 1, utbetalt: 1000 },
      { manad: '2023-02', aktiva: 1, utbetalt: 1500 },
    ]);
  });

  it('runs besparing through two CTE levels: 10 × mean(1 000, 1 500) × 12 = 150 000 kr', async () => {
    expect(await run('besparing', { enhet: 'Norr' })).toEqual([{ kr_per_ar: 150_000 }]);
    // All units: mean(3 000/2, 1 500/1, 2 500/1) = 1 833,33 → 10 × 1 833,33 × 12 = 220 000.
    expect((await run('besparing', {}))[0]!.kr_per_ar).toBeCloseTo(220_000, 6);
  });

  it('lists the enhet options from the column', async () => {
    expect(await run('enhet', {})).toEqual([{ value: 'Norr' }, { value: 'Söder' }]);
  });

  it('binds a hostile value as data, leaving the table intact', async () => {
    expect(await run('per_manad', { enhet: "Norr'; DROP TABLE utbetalningar; --" })).toEqual([]);
    expect((await db.query('SELECT count(*) AS n FROM utbetalningar')).getChild('n')?.get(0)).toBe(6);
  });

  it.each([
    ['2023-01', '2023-02', 4500],
    ['2022-12', '2023-03', 7900],
    ['2023-03', '2023-03', 2500],
  ])('filters %s..%s the same way with manadKind date (fast path) and without (%i kr)', async (from, to, kr) => {
    const nb = parseNotebook(`\`\`\`input period\ntype: period\nfrom: 2023-01\nto: 2023-01\n\`\`\`\n\n\`\`\`sql q\nSELECT sum(utbetalt_kr) AS kr FROM utbetalningar WHERE \${filters}\n\`\`\`\n`);
    for (const manadKind of ['date', undefined] as const) {
      const q = compileCell({ ...indexNotebook(nb), values: { period: { from, to } }, ...(manadKind ? { manadKind } : {}) }, 'q');
      expect((await db.query(q.text, q.params)).getChild('kr')?.get(0)).toBe(kr);
    }
  });

  it('filters on barn and on a month column stored as text', async () => {
    const nb = parseNotebook(`${inputsText}\n\`\`\`sql q\nSELECT count(*) AS rader, sum(utbetalt_kr) AS kr FROM utbetalningar_text WHERE \${filters(-enhet)}\n\`\`\`\n`);
    await db.query("CREATE TABLE utbetalningar_text AS SELECT * REPLACE (strftime(manad, '%Y-%m') AS manad) FROM utbetalningar");
    const q = compileCell({ ...indexNotebook(nb), values: { ...base, barn: 'med barn' } }, 'q');
    expect((await db.query(q.text, q.params)).toArray()[0]!.toJSON()).toEqual({ rader: 3, kr: 4500 });
  });

  it('reads a table the metrics layer created (here a stand-in perioder table)', async () => {
    // The published model's perioder view gives way to the stand-in.
    await db.query('DROP VIEW IF EXISTS perioder');
    await db.query("CREATE TABLE perioder AS SELECT 'h1' AS hushall_id, DATE '2023-01-01' AS start_manad");
    const nb = parseNotebook('```sql p\nSELECT count(*) AS n FROM perioder\n```\n\n```sql q\nSELECT n * 2 AS m FROM ${p}\n```\n');
    const q = compileCell({ ...indexNotebook(nb), values: {} }, 'q');
    expect((await db.query(q.text, q.params)).toArray()[0]!.toJSON()).toEqual({ m: 2 });
  });
});

describe('nextMonth(month)', () => {
  it.each([['2023-01', '2023-02'], ['2023-09', '2023-10'], ['2023-12', '2024-01']])('%s → %s', (m, next) => {
    expect(nextMonth(m)).toBe(next);
  });
  it('gives a date-range period filter when manad is a DATE', () => {
    expect(compileSql({ ...scope('', base), manadKind: 'date' }, '${filters}')).toEqual({ text: '("manad" >= CAST(? AS DATE) AND "manad" < CAST(? AS DATE))', params: ['2023-01-01', '2023-04-01'] });
  });
});
